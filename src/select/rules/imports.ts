// The main rule: code (or any file something imports) selects the tests that reach it through imports.
import { codeExtensions } from '../../graph/build-graph.js';
import type { SelectionRule } from './rule.js';

export const imports: SelectionRule = {
  name: 'imports',
  claims: (file, { importers }) => codeExtensions.test(file) || importers.has(file),
  stop: true,
  select(files, { propagate }) {
    for (const file of files) propagate(file, file);
  },
};
