// A package whose test script names no runner impacted reads (`make test`, `./scripts/test.sh`) beside a root runner
// config that does not cover it: its files matching the default test globs count as tests, with one warning per
// package, unless `"unreadTestScripts": "ignore"`; a script that runs nothing (npm's default) changes nothing. The real
// CLI on temp git repositories made from fixtures/runners-unread-scripts.
import { expect, test } from 'vitest';
import type { Selection } from '../../src/types.js';
import { runCli } from '../helpers/cli.js';
import { createRepo, type TempRepo } from '../helpers/repo.js';

const app = 'packages/app/test/app.test.ts';
const cli = 'packages/cli/test/main.spec.ts';
const native = 'packages/native/test/checksum.test.ts';

const advice = (dir: string) =>
  `Add ${dir} to a runner config (or "tests" in impacted.config.json), or set "unreadTestScripts": "ignore" in impacted.config.json if that script runs none of them.`;
const cliWarning = `packages/cli: its test script "npm run test:unit" names no test runner impacted reads; 1 file there that matches the default test globs and no runner config takes counts as a test. ${advice('packages/cli')}`;
const nativeWarning = `packages/native: its test script "make test" names no test runner impacted reads; 1 file there that matches the default test globs and no runner config takes counts as a test. ${advice('packages/native')}`;

function feature(change: (repo: TempRepo) => void, config?: object): TempRepo {
  const repo = createRepo('runners-unread-scripts');
  if (config) {
    repo.write('impacted.config.json', JSON.stringify(config));
    repo.commit('config');
  }
  repo.git('checkout', '-q', '-b', 'feature');
  change(repo);
  return repo;
}

function list(repo: TempRepo, ...args: string[]): { selection: Selection; warnings: string[]; note: string | undefined } {
  const result = runCli(['list', '--json', '--base', 'main', ...args], { cwd: repo.dir });
  expect(result.code, result.stderr).toBe(0);
  const lines = result.stderr.split('\n');
  const warnings = lines.filter((line) => line.startsWith('impacted: warning: '));
  return { selection: JSON.parse(result.stdout) as Selection, warnings, note: lines.find((line) => line.startsWith('impacted: no config; ')) };
}

const paths = (selection: Selection) => selection.tests.map((t) => t.path);
const editNative = (repo: TempRepo) => repo.write('packages/native/src/index.ts', `${repo.read('packages/native/src/index.ts')}export const seed = 0;\n`);

test('a package run by `make test` outside the root vitest include: its tests count, selected through the graph, with one warning per package', () => {
  const repo = feature(editNative);
  const { selection, warnings, note } = list(repo);
  // The no-config note says which tests only the default globs made (it used to credit all 3 to vitest's globs).
  expect(note).toContain(', 3 test files (1 from vitest include globs, 2 from the default globs in packages with no runner impacted reads), ');
  // Before, only the app's test was a test: a change to native could break its own test and cli's, and selected neither.
  expect(paths(selection)).toEqual([app, cli, native]);
  expect(selection.tests.find((t) => t.path === cli)?.reasons).toEqual([{ changed: 'packages/native/src/index.ts', via: ['packages/app/src/index.ts', 'packages/cli/src/main.ts'] }]);
  expect(selection.reason).toBe('1 changed file affects 3 of 3 tests');
  expect(selection.warnings).toEqual([cliWarning, nativeWarning]);
  expect(warnings).toEqual([`impacted: warning: ${cliWarning}`, `impacted: warning: ${nativeWarning}`]);
  // The root's `turbo run test` runs the packages' scripts, never scripts/release.test.ts; the types package's npm
  // default script runs nothing: neither is a test, nor warned about.
  const all = runCli(['list', '--json', '--base', 'main'], { cwd: feature((r) => r.write('tsconfig.json', '{}\n')).dir });
  expect(all.code, all.stderr).toBe(0);
  expect(paths(JSON.parse(all.stdout) as Selection)).toEqual([app, cli, native]);
});

test('"unreadTestScripts": "ignore": only what the runner configs take is a test, and no warning', () => {
  const { selection, warnings } = list(feature(editNative, { unreadTestScripts: 'ignore' }));
  expect(paths(selection)).toEqual([app]);
  expect(selection.reason).toBe('1 changed file affects 1 of 1 test');
  expect(selection.warnings).toBeUndefined();
  expect(warnings).toEqual([]);
});

