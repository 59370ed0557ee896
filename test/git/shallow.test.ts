import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TempRepo } from '../helpers/repo.js';
import { changesIn, cloneRepo, repoWith, tempDir } from './git-fixtures.js';

/** A server whose feature branch forked from main `mainCommitsAfterFork` commits ago. */
function serverWithFork(mainCommitsAfterFork: number): { server: TempRepo; fork: string } {
  const server = repoWith({ 'a.ts': 'a\n', 'b.ts': 'b\n' });
  const fork = server.git('rev-parse', 'HEAD');
  server.git('checkout', '-q', '-b', 'feature');
  server.write('a.ts', 'feature 1\n');
  server.commit('feature 1');
  server.write('c.ts', 'feature 2\n');
  server.commit('feature 2');
  server.git('checkout', '-q', 'main');
  for (let index = 0; index < mainCommitsAfterFork; index++) {
    server.write('b.ts', `main ${index}\n`);
    server.commit(`main ${index}`);
  }
  return { server, fork };
}

function shallowFeatureClone(server: TempRepo): TempRepo {
  const clone = cloneRepo(server, ['--depth', '1', '--no-single-branch']);
  clone.git('checkout', '-q', 'feature');
  expect(clone.git('rev-parse', '--is-shallow-repository')).toBe('true');
  return clone;
}

const featureChanges = [
  { path: 'a.ts', status: 'modified' },
  { path: 'c.ts', status: 'added' },
];

describe('detectChanges: shallow clones', () => {
  it('deepens a shallow clone until the merge base is found', async () => {
    const { server, fork } = serverWithFork(3);
    const clone = shallowFeatureClone(server);

    const changes = await changesIn(clone);

    expect(changes).toEqual({
      mode: 'affected',
      baseRef: 'origin/main',
      base: fork,
      head: 'worktree',
      changed: featureChanges,
      lockfiles: [],
      manifests: [],
    });
  });

  it('keeps deepening when the first step is not enough', async () => {
    const { server, fork } = serverWithFork(60);
    const clone = shallowFeatureClone(server);

    const changes = await changesIn(clone);

    expect([changes.mode, changes.base, changes.changed]).toEqual(['affected', fork, featureChanges]);
  });

  it('deepens a pull request merge commit checked out alone, as CI checkouts do', async () => {
    const { server, fork } = serverWithFork(3);
    server.git('checkout', '-q', '--detach', 'main');
    server.git('merge', '-q', '--no-ff', '--no-edit', 'feature');
    server.git('update-ref', 'refs/pull/1/merge', 'HEAD');
    server.git('checkout', '-q', 'main');
    const clone = cloneRepo(server, ['--depth', '1', '--no-single-branch']);
    clone.git('fetch', '-q', '--depth', '1', 'origin', '+refs/pull/1/merge:refs/remotes/pull/1/merge');
    clone.git('checkout', '-q', '--detach', 'refs/remotes/pull/1/merge');

    const changes = await changesIn(clone, { env: { GITHUB_BASE_REF: 'main', GITHUB_EVENT_NAME: 'pull_request' } });

    expect(changes).toMatchObject({ mode: 'affected', baseRef: 'origin/main', changed: featureChanges });
    expect(changes.base).not.toBe(fork);
  });

  it('fetches the CI target branch that a single-branch shallow checkout left out', async () => {
    const { server, fork } = serverWithFork(3);
    const clone = cloneRepo(server, ['--depth', '1', '--branch', 'feature']);
    expect(clone.git('branch', '-r', '--list', 'origin/main')).toBe('');

    const changes = await changesIn(clone, { env: { GITHUB_BASE_REF: 'main', GITHUB_EVENT_NAME: 'pull_request' } });

    expect(changes).toEqual({
      mode: 'affected',
      baseRef: 'origin/main',
      base: fork,
      head: 'worktree',
      changed: featureChanges,
      lockfiles: [],
      manifests: [],
    });
  });

  it('runs all and says how to fetch the history when the remote is gone', async () => {
    const { server } = serverWithFork(3);
    const clone = shallowFeatureClone(server);
    rmSync(server.dir, { recursive: true, force: true });

    const changes = await changesIn(clone);

    expect(changes.mode).toBe('all');
    expect(changes.changed).toEqual([]);
    expect(changes.reason).toMatch(
      /^shallow clone without the merge base of origin\/main and HEAD \(git fetch --quiet --no-tags --deepen=50 origin failed: fatal: .+\): running every test\. Fetch the full history: fetch-depth: 0 with actions\/checkout, GIT_DEPTH: 0 on GitLab\.$/,
    );
  });

  it('runs all when the shallow clone has no remote at all', async () => {
    const { server } = serverWithFork(3);
    const clone = shallowFeatureClone(server);
    clone.git('remote', 'remove', 'origin');
    const mainSha = clone.git('rev-parse', 'main');

    expect(await changesIn(clone)).toEqual({
      mode: 'all',
      reason:
        'shallow clone without the merge base of main and HEAD (the clone has no remote to fetch more history from): ' +
        'running every test. Fetch the full history: fetch-depth: 0 with actions/checkout, GIT_DEPTH: 0 on GitLab.',
      baseRef: 'main',
      base: mainSha,
      head: 'worktree',
      changed: [],
      lockfiles: [],
    });
  });

  it('runs all when the base and HEAD share no history at all', async () => {
    const repo = repoWith({ 'a.ts': 'a\n' });
    repo.git('checkout', '-q', '--orphan', 'unrelated');
    repo.commit('unrelated root');

    expect(await changesIn(repo)).toMatchObject({ mode: 'all', reason: 'main and HEAD share no history: running every test' });
  });

  it('does not need to deepen when the shallow history already holds the merge base', async () => {
    const { server, fork } = serverWithFork(1);
    const clone = cloneRepo(server, ['--depth', '5', '--no-single-branch']);
    clone.git('checkout', '-q', 'feature');
    const dir = tempDir();
    // Point the remote somewhere unreachable: a fetch would fail the test.
    clone.git('remote', 'set-url', 'origin', `file://${dir}/missing`);

    expect(await changesIn(clone)).toMatchObject({ mode: 'affected', base: fork, changed: featureChanges });
  });
});
