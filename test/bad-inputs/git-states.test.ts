// Odd git states through the real CLI: detached HEAD, nothing changed, shallow clones, no git on PATH.
import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cloneRepo, tempDir } from '../git/git-fixtures.js';
import type { TempRepo } from '../helpers/repo.js';
import { allTests, appTest, badRepo, cli, listJson, mathTest, selected, withRecorder } from './bad-repo.js';

const touchMath = (repo: TempRepo): void => repo.write('packages/core/src/math.ts', `${repo.read('packages/core/src/math.ts')}export const two = 2;\n`);

describe('detached HEAD', () => {
  // A CI checkout of a pull request: the merge of the branch into main, checked out detached.
  const repo = badRepo({ feature: true });
  touchMath(repo);
  repo.commit('feature');
  repo.git('checkout', '-q', 'main');
  repo.write('packages/app/src/app.ts', `${repo.read('packages/app/src/app.ts')}// main moves on\n`);
  repo.commit('main moves on');
  repo.git('checkout', '-q', '--detach', 'main');
  repo.git('merge', '-q', '--no-ff', '--no-edit', 'feature');

  it('diffs a detached merge commit against --base', () => {
    const selection = listJson(repo, '--base', 'main');
    expect(selection).toMatchObject({ mode: 'affected', changed: [{ path: 'packages/core/src/math.ts', status: 'modified' }] });
    expect(selected(selection)).toEqual([appTest, mathTest]);
  });

  it('falls back to the default branch without a base, and does not call the merge commit the default branch', () => {
    const selection = listJson(repo);
    expect(selection.mode).toBe('affected');
    expect(selection.reason).toBe('1 changed file affects 2 of 3 tests');
    expect(selected(selection)).toEqual([appTest, mathTest]);
  });

  it('runs everything when HEAD is detached exactly at the tip of the default branch', () => {
    const atMain = badRepo();
    atMain.git('checkout', '-q', '--detach', 'main');
    const result = cli(['list'], { cwd: atMain.dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${allTests.join('\n')}\n`);
    expect(result.stderr).toMatch(/^impacted: all tests: HEAD is detached at the tip of the default branch main: running every test /m);
  });

  it('lets CI variables decide when they name the build, even at the tip of main', () => {
    const atMain = badRepo();
    atMain.git('checkout', '-q', '--detach', 'main');
    const result = cli(['list', '--json'], { cwd: atMain.dir, env: { GITHUB_EVENT_NAME: 'push', GITHUB_REF_NAME: 'new-branch' } });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ mode: 'affected', changed: [], tests: [] });
  });
});

describe('base equal to HEAD with a clean tree', () => {
  const repo = badRepo({ feature: true });
  const recorder = withRecorder(repo);

  it('list: exit 0, nothing on stdout, an empty selection', () => {
    const result = cli(['list', '--base', 'HEAD'], { cwd: repo.dir });
    expect(result).toMatchObject({ code: 0, stdout: '' });
    expect(result.stderr).toMatch(/^impacted: 0 changed files affect 0 of 3 tests /);
    expect(listJson(repo, '--base', 'HEAD')).toMatchObject({ mode: 'affected', changed: [], tests: [] });
  });

  it('run: exit 0, "No affected tests." and no runner started', () => {
    const result = cli(['run', '--base', 'HEAD'], { cwd: repo.dir, env: recorder.env });
    expect(result).toMatchObject({ code: 0, stdout: '' });
    expect(result.stderr).toContain('No affected tests.');
    expect(recorder.runs()).toEqual([]);
  });
});

/** A server whose feature branch changed math.ts and whose main moved on three commits since the fork. */
function server(): TempRepo {
  const origin = badRepo({ feature: true });
  touchMath(origin);
  origin.commit('feature');
  origin.git('checkout', '-q', 'main');
  for (let index = 0; index < 3; index++) {
    origin.write('packages/app/src/app.ts', `${origin.read('packages/app/src/app.ts')}// ${index}\n`);
    origin.commit(`main ${index}`);
  }
  return origin;
}

function shallowFeatureClone(): TempRepo {
  const clone = cloneRepo(server(), ['--depth', '1', '--no-single-branch']);
  clone.git('checkout', '-q', 'feature');
  expect(clone.git('rev-parse', '--is-shallow-repository')).toBe('true');
  return clone;
}

describe('shallow clones', () => {
  it('with a remote: deepens the history and selects exactly the affected tests', () => {
    const clone = shallowFeatureClone();
    const selection = listJson(clone);
    expect(selection).toMatchObject({ mode: 'affected', changed: [{ path: 'packages/core/src/math.ts', status: 'modified' }] });
    expect(selected(selection)).toEqual([appTest, mathTest]);
  });

  it('without a remote: runs everything and says to fetch the full history', () => {
    const clone = shallowFeatureClone();
    clone.git('remote', 'remove', 'origin');
    const selection = listJson(clone, '--base', 'main');
    expect(selection.mode).toBe('all');
    expect(selection.reason).toBe(
      'shallow clone without the merge base of main and HEAD (the clone has no remote to fetch more history from): running every test. ' +
        'Fetch the full history: fetch-depth: 0 with actions/checkout, GIT_DEPTH: 0 on GitLab.',
    );
    expect(selected(selection)).toEqual(allTests);
  });
});

describe('git not installed', () => {
  it('exits 2 with one line saying to install git', () => {
    const repo = badRepo({ feature: true });
    const bin = tempDir();
    symlinkSync(process.execPath, path.join(bin, 'node'));
    for (const command of [['list'], ['run', '--dry-run'], ['why', mathTest]]) {
      const result = cli(command, { cwd: repo.dir, env: { PATH: bin } });
      expect(result).toEqual({
        code: 2,
        stdout: '',
        stderr: 'impacted: git was not found on PATH. Install git (https://git-scm.com) and run impacted again.\n',
      });
    }
  });
});
