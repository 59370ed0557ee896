// `impacted run` stopped from outside: every terminating signal, a SIGKILL no handler sees, and --timeout all leave no
// runner process behind (checked with pgrep on a marker in the slow test's child's argv).
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { projectRoot } from '../helpers/repo.js';
import { createRunRepo } from './run-repo.js';

function processesWith(text: string): string[] {
  return spawnSync('pgrep', ['-f', text], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
}

describe('stopping impacted run from outside', () => {
  const repo = createRunRepo();
  repo.git('checkout', '-q', '-b', 'feature');
  repo.write('packages/node-pkg/test/slow.test.mjs', `${repo.read('packages/node-pkg/test/slow.test.mjs')}// touched\n`);
  repo.commit('touch slow');

  /** Starts `impacted run` on the slow test and resolves once its long-lived child is running. */
  async function startSlowRun(tag: string, args: string[] = []) {
    repo.reset();
    const child = spawn(process.execPath, [path.join(projectRoot, 'bin/impacted.js'), 'run', '--base', 'main', ...args], {
      cwd: repo.dir,
      env: { ...process.env, ...repo.env, SLOW_MARKER: tag, NO_COLOR: '1', CI: '' },
      stdio: 'ignore',
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on('exit', (code, signal) => resolve({ code, signal })),
    );
    await vi.waitFor(
      () => {
        if (!repo.ran().some((line) => line.startsWith('node-pkg/slow:'))) throw new Error('the slow test has not started yet');
      },
      { timeout: 30_000, interval: 20 },
    );
    expect(processesWith(tag)).toHaveLength(1);
    return { child, exited };
  }

  it.each([
    ['SIGHUP', 129],
    ['SIGQUIT', 131],
  ] as const)('%s stops the runner and its children, exit %i', async (signal, code) => {
    const tag = `impacted-cli-${signal}-${process.pid}`;
    const { child, exited } = await startSlowRun(tag);
    child.kill(signal);
    expect(await exited).toEqual({ code, signal: null });
    expect(processesWith(tag)).toEqual([]);
  });

  it('SIGKILL of impacted: its watchdog stops the runner and its children', async () => {
    const tag = `impacted-cli-sigkill-${process.pid}`;
    const { child, exited } = await startSlowRun(tag);
    child.kill('SIGKILL');
    expect(await exited).toEqual({ code: null, signal: 'SIGKILL' });
    await vi.waitFor(() => expect(processesWith(tag)).toEqual([]), { timeout: 10_000, interval: 50 });
  });

  it('--timeout stops a run that takes too long: one line, exit 124', async () => {
    const tag = `impacted-cli-timeout-${process.pid}`;
    const { exited } = await startSlowRun(tag, ['--timeout', '3s']);
    expect(await exited).toEqual({ code: 124, signal: null });
    expect(processesWith(tag)).toEqual([]);
  });

  it('--timeout that is not a duration: exit 2 with the forms it takes', () => {
    const result = runCli(['run', '--base', 'main', '--timeout', 'soon'], { cwd: repo.dir, env: repo.env });
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: 'impacted: invalid --timeout "soon": use a duration such as 90s, 10m or 1h (a bare number is seconds).\n',
    });
  });
});
