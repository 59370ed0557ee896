// A runner config read statically warns that it owns no test only when it has test patterns and nothing below it: a vite
// config without a `test` key configures an app (TanStack/query's examples), a root config above packages is shared
// (opentelemetry-js), while a vitest config whose `include` matches nothing may be misread. Where the runner answers,
// its answer is the truth: no warning.
import { expect, test } from 'vitest';
import { scanFiles } from '../../src/graph/scan-files.js';
import { listVitest } from '../../src/runners/vitest/probe.js';
import { findTests } from '../../src/select/find-tests.js';
import { runCli } from '../helpers/cli.js';
import { createRepo } from '../helpers/repo.js';
import { installRunner } from './runner-versions.js';

const noTests = 'packages/checks/vitest.config.ts: no test file matches its test patterns';

test('an app vite config without a test key gets no warning; a vitest config whose patterns match nothing does, unless vitest answered', { timeout: 120_000 }, async () => {
  const repo = createRepo('runners-vitest-app-config');
  const files = (await scanFiles(repo.dir)).files.map((file) => file.path);
  const discovery = findTests(repo.dir, files);
  expect(discovery.tests).toEqual(['packages/lib/tests/double.test.ts']);
  expect(discovery.warnings).toEqual([noTests]);

  // vitest itself, asked in each directory, agrees: the app and the checks have no test file.
  installRunner(repo.dir, 'vitest', 'vitest');
  installRunner(repo.dir, 'vite', 'vite');
  const listed = await Promise.all(
    ['examples/app/vite.config.ts', 'packages/checks/vitest.config.ts', 'packages/lib/vitest.config.ts'].map((configFile) => listVitest({ root: repo.dir, configFile, timeoutMs: 60_000 })),
  );
  expect(listed.map((outcome) => (outcome.ok ? outcome.files : outcome.reason))).toEqual([[], [], ['packages/lib/tests/double.test.ts']]);

  repo.git('checkout', '-q', '-b', 'feature');
  repo.write('packages/lib/src/index.ts', 'export const double = (n: number): number => n + n;\n');
  const result = runCli(['list', '--json', '--base', 'main'], { cwd: repo.dir });
  expect(result.code, result.stderr).toBe(0);
  expect((JSON.parse(result.stdout) as { tests: { path: string }[] }).tests.map((t) => t.path)).toEqual(['packages/lib/tests/double.test.ts']);
  expect(result.stderr).not.toContain('warning');
  const statically = runCli(['list', '--json', '--base', 'main', '--no-probe'], { cwd: repo.dir });
  expect(statically.stderr.split('\n').filter((line) => line.includes('warning'))).toEqual([`impacted: warning: ${noTests}`]);
});

// packages/http's test script runs three scripts, each a mocha command with its own spec.
const allTests = [
  'packages/api/test/api.test.js',
  'packages/core/test/time.test.js',
  'packages/http/test/esm.test.mjs',
  'packages/http/test/http.test.js',
  'packages/http/test/integrations/double-instr.test.cjs',
];

test('a root mocha config above packages that name their spec in their scripts owns no test by design: no warning', { timeout: 120_000 }, async () => {
  const repo = createRepo('runners-mocha-shared-config');
  const files = (await scanFiles(repo.dir)).files.map((file) => file.path);
  const discovery = findTests(repo.dir, files);
  expect(discovery.tests).toEqual(allTests);
  expect(discovery.warnings).toEqual([]);

  installRunner(repo.dir, 'mocha', 'mocha');
  repo.git('checkout', '-q', '-b', 'feature');
  repo.write('packages/core/src/time.js', 'exports.now = () => Date.now() + 0;\n');
  const result = runCli(['list', '--json', '--base', 'main'], { cwd: repo.dir });
  expect(result.code, result.stderr).toBe(0);
  expect((JSON.parse(result.stdout) as { tests: { path: string }[] }).tests.map((t) => t.path)).toEqual(allTests);
  expect(result.stderr).not.toContain('warning');
});
