// jest's related-tests listing: `jest --findRelatedTests <changed files> --listTests`, cold and with its haste cache.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { toolBin, toRepoPaths } from './context.mjs';
import { escapeRegExp } from './workspace-packages.mjs';

/** @typedef {import('./context.mjs').BenchContext} BenchContext */
/** @typedef {import('./context.mjs').Peer} Peer */

const bin = toolBin('jest/bin/jest.js');
const pathsResolver = fileURLToPath(new URL('jest-paths-resolver.cjs', import.meta.url));

/**
 * A config outside the repository (which has no node_modules): TypeScript test files, no watchman, and
 * `moduleNameMapper` entries that do what TypeScript's resolution does here, so jest can follow the same
 * edges: `.js` specifiers to `.ts` files, workspace packages to their `src/` (their `exports` point into an
 * unbuilt `dist/`), and the root tsconfig `paths` aliases. Packages with `paths` of their own (`@models` in one
 * package, another `@models` in the next) get a resolver that applies the importing package's, as TypeScript does.
 * @param {BenchContext} context
 * @returns {{ file: string, env?: Record<string, string> }}
 */
function writeConfig(context) {
  /** @type {Record<string, string>} */
  const mapper = {};
  for (const { name, dir, entry } of context.packages) {
    if (context.generated) {
      mapper[`^${escapeRegExp(name)}$`] = `<rootDir>/${dir}/src/index.ts`;
      mapper[`^${escapeRegExp(name)}/util$`] = `<rootDir>/${dir}/src/util/index.ts`;
    } else if (entry) {
      mapper[`^${escapeRegExp(name)}$`] = `<rootDir>/${entry}`;
    }
    mapper[`^${escapeRegExp(name)}/(.*?)(?:\\.js)?$`] = `<rootDir>/${dir}/src/$1`;
  }
  for (const { prefix, target } of context.aliases) mapper[`^${escapeRegExp(prefix)}(.*?)(?:\\.js)?$`] = `<rootDir>/${target}$1`;
  mapper['^(\\.{1,2}/.*?)\\.js$'] = '$1';
  const config = {
    rootDir: context.repo,
    testMatch: context.jestTestMatch,
    testPathIgnorePatterns: ['/node_modules/', '/dist/', '/build/'],
    moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json'],
    watchman: false,
    haste: { enableSymlinks: false },
    moduleNameMapper: mapper,
    ...(context.packagePaths.length > 0 ? { resolver: pathsResolver } : {}),
  };
  const file = path.join(context.scratch, 'jest.config.json');
  writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
  if (context.packagePaths.length === 0) return { file };
  const scopes = path.join(context.scratch, 'jest-package-paths.json');
  writeFileSync(scopes, JSON.stringify(context.packagePaths));
  return { file, env: { IMPACTED_BENCH_JEST_PATHS: scopes } };
}

/**
 * @param {BenchContext} context
 * @param {'cold' | 'warm'} state  cold: a fresh `--cacheDirectory` per run; warm: one shared, filled by an unmeasured run
 * @returns {Peer}
 */
export function jestRelated(context, state) {
  const { file: configFile, env } = writeConfig(context);
  const sharedCache = path.join(context.scratch, 'jest-cache-warm');
  /** @param {string} cacheDirectory */
  const args = (cacheDirectory) => [
    bin,
    '--config',
    configFile,
    '--cacheDirectory',
    cacheDirectory,
    '--listTests',
    '--json',
    '--findRelatedTests',
    ...context.meta.changed,
  ];
  return {
    id: `jest-${state}`,
    label: `jest --findRelatedTests (${state})`,
    command: `jest --config <jest.config.json> --cacheDirectory <${state === 'cold' ? 'fresh empty dir' : 'primed dir'}> --listTests --json --findRelatedTests ${context.meta.changed.join(' ')}`,
    config:
      context.generated
        ? 'jest.config.json outside the repo: rootDir = repo, testMatch {packages,apps}/*/test/**/*.test.ts, moduleFileExtensions ts/tsx/js/mjs/cjs/json, watchman false, moduleNameMapper: `.js` -> extensionless, @bench/pN[/util|/*] -> pN/src, @alias/pN/* -> tsconfig paths'
        : `jest.config.json outside the repo: rootDir = repo, jest's default testMatch (its listing kept to impacted's test files), watchman false, moduleNameMapper: \`.js\` -> extensionless, each of the ${context.packages.length} workspace packages -> its source entry, <name>/* -> <dir>/src/*` +
          (context.packagePaths.length > 0 ? `; a resolver applying the importing package's own tsconfig paths (${context.packagePaths.length} packages have them)` : ''),
    setup:
      state === 'warm'
        ? () => {
            execFileSync(process.execPath, args(sharedCache), { cwd: context.repo, stdio: 'ignore', timeout: context.timeoutMs, env: { ...process.env, ...env } });
          }
        : undefined,
    invocation: () => ({
      file: process.execPath,
      args: args(state === 'cold' ? mkdtempSync(path.join(context.scratch, 'jest-cache-')) : sharedCache),
      cwd: context.repo,
      env,
    }),
    selected: (stdout) => toRepoPaths(/** @type {string[]} */ (JSON.parse(stdout)), context.repo).filter(context.isTest),
  };
}
