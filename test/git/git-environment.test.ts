// Ambient GIT_* variables are cleared for every git process: the scan and the diff see the same repository,
// the one containing --cwd. Also: a repository directory whose name ends in a space. Through the real CLI.
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Selection } from '../../src/types.js';
import { appTest, badRepo, cli, listJson, mathTest, selected } from '../bad-inputs/bad-repo.js';
import { createRepo, projectRoot, repoHandle } from '../helpers/repo.js';

function changedMath() {
  const repo = badRepo({ feature: true });
  repo.write('packages/core/src/math.ts', 'export const add = (a: number, b: number): number => b + a;\n');
  return repo;
}

describe('ambient GIT_* variables', () => {
  it('GIT_INDEX_FILE (a pre-commit hook sets it) and GIT_DIR without GIT_WORK_TREE change nothing', () => {
    const repo = changedMath();
    const expected = listJson(repo, '--base', 'main');
    expect(selected(expected)).toEqual([appTest, mathTest]);
    const other = createRepo('select-monorepo');
    const environments: Record<string, string>[] = [
      { GIT_INDEX_FILE: path.join(repo.dir, '.git', 'no-such-index') },
      { GIT_DIR: path.join(other.dir, '.git') },
      { GIT_DIR: path.join(other.dir, '.git'), GIT_WORK_TREE: other.dir, GIT_CONFIG_PARAMETERS: "'core.quotepath'='true'" },
    ];
    for (const env of environments) {
      const result = cli(['list', '--json', '--base', 'main'], { cwd: repo.dir, env });
      expect(result.code, JSON.stringify(env)).toBe(0);
      expect({ ...(JSON.parse(result.stdout) as Selection), stats: undefined }, JSON.stringify(env)).toEqual({ ...expected, stats: undefined });
    }
  });

  it('in a real pre-commit hook of `git commit -a`, the selection is the work tree one', () => {
    const repo = changedMath();
    const out = path.join(repo.dir, '.git', 'selection.json');
    const hook = path.join(repo.dir, '.git', 'hooks', 'pre-commit');
    mkdirSync(path.dirname(hook), { recursive: true });
    repoHandle(repo.dir).write('.git/hooks/pre-commit', `#!/bin/sh\nexec '${process.execPath}' '${path.join(projectRoot, 'bin/impacted.js')}' list --json --base main > '${out}'\n`);
    chmodSync(hook, 0o755);
    repo.git('commit', '-q', '-a', '-m', 'math');
    expect(selected(JSON.parse(readFileSync(out, 'utf8')) as Selection)).toEqual([appTest, mathTest]);
  });
});

describe('odd repository directories', () => {
  it('a repository directory whose name ends in a space is analysed, not its trimmed sibling', () => {
    const repo = changedMath();
    const spaced = `${repo.dir} `;
    renameSync(repo.dir, spaced);
    // A sibling with the trimmed name must not be picked up instead.
    mkdirSync(repo.dir);
    const result = cli(['list', '--json', '--base', 'main'], { cwd: spaced });
    rmSync(spaced, { recursive: true, force: true });
    expect(result.stderr).not.toMatch(/not inside a git repository|at /);
    expect(result.code).toBe(0);
    expect(selected(JSON.parse(result.stdout) as Selection)).toEqual([appTest, mathTest]);
  });
});
