// `impacted run` through the real CLI: exactly the selected files run, exit codes come through, signals stop everything.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { cacheFileName } from '../src/graph/graph-cache.js';
import { runCli } from './helpers/cli.js';
import { projectRoot } from './helpers/repo.js';
import { createRunRepo } from './run/run-repo.js';

function processesWith(text: string): string[] {
  return spawnSync('pgrep', ['-f', text], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
}

describe('impacted run', () => {
  const repo = createRunRepo();
  repo.git('checkout', '-q', '-b', 'feature');
  repo.write('packages/node-pkg/test/e.test.mjs', `${repo.read('packages/node-pkg/test/e.test.mjs')}// touched\n`);
  repo.write('packages/vite-pkg/test/b.test.ts', `${repo.read('packages/vite-pkg/test/b.test.ts')}// touched\n`);
  repo.commit('touch two tests');

  it('runs exactly the affected tests, each with its package runner', () => {
    repo.reset();
    const result = runCli(['run', '--base', 'main'], { cwd: repo.dir, env: repo.env });
    expect(result.code).toBe(0);
    expect(repo.ran()).toEqual(['node-pkg/e', 'vite-pkg/b']);
    expect(result.stderr).toContain('impacted: 2 changed files affect 2 of 9 tests');
    expect(result.stderr).toContain('node in packages/node-pkg: 1 test file');
    expect(result.stderr).toContain('vitest in packages/vite-pkg: 1 test file');
  });

  it("passes the first failing runner's exit code through", () => {
    repo.reset();
    const result = runCli(['run', '--base', 'main'], { cwd: repo.dir, env: { ...repo.env, FAIL_TEST: 'node-pkg/e' } });
    expect(result.code).toBe(1);
    expect(repo.ran()).toEqual(['node-pkg/e', 'vite-pkg/b']);
  });

  it('prints the commands with --dry-run and runs nothing', () => {
    repo.reset();
    const result = runCli(['run', '--base', 'main', '--dry-run'], { cwd: repo.dir, env: repo.env });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('(cd packages/node-pkg && node --no-warnings --test test/e.test.mjs)');
    expect(result.stdout).toMatch(/\(cd packages\/vite-pkg && .*vitest run test\/b\.test\.ts\)/);
    expect(repo.ran()).toEqual([]);
  });

  it('--shard runs its part and says how many files that is', () => {
    const ran: string[] = [];
    for (const shard of ['1/2', '2/2']) {
      // The marker file is untracked: each shard starts without it, as on its own CI machine.
      repo.reset();
      const result = runCli(['run', '--base', 'main', '--shard', shard], { cwd: repo.dir, env: repo.env });
      expect(result.code).toBe(0);
      expect(result.stderr).toContain(`impacted: shard ${shard}: 1 test file\n`);
      ran.push(...repo.ran());
    }
    expect(ran.sort()).toEqual(['node-pkg/e', 'vite-pkg/b']);
  });

  it('exits 0 with "No affected tests." and starts no runner when nothing is affected', () => {
    repo.reset();
    const result = runCli(['run', '--base', 'HEAD'], { cwd: repo.dir, env: repo.env });
    expect(result).toMatchObject({ code: 0 });
    expect(result.stderr).toContain('No affected tests.');
    expect(repo.ran()).toEqual([]);
  });

  it('a run of every test on the default branch then caches the graph of what the tests reach; --dry-run does not', () => {
    repo.reset();
    repo.git('checkout', '-q', 'main');
    try {
      const cacheDir = mkdtempSync(path.join(tmpdir(), 'impacted-run-all-'));
      const dry = runCli(['run', '--dry-run', '--cache-dir', cacheDir], { cwd: repo.dir, env: repo.env });
      expect(dry.code).toBe(0);
      expect(existsSync(path.join(cacheDir, cacheFileName))).toBe(false);
      const result = runCli(['run', '--cache-dir', cacheDir], { cwd: repo.dir, env: repo.env });
      expect(result.code).toBe(0);
      expect(repo.ran()).toEqual(expect.arrayContaining(['jest-pkg/c', 'jest-pkg/d', 'node-pkg/e', 'node-pkg/f', 'vite-pkg/a', 'vite-pkg/b']));
      expect(existsSync(path.join(cacheDir, cacheFileName))).toBe(true);
    } finally {
      repo.git('checkout', '-q', 'feature');
    }
  });

  it('--all runs every test through the runners', () => {
    repo.reset();
    const result = runCli(['run', '--all'], { cwd: repo.dir, env: repo.env });
    expect(result.code).toBe(0);
    expect(repo.ran()).toEqual(expect.arrayContaining(['jest-pkg/c', 'jest-pkg/d', 'node-pkg/e', 'node-pkg/f', 'vite-pkg/a', 'vite-pkg/b']));
  });

  it('SIGTERM stops the runner and its children and exits 143', async () => {
    repo.reset();
    const tag = `impacted-cli-sigterm-${process.pid}`;
    const slow = createRunRepo();
    slow.git('checkout', '-q', '-b', 'feature');
    slow.write('packages/node-pkg/test/slow.test.mjs', `${slow.read('packages/node-pkg/test/slow.test.mjs')}// touched\n`);
    slow.commit('touch slow');
    const child = spawn(process.execPath, [path.join(projectRoot, 'bin/impacted.js'), 'run', '--base', 'main'], {
      cwd: slow.dir,
      env: { ...process.env, ...slow.env, SLOW_MARKER: tag, NO_COLOR: '1' },
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await vi.waitFor(
      () => {
        if (!slow.ran().some((line) => line.startsWith('node-pkg/slow:'))) throw new Error('the slow test has not started yet');
      },
      { timeout: 30_000, interval: 20 },
    );
    expect(processesWith(tag)).toHaveLength(1);
    child.kill('SIGTERM');
    expect(await exited).toBe(143);
    expect(processesWith(tag)).toEqual([]);
  });
});
