import { describe, expect, it } from 'vitest';
import type { ImpactedError } from '../../src/errors.js';
import type { TempRepo } from '../helpers/repo.js';
import { changesIn, cloneRepo, repoWith } from './git-fixtures.js';

/** A clone of a server with main, develop and release, checked out on a feature branch made from main. */
function cloneWithBranches(): { clone: TempRepo; shas: Record<'main' | 'develop' | 'release' | 'feature', string> } {
  const server = repoWith({ 'a.ts': 'a\n' });
  const main = server.git('rev-parse', 'HEAD');
  server.git('checkout', '-q', '-b', 'develop');
  server.write('develop.ts', 'develop\n');
  const develop = server.commit('develop');
  server.git('checkout', '-q', '-b', 'release', 'main');
  server.write('release.ts', 'release\n');
  const release = server.commit('release');
  server.git('checkout', '-q', 'main');
  const clone = cloneRepo(server);
  clone.git('checkout', '-q', '-b', 'feature');
  clone.write('feature.ts', 'feature\n');
  const feature = clone.commit('feature');
  return { clone, shas: { main, develop, release, feature } };
}

async function rejection(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = (await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  )) as ImpactedError | undefined;
  if (!error) throw new Error('expected a rejection');
  return { code: error.code, message: error.message };
}

describe('detectChanges: which base', () => {
  const { clone, shas } = cloneWithBranches();

  it('defaults to origin/HEAD', async () => {
    const changes = await changesIn(clone);
    expect([changes.baseRef, changes.base]).toEqual(['origin/main', shas.main]);
    expect(changes.changed).toEqual([{ path: 'feature.ts', status: 'added' }]);
  });

  it.each([
    ['GITHUB_BASE_REF', { GITHUB_BASE_REF: 'develop' }],
    ['CI_MERGE_REQUEST_TARGET_BRANCH_NAME', { CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'develop' }],
    ['BITBUCKET_PR_DESTINATION_BRANCH', { BITBUCKET_PR_DESTINATION_BRANCH: 'develop' }],
    ['BUILDKITE_PULL_REQUEST_BASE_BRANCH', { BUILDKITE_PULL_REQUEST_BASE_BRANCH: 'develop' }],
  ])('reads the target branch from %s as origin/<branch>', async (_name, env) => {
    const changes = await changesIn(clone, { env });
    // develop forked from main, so the merge base with the feature branch is main's commit.
    expect([changes.baseRef, changes.base]).toEqual(['origin/develop', shas.main]);
  });

  it('ignores BUILDKITE_PULL_REQUEST_BASE_BRANCH=false (not a pull request)', async () => {
    const changes = await changesIn(clone, { env: { BUILDKITE_PULL_REQUEST_BASE_BRANCH: 'false' } });
    expect(changes.baseRef).toBe('origin/main');
  });

  it('uses GitLab CI_MERGE_REQUEST_DIFF_BASE_SHA as the exact base when the commit exists', async () => {
    const env = { CI_MERGE_REQUEST_DIFF_BASE_SHA: shas.main, CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'develop' };
    const changes = await changesIn(clone, { env });
    expect([changes.baseRef, changes.base]).toEqual([shas.main, shas.main]);
  });

  it('falls back to the GitLab target branch when the diff base sha is not in the clone', async () => {
    const env = { CI_MERGE_REQUEST_DIFF_BASE_SHA: '0123456789abcdef0123456789abcdef01234567', CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'develop' };
    const changes = await changesIn(clone, { env });
    expect(changes.baseRef).toBe('origin/develop');
  });

  it('uses the local branch when a CI branch has no origin/ counterpart', async () => {
    clone.git('branch', 'local-only', 'origin/main');
    const changes = await changesIn(clone, { env: { GITHUB_BASE_REF: 'local-only' } });
    expect(changes.baseRef).toBe('local-only');
  });

  it('prefers IMPACTED_BASE over CI variables, and --base over IMPACTED_BASE', async () => {
    const ci = { GITHUB_BASE_REF: 'develop', CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'develop' };
    const fromEnv = await changesIn(clone, { env: { ...ci, IMPACTED_BASE: 'origin/release' } });
    expect([fromEnv.baseRef, fromEnv.base]).toEqual(['origin/release', shas.main]);
    const fromFlag = await changesIn(clone, { base: 'HEAD~1', env: { ...ci, IMPACTED_BASE: 'origin/release' } });
    expect([fromFlag.baseRef, fromFlag.base]).toEqual(['HEAD~1', shas.main]);
  });

  it('accepts any commit-ish as --base', async () => {
    const changes = await changesIn(clone, { base: shas.feature });
    expect(changes).toMatchObject({ mode: 'affected', baseRef: shas.feature, base: shas.feature, changed: [] });
  });

  it('compares with the default branch when --base @{upstream} names no upstream (a first push)', async () => {
    const changes = await changesIn(clone, { base: '@{upstream}' });
    expect([changes.baseRef, changes.base]).toEqual(['origin/main', shas.main]);
    expect(changes.changed).toEqual([{ path: 'feature.ts', status: 'added' }]);
  });

  it('uses the upstream when the branch has one', async () => {
    const tracked = cloneWithBranches().clone;
    tracked.git('branch', '-q', '--set-upstream-to', 'origin/develop');
    const changes = await changesIn(tracked, { base: '@{upstream}' });
    expect(changes.baseRef).toBe('@{upstream}');
    expect(changes.changed.map((c) => c.path)).toEqual(['feature.ts']);
  });

  it('suggests the closest branch for a mistyped --base', async () => {
    expect(await rejection(changesIn(clone, { base: 'origin/mian' }))).toEqual({
      code: 'UNKNOWN_REF',
      message: 'base ref "origin/mian" not found. Did you mean origin/main? Use --base <ref>.',
    });
    expect(await rejection(changesIn(clone, { env: { IMPACTED_BASE: 'devlop' } }))).toEqual({
      code: 'UNKNOWN_REF',
      message: 'base ref "devlop" (from IMPACTED_BASE) not found. Did you mean origin/develop? Use --base <ref>.',
    });
    expect(await rejection(changesIn(clone, { base: 'nothing-like-it' }))).toEqual({
      code: 'UNKNOWN_REF',
      message: 'base ref "nothing-like-it" not found. Use --base <ref>.',
    });
    expect(await rejection(changesIn(clone, { base: '--output=/tmp/x' }))).toMatchObject({ code: 'UNKNOWN_REF' });
  });

  it('suggests the closest branch for a mistyped --head', async () => {
    expect(await rejection(changesIn(clone, { head: 'featrue' }))).toEqual({
      code: 'UNKNOWN_REF',
      message: 'head ref "featrue" not found. Did you mean feature? Use --head <ref>.',
    });
  });

  it('says how to fetch a CI target branch that is not in the clone', async () => {
    expect(await rejection(changesIn(clone, { env: { GITHUB_BASE_REF: 'relase' } }))).toEqual({
      code: 'UNKNOWN_REF',
      message:
        'base ref "origin/relase" (from GITHUB_BASE_REF) not found. Did you mean origin/release? ' +
        'Fetch it first (git fetch origin relase, or fetch-depth: 0 with actions/checkout) or use --base <ref>.',
    });
  });
});

