// A file no rule understands and nothing imports may be read by any test of its package: selects them all.
import type { SelectionRule } from './rule.js';

export const unknownFile: SelectionRule = {
  name: 'unknown-file',
  claims: () => true,
  stop: true,
  select(files, { scope, runAll, selectPackage }) {
    for (const file of files) {
      const owner = scope.ownerDir(file);
      if (owner === '') runAll(file, `${file} is not code and nothing imports it`);
      else selectPackage(owner, file, `${file} is not code and nothing imports it: selecting the tests of ${owner}`);
    }
  },
};
