// A known-inert file (CI, formatter and linter configs, editor settings, ...; see config/defaults.ts) selects nothing.
import type { SelectionRule } from './rule.js';

export const inertFile: SelectionRule = {
  name: 'inert-file',
  // Whatever the graph knows wins: an imported or read file, a test, or a file a test setup loads is not inert.
  claims: (file, { inertPattern, importers, testSet }) =>
    !importers.has(file) && !testSet.has(file) && inertPattern(file) !== undefined,
  stop: true,
  select(files, { inertPattern, inert }) {
    for (const file of files) inert(file, inertPattern(file)!);
  },
};