test('a script that runs nothing (npm\'s "Error: no test specified") is no unread script: its test-looking file is no test', () => {
  const repo = feature((r) => r.write('packages/types/src/index.ts', 'export interface Payload {\n  id: string;\n  body: string;\n  at?: number;\n}\n'));
  const { selection, warnings } = list(repo);
  // packages/types/test/payload.test.ts reaches the change, and is no test; the app (a type-only import) and the cli
  // that imports it are.
  expect(paths(selection)).toEqual([app, cli]);
  expect(selection.warnings).toEqual([cliWarning, nativeWarning]);
  expect(warnings.some((line) => line.includes('packages/types'))).toBe(false);
  // Every such script alike: `exit 0`, `true`, `echo ... && exit 0`.
  for (const script of ['exit 0', 'true', 'echo "tests run from the root" && exit 0']) {
    repo.write('packages/native/package.json', JSON.stringify({ name: '@unread/native', version: '1.0.0', type: 'module', main: 'src/index.ts', scripts: { test: script } }));
    const quiet = list(repo);
    expect(paths(quiet.selection), script).toEqual([app, cli]);
    expect(quiet.selection.warnings, script).toEqual([cliWarning]);
  }
});

test('a warm run after switching the option, or after a test script changes, gives what a cold run gives', () => {
  const repo = feature(editNative);
  const cold = list(repo);
  expect(paths(cold.selection)).toEqual([app, cli, native]);
  // The readings cache is warm now. The option comes from a config file in node_modules (git-ignored, like the cache
  // beside it), so no file of the repository changes.
  const ignore = 'node_modules/ignore.json';
  const widen = 'node_modules/widen.json';
  repo.write(ignore, JSON.stringify({ unreadTestScripts: 'ignore' }));
  repo.write(widen, JSON.stringify({ unreadTestScripts: 'widen' }));
  for (const [config, expected, warned] of [
    [ignore, [app], []],
    [widen, [app, cli, native], [cliWarning, nativeWarning]],
    [ignore, [app], []],
  ] as const) {
    const warm = list(repo, '--config', config);
    expect(warm.selection.mode, config).toBe('affected');
    expect(paths(warm.selection), config).toEqual(expected);
    expect(warm.selection.warnings ?? [], config).toEqual(warned);
  }
  // The config in the repository changed in the work tree: every test runs, and which files are tests follows it.
  repo.write('impacted.config.json', JSON.stringify({ unreadTestScripts: 'ignore' }));
  const all = list(repo);
  expect(all.selection.mode).toBe('all');
  expect(paths(all.selection)).toEqual([app]);
  repo.write('impacted.config.json', JSON.stringify({ unreadTestScripts: 'widen' }));
  expect(paths(list(repo).selection)).toEqual([app, cli, native]);
  repo.remove('impacted.config.json');
  // native's script now names vitest, which the root config (the nearest) runs: native's test is no longer a test,
  // the change of its test script selects the package and its dependents, and only cli is warned about.
  repo.write('packages/native/package.json', JSON.stringify({ name: '@unread/native', version: '1.0.0', type: 'module', main: 'src/index.ts', scripts: { test: 'vitest run' } }));
  const rescripted = list(repo);
  expect(rescripted.selection.mode).toBe('affected');
  expect(paths(rescripted.selection)).toEqual([app, cli]);
  expect(rescripted.selection.warnings).toEqual([cliWarning]);
});

test('the same with a root jest config whose roots leave the package out', () => {
  const repo = createRepo('runners-unread-scripts');
  repo.remove('vitest.config.ts');
  repo.write('jest.config.js', "module.exports = { roots: ['<rootDir>/packages/app'] };\n");
  repo.write('package.json', JSON.stringify({ name: 'runners-unread-scripts', private: true, workspaces: ['packages/*'], scripts: { test: 'turbo run test' }, devDependencies: { jest: '^30.0.0', turbo: '^2.0.0' } }));
  repo.write('packages/app/package.json', JSON.stringify({ ...JSON.parse(repo.read('packages/app/package.json')), scripts: { test: 'jest' } }));
  repo.commit('jest');
  repo.git('checkout', '-q', '-b', 'feature');
  editNative(repo);
  const { selection, warnings } = list(repo, '--no-probe');
  expect(paths(selection)).toEqual([app, cli, native]);
  expect(warnings).toEqual([`impacted: warning: ${cliWarning}`, `impacted: warning: ${nativeWarning}`]);
});

test('a wrong value or a misspelt key is a config error (exit 2) naming the key', () => {
  const repo = feature(editNative);
  repo.write('impacted.config.json', JSON.stringify({ unreadTestScripts: 'skip' }));
  const wrong = runCli(['list', '--base', 'main'], { cwd: repo.dir });
  expect(wrong.code).toBe(2);
  expect(wrong.stderr).toBe('impacted: impacted.config.json: invalid value for "unreadTestScripts": Invalid option: expected one of "widen"|"ignore".\n');
  repo.write('impacted.config.json', JSON.stringify({ unreadTestScript: 'ignore' }));
  const misspelt = runCli(['list', '--base', 'main'], { cwd: repo.dir });
  expect(misspelt.code).toBe(2);
  expect(misspelt.stderr).toBe('impacted: impacted.config.json: unknown key "unreadTestScript": did you mean "unreadTestScripts"?\n');
});
