// `impacted run` for packages whose test script names no runner impacted reads (`make test`, `npm run test:unit` that
// starts `./scripts/test.sh`): a selected test of theirs runs the package's own script, once, through the package
// manager, and its exit code counts. The real CLI on temp git repositories made from fixtures/runners-unread-scripts.
import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { createRepo, projectRoot, type TempRepo } from '../helpers/repo.js';

const nativeNote = "impacted: running packages/native's own test script: make test, impacted cannot pass it files\n";
const cliNote = "impacted: running packages/cli's own test script: npm run test:unit, impacted cannot pass it files\n";

interface ScriptRepo extends TempRepo {
  /** The packages whose script ran, one line per run, in order. */
  ran: () => string[];
  env: Record<string, string>;
}

/**
 * The fixture with scripts that say when they run: native's Makefile and cli's `scripts/test.sh` append their package
 * to a marker file, and exit with `NATIVE_EXIT` / `CLI_EXIT`. The workspace packages and vitest are linked in a
 * node_modules of its own (git-ignored), as an install would, so that the root vitest runs the app's test.
 */
function scriptRepo(change: (repo: TempRepo) => void, config?: object): ScriptRepo {
  const repo = createRepo('runners-unread-scripts', { commit: false });
  if (config) repo.write('impacted.config.json', JSON.stringify(config));
  repo.write('packages/native/Makefile', '.PHONY: test\ntest:\n\t@echo native >> "$$IMPACTED_MARKER"\n\t@exit $${NATIVE_EXIT:-0}\n');
  repo.write('packages/cli/scripts/test.sh', '#!/bin/sh\necho cli >> "$IMPACTED_MARKER"\nexit "${CLI_EXIT:-0}"\n');
  mkdirSync(path.join(repo.dir, 'node_modules/.bin'), { recursive: true });
  mkdirSync(path.join(repo.dir, 'node_modules/@unread'));
  symlinkSync(path.join(projectRoot, 'node_modules/vitest'), path.join(repo.dir, 'node_modules/vitest'), 'dir');
  symlinkSync(path.join(projectRoot, 'node_modules/.bin/vitest'), path.join(repo.dir, 'node_modules/.bin/vitest'));
  for (const pkg of ['app', 'cli', 'native', 'types']) symlinkSync(path.join(repo.dir, 'packages', pkg), path.join(repo.dir, 'node_modules/@unread', pkg), 'dir');
  repo.commit('initial');
  repo.git('checkout', '-q', '-b', 'feature');
  change(repo);
  const marker = path.join(repo.dir, '.git/ran');
  return { ...repo, env: { IMPACTED_MARKER: marker }, ran: () => (existsSync(marker) ? readFileSync(marker, 'utf8').split('\n').filter(Boolean) : []) };
}

const editNative = (repo: TempRepo) => repo.write('packages/native/src/index.ts', `${repo.read('packages/native/src/index.ts')}export const seed = 0;\n`);

function run(repo: ScriptRepo, args: string[] = [], env: Record<string, string> = {}) {
  return runCli(['run', '--base', 'main', ...args], { cwd: repo.dir, env: { ...repo.env, ...env } });
}

test("a selected test of a package run by `make test` runs that script, once, beside the root vitest with the app's test", () => {
  // Two of native's tests are selected (a new one, and the one that imports the changed source): one run of its script.
  const repo = scriptRepo((r) => {
    editNative(r);
    r.write('packages/native/test/seed.test.ts', "import { seed } from '../src/index.ts';\nconsole.log(seed);\n");
  });
  const result = run(repo);
  expect(result.code, result.stderr).toBe(0);
  expect(repo.ran()).toEqual(['cli', 'native']);
  expect(result.stderr).toContain('impacted: 2 changed files affect 4 of 4 tests');
  expect(result.stderr).toContain(`\n[2/3] script in packages/cli: 1 test file\n${cliNote}`);
  expect(result.stderr).toContain(`\n[3/3] script in packages/native: 2 test files\n${nativeNote}`);
  // The root vitest got the app's test only, and ran it: before, it got all three and found no test in native's and cli's.
  expect(result.stderr).toContain('[1/3] vitest in .: 1 test file\n');
  expect(result.stdout).toMatch(/Test Files {2}1 passed \(1\)/);
});

test("a failing script makes the run fail with the script's exit code", () => {
  const repo = scriptRepo(editNative);
  const failing = run(repo, [], { CLI_EXIT: '3' });
  expect(failing.code).toBe(3);
  // The groups after it still run.
  expect(repo.ran()).toEqual(['cli', 'native']);
  // make exits 2 when a recipe fails, and npm passes that on.
  expect(run(repo, [], { NATIVE_EXIT: '5' }).code).toBe(2);
});

test('no selected test of the package: its script does not run', () => {
  const repo = scriptRepo((r) => r.write('packages/app/test/app.test.ts', `${r.read('packages/app/test/app.test.ts')}// touched\n`));
  const result = run(repo);
  expect(result.code, result.stderr).toBe(0);
  expect(result.stderr).toContain('impacted: 1 changed file affects 1 of 3 tests');
  expect(repo.ran()).toEqual([]);
  expect(result.stderr).not.toContain('own test script');
  // A change that reaches cli's test and not native's runs cli's script alone.
  repo.write('packages/cli/src/main.ts', `${repo.read('packages/cli/src/main.ts')}// touched\n`);
  const cliOnly = run(repo);
  expect(cliOnly.code, cliOnly.stderr).toBe(0);
  expect(repo.ran()).toEqual(['cli']);
  expect(cliOnly.stderr).not.toContain(nativeNote);
});

test('--dry-run prints the script commands with the package manager of the repository, and runs nothing', () => {
  const repo = scriptRepo(editNative);
  const npm = run(repo, ['--dry-run']);
  expect(npm.code, npm.stderr).toBe(0);
  expect(npm.stdout).toContain('(cd packages/cli && npm run test)\n(cd packages/native && npm run test)\n');
  expect(npm.stderr).toContain(`${cliNote}${nativeNote}`);
  repo.write('package.json', JSON.stringify({ ...(JSON.parse(repo.read('package.json')) as object), packageManager: 'pnpm@9.15.0' }));
  expect(run(repo, ['--dry-run']).stdout).toContain('(cd packages/cli && pnpm run test)\n(cd packages/native && pnpm run test)\n');
  expect(repo.ran()).toEqual([]);
});

test('--shard: each script runs in one shard only, the one that holds the first of its selected tests', () => {
  const repo = scriptRepo((r) => {
    editNative(r);
    r.write('packages/native/test/seed.test.ts', "import { seed } from '../src/index.ts';\nconsole.log(seed);\n");
  });
  for (const shard of ['1/2', '2/2']) {
    const result = run(repo, ['--shard', shard]);
    expect(result.code, result.stderr).toBe(0);
  }
  expect(repo.ran().toSorted()).toEqual(['cli', 'native']);
});

test('a configured runner runs every test: no script runs', () => {
  const repo = scriptRepo(editNative, { runner: { command: 'echo {files}' } });
  const result = run(repo, ['--dry-run']);
  expect(result.code, result.stderr).toBe(0);
  expect(result.stdout).toBe('(cd . && echo packages/app/test/app.test.ts packages/cli/test/main.spec.ts packages/native/test/checksum.test.ts)\n');
  expect(result.stderr).not.toContain('own test script');
});
