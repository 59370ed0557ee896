// The repository root is found without starting git where a plain `.git` directory says where it is, and by git
// everywhere else (a linked worktree's `.git` file); `list --base <ref>` starts five git processes, a sparse checkout too. Through the real CLI.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appTest, badRepo, cli, iconTest, listJson, mathTest, selected } from '../bad-inputs/bad-repo.js';
import type { Selection } from '../../src/types.js';
import { repoHandle } from '../helpers/repo.js';

function changedMath() {
  const repo = badRepo({ feature: true });
  repo.write('packages/core/src/math.ts', 'export const add = (a: number, b: number): number => b + a;\n');
  return repo;
}

function listFrom(cwd: string, ...args: string[]): string[] {
  const result = cli(['list', '--json', '--base', 'main', ...args], { cwd });
  expect(result.stderr).not.toMatch(/not inside a git repository|internal error/);
  expect(result.code).toBe(0);
  return selected(JSON.parse(result.stdout) as Selection);
}

describe('the repository root', () => {
  it('from a subdirectory, through a symlink, and with --cwd: the same selection as from the root', () => {
    const repo = changedMath();
    expect(listFrom(repo.dir)).toEqual([appTest, mathTest]);
    expect(listFrom(path.join(repo.dir, 'packages', 'core', 'src'))).toEqual([appTest, mathTest]);
    const link = path.join(mkdtempSync(path.join(os.tmpdir(), 'impacted-link-')), 'repo');
    symlinkSync(repo.dir, link, 'dir');
    expect(listFrom(path.join(link, 'packages', 'app'))).toEqual([appTest, mathTest]);
    expect(listFrom(os.tmpdir(), '--cwd', path.join(link, 'packages'))).toEqual([appTest, mathTest]);
  });

  it('a linked worktree (a .git file) is its own work tree: its changes, not the main checkout', () => {
    const repo = changedMath();
    const linked = path.join(mkdtempSync(path.join(os.tmpdir(), 'impacted-worktree-')), 'linked');
    repo.git('worktree', 'add', '-q', '-b', 'other', linked, 'main');
    repoHandle(linked).write('packages/core/src/icon.ts', 'export const icon = "changed";\n');
    expect(listFrom(path.join(linked, 'packages'))).toEqual([appTest, iconTest]);
    expect(listFrom(repo.dir)).toEqual([appTest, mathTest]);
  });

  it('list --base main starts one rev-parse, two ls-files (index, untracked) and two diffs (work tree, index)', () => {
    const repo = changedMath();
    listJson(repo, '--base', 'main');
    expect(gitCommands(repo.dir)).toEqual(['diff', 'diff', 'ls-files', 'ls-files', 'rev-parse']);
  });

  it('a sparse checkout (extensions.worktreeConfig) starts no more git; a config.worktree that may move the work tree asks git', () => {
    const repo = changedMath();
    // `git sparse-checkout` sets extensions.worktreeConfig and writes its settings to .git/config.worktree.
    repo.git('sparse-checkout', 'set', '--no-cone', '/*');
    expect(readFileSync(path.join(repo.dir, '.git', 'config'), 'utf8')).toMatch(/worktreeConfig = true/);
    expect(gitCommands(repo.dir)).toEqual(['diff', 'diff', 'ls-files', 'ls-files', 'rev-parse']);
    expect(listFrom(path.join(repo.dir, 'packages', 'core'))).toEqual([appTest, mathTest]);
    repo.git('config', '--worktree', 'core.worktree', repo.dir);
    expect(gitCommands(repo.dir)).toEqual(['diff', 'diff', 'ls-files', 'ls-files', 'rev-parse', 'rev-parse']);
    expect(listFrom(path.join(repo.dir, 'packages', 'core'))).toEqual([appTest, mathTest]);
  });
});

/**
 * The git commands one `list --json --base main --no-cache` in `dir` starts (sorted), through a logging `git` first on
 * PATH (without the cache, the untracked files are listed by `git ls-files -o`, not checked against a kept listing).
 */
function gitCommands(dir: string): string[] {
  const shim = mkdtempSync(path.join(os.tmpdir(), 'impacted-git-shim-'));
  const log = path.join(shim, 'log');
  const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  // One line per git process: its arguments, NUL-separated.
  writeFileSync(path.join(shim, 'git'), `#!/bin/sh\nprintf '%s\\0' "$@" >> '${log}'\nprintf '\\n' >> '${log}'\nexec '${realGit}' "$@"\n`);
  chmodSync(path.join(shim, 'git'), 0o755);
  writeFileSync(log, '');
  const result = cli(['list', '--json', '--base', 'main', '--no-cache'], { cwd: dir, env: { PATH: `${shim}${path.delimiter}${process.env.PATH ?? ''}` } });
  expect(result.code).toBe(0);
  expect(selected(JSON.parse(result.stdout) as Selection)).toEqual([appTest, mathTest]);
  return readFileSync(log, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split('\0').filter((arg, index, args) => arg !== '-c' && args[index - 1] !== '-c')[0]!)
    .sort();
}
