// The audit compares a test's run with the graph `list` selects with: its projects' setup files are dependencies of
// the test (trpc: every audited test showed packages/tests/setupTests.ts as a missed edge).
import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { createRepo } from '../helpers/repo.js';
import { installRunner } from '../runners/runner-versions.js';

test('a setup file the test ran is no missed edge', { timeout: 120_000 }, () => {
  const repo = createRepo('runners-vitest-workspace-shared');
  installRunner(repo.dir, 'vitest', 'vitest-v2');
  repo.write('node_modules/.bin/.keep', '');
  symlinkSync('../vitest/vitest.mjs', path.join(repo.dir, 'node_modules/.bin/vitest'));
  const audit = runCli(['audit', 'packages/client/src/link.test.ts', '--json'], { cwd: repo.dir });
  expect(audit.code, audit.stderr).toBe(0);
  const [audited] = (JSON.parse(audit.stdout) as { tests: { path: string; missed: string[]; exitCode: number }[] }).tests;
  expect(audited).toMatchObject({ path: 'packages/client/src/link.test.ts', missed: [], exitCode: 0 });
});
