// The CI recipes keep the cache directory between jobs: a fresh checkout where the last one was (new inodes, times
// and index), with that job's cache restored, asks no runner, reads only what changed since, and selects exactly
// what a run without any cache selects; a run of every test on the default branch leaves such a cache too.
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { analyze, cacheTestGraph } from '../src/affected-tests.js';
import type { BuildGraphStats } from '../src/graph/build-graph.js';
import { cacheFileName } from '../src/graph/graph-cache.js';
import { probeProcessesStarted } from '../src/runners/probe/run-probe-process.js';
import { createRepo } from './helpers/repo.js';
import { installRunner } from './runners/runner-versions.js';

/** The earlier jobs' checkouts, once moved away, and the cache directories the jobs keep. */
const earlier = mkdtempSync(path.join(tmpdir(), 'impacted-earlier-job-'));
afterAll(() => rmSync(earlier, { recursive: true, force: true }));
const tests = (analysis: Awaited<ReturnType<typeof analyze>>) => analysis.selection.tests.map((test) => test.path);

/** A fresh checkout of `repo` where it was (as CI checks out), its runner installed; the old one moved to `earlier/<name>`. */
function checkOutAgain(dir: string, name: string): void {
  renameSync(dir, path.join(earlier, name));
  execFileSync('git', ['clone', '-q', path.join(earlier, name), dir]);
  installRunner(dir, 'vitest', 'vitest');
}

test('a fresh checkout with the cache of an earlier CI job asks no runner and reads only the changed file', { timeout: 120_000 }, async () => {
  const repo = createRepo('runners-vitest-shapes');
  repo.write('.gitignore', 'node_modules\n');
  installRunner(repo.dir, 'vitest', 'vitest');
  const cacheDir = path.join(earlier, 'cache');
  const env = { CI: 'true' };

  // The earlier job, on a branch pushed with one change.
  const base = repo.commit('ignore node_modules');
  appendFileSync(path.join(repo.dir, 'lib/src/one.ts'), 'export const earlier = 1;\n');
  repo.commit('the change of the earlier job');
  let before = probeProcessesStarted();
  const first = await analyze({ cwd: repo.dir, base, cacheDir, env });
  expect(probeProcessesStarted() - before).toBeGreaterThan(0);
  expect(tests(first)).toEqual(['lib/src/one.check.ts']);

  // This job: the checkout is new, in the same place (as CI checks out), and the push since changed one more file.
  checkOutAgain(repo.dir, 'repo');
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

test("a run of every test on the default branch leaves the cache a pull request's first job needs", { timeout: 120_000 }, async () => {
  const repo = createRepo('runners-vitest-shapes');
  repo.write('.gitignore', 'node_modules\n');
  repo.commit('ignore node_modules');
  installRunner(repo.dir, 'vitest', 'vitest');
  const cacheDir = path.join(earlier, 'cache-of-main');
  const options = { cwd: repo.dir, cacheDir, env: { CI: 'true' } };

  // The push to main: every test runs, and no import is read for that; the graph is cached meanwhile.
  const all = await analyze(options);
  expect(all.changes.mode).toBe('all');
  expect(existsSync(path.join(cacheDir, cacheFileName))).toBe(false);
  await cacheTestGraph(options, all);
  expect(existsSync(path.join(cacheDir, cacheFileName))).toBe(true);

  // The pull request's first job, on a fresh checkout with main's cache.
  checkOutAgain(repo.dir, 'main-repo');
  repo.git('checkout', '-q', '-b', 'feature');
  appendFileSync(path.join(repo.dir, 'app/src/add.ts'), 'export const later = 2;\n');
  const before = probeProcessesStarted();
  const first = await analyze({ ...options, base: 'main' });
  expect(probeProcessesStarted() - before).toBe(0);
  expect((first.graph.stats as BuildGraphStats).extracted).toBe(1);
  expect(tests(first)).toEqual(tests(await analyze({ ...options, base: 'main', cache: false })));
  expect(tests(first)).toEqual(['app/test/add.test.ts']);
});
