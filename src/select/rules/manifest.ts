// A workspace package's package.json: selects the package and its dependents; the root manifest runs everything.
import path from 'node:path';
import type { SelectionRule } from './rule.js';

const dirOf = (file: string) => (path.posix.dirname(file) === '.' ? '' : path.posix.dirname(file));

export const manifest: SelectionRule = {
  name: 'manifest',
  claims: (file, { scope }) => path.posix.basename(file) === 'package.json' && scope.isPackageDir(dirOf(file)),
  stop: true,
  select(files, { runAll, selectPackage }) {
    for (const file of files) {
      const dir = dirOf(file);
      if (dir === '') runAll(file, `the root package.json changed: running every test`);
      else selectPackage(dir, file, `the manifest of ${dir} changed`);
    }
  },
};
