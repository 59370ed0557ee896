import { spawnSync } from 'node:child_process';
import { describe, expect, it, vi } from 'vitest';
import { runTests } from '../../src/run/run-tests.js';
import { createRunRepo, monorepoPackages } from './run-repo.js';

/** Processes whose command line contains `text` (pgrep exits 1 when there are none). */
function processesWith(text: string): string[] {
  const result = spawnSync('pgrep', ['-f', text], { encoding: 'utf8' });
  return result.stdout.split('\n').filter(Boolean);
}

function slowPid(lines: string[]): number | undefined {
  const line = lines.find((entry) => entry.startsWith('node-pkg/slow:'));
  return line ? Number(line.slice('node-pkg/slow:'.length)) : undefined;
}

describe('stopping a run', () => {
  const repo = createRunRepo();

  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)('aborting with %s stops the runner and every process it started, exit %i', async (signal, exitCode) => {
    repo.reset();
    const tag = `impacted-slow-abort-${signal}-${process.pid}`;
    const controller = new AbortController();
    const running = runTests({
      root: repo.dir,
      mode: 'affected',
      tests: ['packages/node-pkg/test/slow.test.mjs'],
      packages: monorepoPackages,
      env: { ...repo.env, SLOW_MARKER: tag },
      signal: controller.signal,
    });
    const pid = await vi.waitFor(
      () => {
        const found = slowPid(repo.ran());
        if (found === undefined) throw new Error('the slow test has not started its child yet');
        return found;
      },
      { timeout: 30_000, interval: 20 },
    );
    expect(processesWith(tag)).toEqual([String(pid)]);
    controller.abort(signal);
    const result = await running;
    expect(result).toMatchObject({ exitCode, aborted: true });
    expect(processesWith(tag)).toEqual([]);
  });
});
