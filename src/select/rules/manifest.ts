// A package.json change, key by key: dependency ranges select their importers, what shapes a test run widens to the
// package and its dependents (the root: every test), metadata selects nothing.
import path from 'node:path';
import { minimatch } from 'minimatch';
import { inertDependencies } from '../../config/defaults.js';
import type { ManifestKeyChange } from '../../types.js';
import type { RuleContext, SelectionRule } from './rule.js';

const dirOf = (file: string) => (path.posix.dirname(file) === '.' ? '' : path.posix.dirname(file));

/** Keys no test run reads: package metadata, publishing, and the config of tools that do not run tests. */
export const inertManifestKeys = new Set([
  '$schema',
  'version',
  'description',
  'keywords',
  'author',
  'contributors',
  'maintainers',
  'license',
  'licenses',
  'homepage',
  'bugs',
  'repository',
  'funding',
  'private',
  'publishConfig',
  'files',
  'directories',
  'engines',
  'os',
  'cpu',
  'packageManager',
  'volta',
  'sideEffects',
  'gitHead',
  'readme',
  'prettier',
  'eslintConfig',
  'eslintIgnore',
  'stylelint',
  'lint-staged',
  'commitlint',
  'husky',
  'simple-git-hooks',
  'manypkg',
  'size-limit',
  'release',
  'release-it',
]);

const dependencyFields = new Set(['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']);

/** Test runners are imported by few tests (globals) yet run every one. */
const runners = new Set(['vitest', 'jest', 'mocha', '@playwright/test', 'playwright', 'ava', 'jasmine', 'uvu', 'tap']);

/** `@types/foo` types `foo`, `@types/scope__name` types `@scope/name`. */
const typedPackage = (name: string) => (name.startsWith('@types/') ? name.slice(7).replace(/^([^_]+)__/, '@$1/') : name);

/** `npm test` and its hooks, and the `test:*` scripts a test script usually runs. */
const isTestScript = (name: string) => /^(?:pre|post)?test(?::|$)/.test(name);

interface Outcome {
  /** What widens: shown in the reason. */
  widen: string[];
  /** Dependencies whose importers are selected. */
  importersOf: Array<{ name: string; field: string; imported: string }>;
}

function classify(dir: string, keys: readonly ManifestKeyChange[], context: RuleContext): Outcome {
  const outcome: Outcome = { widen: [], importersOf: [] };
  const workspaceNames = new Set(context.graph.packages.filter((pkg) => pkg.dir !== dir).map((pkg) => pkg.name));
  for (const { key, name } of keys) {
    if (name !== undefined && key === 'scripts') {
      if (isTestScript(name)) outcome.widen.push(`scripts.${name}`);
    } else if (name !== undefined && dependencyFields.has(key)) {
      const imported = typedPackage(name);
      if (workspaceNames.has(name)) outcome.widen.push(`${key}: ${name} (a workspace package)`);
      else if (runners.has(imported)) outcome.widen.push(`${key}: ${name} (a test runner)`);
      else if (context.importersOfPackage().has(imported)) outcome.importersOf.push({ name, field: key, imported });
      else if (!inertDependencies.some((glob) => minimatch(name, glob))) outcome.widen.push(`${key}: ${name} (imported by no file, so a tool a test run may use)`);
    } else if (!inertManifestKeys.has(key)) outcome.widen.push(key);
  }
  return outcome;
}

export const manifest: SelectionRule = {
  name: 'manifest',
  // A manifest that cannot be parsed leaves its package out of the workspace layout: it is still this rule's.
  claims: (file, { scope, changes }) =>
    path.posix.basename(file) === 'package.json' && (scope.isPackageDir(dirOf(file)) || changes.manifests?.some((m) => m.manifest === file && m.error) === true),
  stop: true,
  select(files, context) {
    const { changes, graph, scope, runAll, selectPackage, propagate, importersOfPackage } = context;
    for (const file of files) {
      const dir = dirOf(file);
      const where = dir === '' ? 'the root package.json' : `the manifest of ${dir}`;
      const diff = changes.manifests?.find((m) => m.manifest === file);
      const { widen, importersOf } = diff && !diff.error ? classify(dir, diff.keys, context) : { widen: [diff?.error ?? 'not analysed'], importersOf: [] };
      if (widen.length > 0) {
        if (dir === '' || !scope.isPackageDir(dir)) runAll(file, `${where} changed (${widen.join(', ')})`);
        else selectPackage(dir, file, `${where} changed (${widen.join(', ')})`);
        continue;
      }
      // Code resolves a dependency from its own package's node_modules, or, when its package does not declare it,
      // from wherever the package manager hoisted it: possibly this manifest's copy.
      for (const { name, field, imported } of importersOf) {
        const others = new Set(graph.packages.filter((pkg) => pkg.dir !== dir && (pkg.declared?.includes(name) ?? false)).map((pkg) => pkg.dir));
        for (const importer of importersOfPackage().get(imported) ?? []) {
          if (!others.has(scope.ownerDir(importer))) propagate(importer, file, `the ${field} range of ${name} changed in ${file}`);
        }
      }
    }
  },
};
