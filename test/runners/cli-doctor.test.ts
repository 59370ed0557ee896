// `impacted doctor` compares each runner's own listing with impacted's test set: exit 0 when equal, 1 with the
// differences printed when not.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { probeCacheFileName } from '../../src/runners/probe/probe-cache.js';
import { runCli } from '../helpers/cli.js';
import { createRepo } from '../helpers/repo.js';
import { installRunner } from './runner-versions.js';

test('doctor agrees with vitest when its projects are asked, and shows what static reading misses', { timeout: 60_000 }, () => {
  const repo = createRepo('runners-vitest-projects');
  installRunner(repo.dir, 'vitest', 'vitest');
  const agreed = runCli(['doctor'], { cwd: repo.dir });
  expect(agreed).toEqual({
    code: 0,
    stdout: [
      'packages/a/vitest.config.ts: vitest 4.1.12 lists 1 test file',
      'vitest.config.ts: vitest 4.1.12 lists 3 test files',
      "impacted's 3 test files match what the runners list.",
      '',
    ].join('\n'),
    stderr: '',
  });
  // Static reading (the config's syntax tree, never its coverage globs) finds the same files.
  const statically = runCli(['doctor', '--no-probe'], { cwd: repo.dir });
  expect(statically.code, statically.stdout + statically.stderr).toBe(0);
  expect(statically.stdout).toContain("impacted's 3 test files match what the runners list.\n");
});

test('doctor --cache-dir keeps the probe cache there, not in the repository', { timeout: 60_000 }, () => {
  const repo = createRepo('runners-vitest-projects');
  installRunner(repo.dir, 'vitest', 'vitest');
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'impacted-doctor-cache-'));
  const result = runCli(['doctor', '--cache-dir', cacheDir], { cwd: repo.dir });
  expect(result.code, result.stdout + result.stderr).toBe(0);
  expect(existsSync(path.join(cacheDir, probeCacheFileName))).toBe(true);
  expect(existsSync(path.join(repo.dir, 'node_modules/.cache/impacted'))).toBe(false);
});

test('doctor prints what impacted misses and exits 1', { timeout: 60_000 }, () => {
  const repo = createRepo('runners-vitest-projects');
  installRunner(repo.dir, 'vitest', 'vitest');
  // A config impacted is told to trust over the runner: tests the runner lists but impacted does not treat as tests.
  repo.write('impacted.config.json', '{ "tests": ["packages/a/**/*.test.ts"] }\n');
  const differed = runCli(['doctor'], { cwd: repo.dir });
  expect(differed.code).toBe(1);
  expect(differed.stdout).toContain('test files the runners list that impacted does not treat as tests (changes would not select them):\n');
});

test('doctor compares jest --listTests with impacted, and says when a runner cannot be asked', { timeout: 60_000 }, () => {
  const repo = createRepo('runners-jest-projects');
  const unchecked = runCli(['doctor'], { cwd: repo.dir });
  expect(unchecked).toEqual({
    code: 0,
    stdout: 'No runner could be asked: nothing was compared.\n',
    stderr: 'impacted: jest.config.js: not checked: jest is not installed\n',
  });
  installRunner(repo.dir, 'jest', 'jest');
  const result = runCli(['doctor', '--json'], { cwd: repo.dir });
  expect(result.code).toBe(0);
  const report = JSON.parse(result.stdout) as { tests: string[]; missing: string[]; extra: string[] };
  expect(report).toMatchObject({ tests: ['packages/a/src/x.spec.js', 'packages/b/__tests__/y.js'], missing: [], extra: [] });
});
