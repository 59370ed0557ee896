// A runner config or a tsconfig: selects the tests of its package and its dependents; at the root, every test.
import path from 'node:path';
import { isRunnerConfig } from '../../runners/adapters.js';
import type { SelectionRule } from './rule.js';

export const configFile: SelectionRule = {
  name: 'config-file',
  claims: (file) => isRunnerConfig(file) || /^tsconfig.*\.json$/.test(path.posix.basename(file)),
  stop: true,
  select(files, { scope, runAll, selectPackage }) {
    for (const file of files) {
      const owner = scope.ownerDir(file);
      if (owner === '') runAll(file, `${file} configures the whole repository`);
      else selectPackage(owner, file, `${path.posix.basename(file)} configures ${owner}`);
    }
  },
};
