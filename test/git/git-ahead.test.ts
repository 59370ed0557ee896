// The CLI starts a run's first git commands (untracked files, repository state, index, the work tree's diffs against
// the merge base) while the pipeline's modules load; the pipeline takes each of them instead of starting it again.
// Every git process is logged by a `git` first on PATH: a run starts each command once, and selects what it did.
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { expect, test } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { createRepo } from '../helpers/repo.js';

function gitShim() {
  const dir = mkdtempSync(path.join(tmpdir(), 'impacted-git-log-'));
  const log = path.join(dir, 'log');
  const git = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  writeFileSync(path.join(dir, 'git'), `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\nexec '${git}' "$@"\n`);
  chmodSync(path.join(dir, 'git'), 0o755);
  writeFileSync(log, '');
  return {
    env: { PATH: `${dir}${path.delimiter}${process.env.PATH ?? ''}` },
    /** The commands logged since the last call, without the settings every git process gets. */
    take() {
      const lines = readFileSync(log, 'utf8').split('\n').filter(Boolean);
      writeFileSync(log, '');
      return lines.map((line) => line.replace(/^(?:-c \S+ )+/, '').split(' ').slice(0, 2).join(' ')).sort();
    },
  };
}

test('a run takes the git processes started ahead: each command runs once, with the same selection', () => {
  const repo = createRepo('select-monorepo');
  repo.git('checkout', '-q', '-b', 'feature');
  repo.write('packages/money/src/tax.ts', `${repo.read('packages/money/src/tax.ts')}// edited\n`);
  const shim = gitShim();
  const list = (args: string[], env: Record<string, string> = {}) => {
    const result = runCli(['list', '--json', ...args], { cwd: repo.dir, env: { ...shim.env, ...env } });
    expect(result.code).toBe(0);
    return (JSON.parse(result.stdout) as { tests: { path: string }[] }).tests.map((selected) => selected.path);
  };
  const uncached = list(['--base', 'main', '--no-cache', '--no-probe']);
  expect(uncached.length).toBeGreaterThan(0);
  shim.take();
  const once = ['diff --cached', 'diff --name-status', 'ls-files -o', 'ls-files -s', 'rev-parse --show-toplevel'];
  expect(list(['--base', 'main', '--no-probe'])).toEqual(uncached);
  expect(shim.take()).toEqual(once);
  // The cache directory holds the first run's cache now: the run records the untracked files (git status) and the
  // config it checks them with, in place of `ls-files -o`.
  expect(list(['--base', 'main', '--no-probe'])).toEqual(uncached);
  expect(shim.take()).toEqual(['--no-optional-locks status', 'config --list', ...once.filter((command) => command !== 'ls-files -o')]);
  // A cache directory that is there but empty is a first run's: it reads every file, and records no listing on top.
  const emptyCache = mkdtempSync(path.join(tmpdir(), 'impacted-empty-cache-'));
  expect(list(['--base', 'main', '--no-probe', '--cache-dir', emptyCache])).toEqual(uncached);
  expect(shim.take()).toEqual(once);
  expect(list(['--base', 'main', '--no-probe', '--cache-dir', emptyCache])).toEqual(uncached);
  expect(shim.take()).toEqual(['--no-optional-locks status', 'config --list', ...once.filter((command) => command !== 'ls-files -o')]);
  // The base from the environment: the same commands, each once.
  expect(list(['--no-probe', '--no-cache'], { IMPACTED_BASE: 'main' })).toEqual(uncached);
  expect(shim.take()).toEqual(once);
});
