// A file a runner's setup loads runs before every test of that package: selects them (and its dependents').
import type { SelectionRule } from './rule.js';

export const setupFile: SelectionRule = {
  name: 'setup-file',
  claims: (file, { setupOwners }) => setupOwners().has(file),
  // A setup file is also code: the tests importing it are selected by the import rule too.
  stop: false,
  select(files, { setupOwners, runAll, selectPackage }) {
    for (const file of files) {
      for (const pkg of setupOwners().get(file) ?? []) {
        // A root setup (a global setup of the root runner config) runs before every test.
        if (pkg === '') runAll(file, `${file} is part of the repository's test setup`);
        else selectPackage(pkg, file, `test setup of ${pkg}`);
      }
    }
  },
};
