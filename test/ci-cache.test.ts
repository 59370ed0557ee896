// The CI recipes keep the cache directory between jobs: a fresh checkout where the last one was (new inodes, times
// and index), with that job's cache restored, asks no runner, reads only what changed since, and selects exactly
// what a run without any cache selects.
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { analyze } from '../src/affected-tests.js';
import type { BuildGraphStats } from '../src/graph/build-graph.js';
import { probeProcessesStarted } from '../src/runners/probe/run-probe-process.js';
import { createRepo } from './helpers/repo.js';
import { installRunner } from './runners/runner-versions.js';

/** The earlier job's checkout, once moved away, and the cache directory the jobs keep. */
const earlier = mkdtempSync(path.join(tmpdir(), 'impacted-earlier-job-'));
afterAll(() => rmSync(earlier, { recursive: true, force: true }));

test('a fresh checkout with the cache of an earlier CI job asks no runner and reads only the changed file', { timeout: 120_000 }, async () => {
  const repo = createRepo('runners-vitest-shapes');
  repo.write('.gitignore', 'node_modules\n');
  installRunner(repo.dir, 'vitest', 'vitest');
  const cacheDir = path.join(earlier, 'cache');
  const env = { CI: 'true' };
  const tests = (analysis: Awaited<ReturnType<typeof analyze>>) => analysis.selection.tests.map((test) => test.path);

  // The earlier job, on a branch pushed with one change.
  const base = repo.commit('ignore node_modules');
  appendFileSync(path.join(repo.dir, 'lib/src/one.ts'), 'export const earlier = 1;\n');
  repo.commit('the change of the earlier job');
  let before = probeProcessesStarted();
  const first = await analyze({ cwd: repo.dir, base, cacheDir, env });
  expect(probeProcessesStarted() - before).toBeGreaterThan(0);
  expect(tests(first)).toEqual(['lib/src/one.check.ts']);

  // This job: the checkout is new, in the same place (as CI checks out), and the push since changed one more file.
  renameSync(repo.dir, path.join(earlier, 'repo'));
  execFileSync('git', ['clone', '-q', path.join(earlier, 'repo'), repo.dir]);
  installRunner(repo.dir, 'vitest', 'vitest');
  appendFileSync(path.join(repo.dir, 'app/src/add.ts'), 'export const later = 2;\n');
  before = probeProcessesStarted();
  const next = await analyze({ cwd: repo.dir, base, cacheDir, env });
  expect(probeProcessesStarted() - before).toBe(0);
  const stats = next.graph.stats as BuildGraphStats;
  expect(stats.extracted).toBe(1);
  expect(stats.cached).toBeGreaterThan(0);

  const uncached = await analyze({ cwd: repo.dir, base, cache: false, env });
  expect(tests(next)).toEqual(tests(uncached));
  expect(tests(next)).toEqual(['app/test/add.test.ts', 'lib/src/one.check.ts']);
});
