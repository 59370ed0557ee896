// A lockfile change selects the importers of the packages whose locked version changed; an unreadable one runs all.
import path from 'node:path';
import type { SelectionRule } from './rule.js';

const lockfileNames = new Set(['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml']);

export const lockfile: SelectionRule = {
  name: 'lockfile',
  claims: (file) => lockfileNames.has(path.posix.basename(file)),
  stop: true,
  select(files, { changes, importersOfPackage, propagate, runAll }) {
    for (const file of files) {
      const change = changes.lockfiles.find((l) => l.lockfile === file);
      if (!change || change.error) {
        runAll(file, `${file} could not be read (${change?.error ?? 'not analysed'})`);
        continue;
      }
      for (const pkg of change.packages) {
        for (const importer of importersOfPackage().get(pkg) ?? []) propagate(importer, file, `locked version of ${pkg} changed`);
      }
      // A version that changed for some workspace packages only reaches the files in them (and below them).
      for (const { package: pkg, dirs } of change.scoped ?? []) {
        for (const importer of importersOfPackage().get(pkg) ?? []) {
          const dir = dirs.find((d) => importer.startsWith(`${d}/`));
          if (dir !== undefined) propagate(importer, file, `locked version of ${pkg} changed for ${dir}`);
        }
      }
    }
  },
};
