import { describe, expect, it } from 'vitest';
import { changesIn, cloneRepo, repoWith } from './git-fixtures.js';

describe('detectChanges: on the default branch every test runs', () => {
  it('runs all on a clean main', async () => {
    const repo = repoWith({ 'a.ts': 'a\n' });
    const sha = repo.git('rev-parse', 'HEAD');
    expect(await changesIn(repo)).toEqual({
      mode: 'all',
      reason: 'on the default branch main: running every test',
      baseRef: 'main',
      base: sha,
      head: 'worktree',
      changed: [],
      lockfiles: [],
    });
  });

  it('runs all on master when that is the default branch', async () => {
    const repo = repoWith({ 'a.ts': 'a\n' });
    repo.git('branch', '-m', 'main', 'master');
    expect(await changesIn(repo)).toMatchObject({ mode: 'all', reason: 'on the default branch master: running every test' });
  });

  it("runs all on the remote's default branch named by origin/HEAD", async () => {
    const server = repoWith({ 'a.ts': 'a\n' });
    server.git('checkout', '-q', '-b', 'trunk');
    const clone = cloneRepo(server);
    expect(clone.git('branch', '--show-current')).toBe('trunk');
    expect(await changesIn(clone)).toMatchObject({
      mode: 'all',
      reason: 'on the default branch trunk: running every test',
      baseRef: 'origin/trunk',
    });
  });

  it('runs all on main with uncommitted changes when no base was chosen', async () => {
    const clone = cloneRepo(repoWith({ 'a.ts': 'a\n' }));
    clone.write('a.ts', 'uncommitted\n');
    expect(await changesIn(clone)).toMatchObject({ mode: 'all', baseRef: 'origin/main', changed: [] });
  });

  it('gives the diff on main when --base is explicit and there are uncommitted changes', async () => {
    const clone = cloneRepo(repoWith({ 'a.ts': 'a\n' }));
    const sha = clone.git('rev-parse', 'HEAD');
    clone.write('a.ts', 'uncommitted\n');
    clone.write('b.ts', 'untracked\n');
    expect(await changesIn(clone, { base: 'origin/main' })).toEqual({
      mode: 'affected',
      baseRef: 'origin/main',
      base: sha,
      head: 'worktree',
      changed: [
        { path: 'a.ts', status: 'modified' },
        { path: 'b.ts', status: 'added' },
      ],
      lockfiles: [],
      manifests: [],
    });
  });

  it('gives the diff of unpushed commits on main when IMPACTED_BASE is set', async () => {
    const clone = cloneRepo(repoWith({ 'a.ts': 'a\n' }));
    clone.write('a.ts', 'committed, not pushed\n');
    clone.commit('local work');
    expect(await changesIn(clone, { env: { IMPACTED_BASE: 'origin/main' } })).toMatchObject({
      mode: 'affected',
      changed: [{ path: 'a.ts', status: 'modified' }],
    });
  });

  it('runs all on main when an explicit base leaves nothing to compare', async () => {
    const clone = cloneRepo(repoWith({ 'a.ts': 'a\n' }));
    expect(await changesIn(clone, { base: 'origin/main' })).toMatchObject({
      mode: 'all',
      reason: 'on the default branch main: running every test',
      baseRef: 'origin/main',
    });
  });

  it('runs all when --head names the default branch', async () => {
    const repo = repoWith({ 'a.ts': 'a\n' });
    const sha = repo.git('rev-parse', 'HEAD');
    repo.git('checkout', '-q', '-b', 'feature');
    expect(await changesIn(repo, { head: 'main' })).toMatchObject({ mode: 'all', head: sha });
  });
});

describe('detectChanges: CI builds of the default branch (detached HEAD)', () => {
  const clone = cloneRepo(repoWith({ 'a.ts': 'a\n' }));
  clone.git('checkout', '-q', '--detach');

  it.each([
    ['a GitHub push', { GITHUB_EVENT_NAME: 'push', GITHUB_REF_NAME: 'main' }],
    ['a GitLab branch pipeline', { CI_COMMIT_BRANCH: 'main', CI_DEFAULT_BRANCH: 'main' }],
    ['a Buildkite branch build', { BUILDKITE_BRANCH: 'main', BUILDKITE_PIPELINE_DEFAULT_BRANCH: 'main', BUILDKITE_PULL_REQUEST: 'false' }],
  ])('runs all for %s to the default branch', async (_name, env) => {
    expect(await changesIn(clone, { env })).toMatchObject({ mode: 'all', reason: 'on the default branch main: running every test' });
  });

  it.each([
    ['a GitHub push to another branch', { GITHUB_EVENT_NAME: 'push', GITHUB_REF_NAME: 'feature' }],
    ['a GitHub pull request', { GITHUB_EVENT_NAME: 'pull_request', GITHUB_REF_NAME: '1/merge', GITHUB_BASE_REF: 'main' }],
    ['a GitLab pipeline of another branch', { CI_COMMIT_BRANCH: 'feature', CI_DEFAULT_BRANCH: 'main' }],
    ['a Buildkite pull request', { BUILDKITE_BRANCH: 'main', BUILDKITE_PIPELINE_DEFAULT_BRANCH: 'main', BUILDKITE_PULL_REQUEST: '12' }],
  ])('diffs for %s', async (_name, env) => {
    expect(await changesIn(clone, { env })).toMatchObject({ mode: 'affected', changed: [] });
  });
});
