import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { planRun } from '../../src/run/plan-run.js';
import { runTests } from '../../src/run/run-tests.js';
import type { RunOptions } from '../../src/run/types.js';
import { createRunRepo, monorepoPackages } from './run-repo.js';

function median(values: number[]): number {
  const sorted = values.toSorted((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

describe('overhead of running through impacted', () => {
  const repo = createRunRepo();

  it('stays within 5% or 300 ms of calling the runner directly on the same files (median of 5)', async () => {
    const options: RunOptions = {
      root: repo.dir,
      mode: 'affected',
      tests: ['packages/node-pkg/test/e.test.mjs', 'packages/node-pkg/test/f.test.mjs'],
      packages: monorepoPackages,
      // A runner that starts fast, so that the machine's noise does not drown what impacted adds.
      runner: { command: 'node ./run-custom.mjs {files}' },
    };
    const [group] = (await planRun(options)).groups;
    const [program = '', ...args] = group?.commands[0]?.argv ?? [];
    const direct: number[] = [];
    const through: number[] = [];
    // Interleaved, so that load from other processes on the machine hits both sides alike.
    for (let i = 0; i < 5; i++) {
      let start = performance.now();
      const result = await execa(program, args, { cwd: path.join(repo.dir, group?.cwd ?? ''), env: repo.env, reject: false });
      direct.push(performance.now() - start);
      expect(result.exitCode).toBe(0);
      start = performance.now();
      const run = await runTests({ ...options, env: repo.env });
      through.push(performance.now() - start);
      expect(run.exitCode).toBe(0);
    }
    const overhead = median(through) - median(direct);
    expect(overhead).toBeLessThanOrEqual(Math.max(0.05 * median(direct), 300));
  });
});
