// `impacted doctor` compares each runner's own listing with impacted's test set: exit 0 when equal, 1 with the
// differences printed when not.
import { expect, test } from 'vitest';
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
  // Static reading takes the root config's coverage globs for test globs: packages/b's test is invisible to it.
  const differed = runCli(['doctor', '--no-probe'], { cwd: repo.dir });
  expect(differed.code).toBe(1);
  expect(differed.stdout).toContain(
    '2 test files the runners list that impacted does not treat as tests (changes would not select them):\n    packages/b/test/two.test.ts\n    packages/b/test/types.test-d.ts\n',
  );
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