describe('detectChanges: the default branch', () => {
  it("follows origin/HEAD to the remote's default branch", async () => {
    const server = repoWith({ 'a.ts': 'a\n' });
    server.git('checkout', '-q', '-b', 'trunk');
    server.write('trunk.ts', 'trunk\n');
    const trunk = server.commit('trunk');
    const clone = cloneRepo(server);
    clone.git('checkout', '-q', '-b', 'feature');

    const changes = await changesIn(clone);

    expect([changes.baseRef, changes.base]).toEqual(['origin/trunk', trunk]);
  });

  it('uses origin/main when origin/HEAD is not set', async () => {
    const clone = cloneRepo(repoWith({ 'a.ts': 'a\n' }));
    clone.git('remote', 'set-head', 'origin', '--delete');
    clone.git('checkout', '-q', '-b', 'feature');
    expect((await changesIn(clone)).baseRef).toBe('origin/main');
  });

  it('uses master when there is no main', async () => {
    const repo = repoWith({ 'a.ts': 'a\n' });
    repo.git('branch', '-m', 'main', 'master');
    repo.git('checkout', '-q', '-b', 'feature');
    expect((await changesIn(repo)).baseRef).toBe('master');
  });

  it('asks for --base when there is no default branch to find', async () => {
    const repo = repoWith({ 'a.ts': 'a\n' });
    repo.git('branch', '-m', 'main', 'trunk');
    expect(await rejection(changesIn(repo))).toEqual({
      code: 'UNKNOWN_REF',
      message: 'no base branch found: origin/HEAD, main and master do not exist. Use --base <ref>.',
    });
  });
});
