// Detects what changed on this branch: picks the base, finds the merge base (deepening shallow clones), diffs, reads lockfiles and manifests.
import path from 'node:path';
import type { ChangeSet, ChangedFile } from '../types.js';
import { chosenBaseRef, isBaseChosen, resolveBase, unknownRefError } from './base-ref.js';
import { ciDefaultBranchBuild, ciNamesBuild, type Environment } from './ci-env.js';
import { type DefaultBranch, findDefaultBranch } from './default-branch.js';
import { diffCommits, diffIndex, diffWorktree } from './diff.js';
import { createGitClient } from './git-client.js';
import { diffLockfiles } from './lockfile-diff.js';
import { diffManifests } from './manifest-diff.js';
import { findMergeBase } from './merge-base.js';
import { findRef, type GitRef, readRepositoryState, type RepositoryState } from './repository-state.js';
import { resolveCommit } from './resolve-commit.js';
import { deepenUntilMergeBase } from './shallow.js';

export interface DetectChangesOptions {
  /** The repository root (absolute). */
  cwd: string;
  /** `--base`: the ref to compare against; see `resolveBase` for the fallbacks. */
  base?: string;
  /** `--head`: a ref to compare instead of the work tree. */
  head?: string;
  /** Where CI variables and IMPACTED_BASE are read from; defaults to `process.env`. */
  env?: Environment;
  /**
   * The untracked, not ignored files, relative to `cwd`, when the caller lists them anyway (the graph's scan does):
   * used only when `cwd` is the repository root, so that the paths are repository-relative.
   */
  untracked?: Promise<readonly string[] | undefined>;
  /**
   * Told, once the tracked files of the work tree are diffed against the merge base (before the untracked files are
   * listed), their changes and the paths whose index entry differs from the merge base: any other tracked file's
   * index entry holds its work-tree content (the graph's scan then need not stat every file to know it). Called only
   * for a work-tree diff run from the repository root.
   */
  onWorktreeDiff?: (diff: { changed: readonly ChangedFile[]; staged: readonly string[] }) => void;
}

/** The branch a `--head` argument names (`main`, `origin/main`, `refs/heads/main`), if it names one. */
function branchNamedBy(head: string, refs: readonly GitRef[]): string | undefined {
  const name = head.replace(/^refs\/(heads|remotes)\//, '');
  if (findRef(refs, `refs/heads/${name}`)) return name;
  if (findRef(refs, `refs/remotes/${name}`)) return name.replace(/^[^/]+\//, '');
  return undefined;
}

interface DefaultBranchBuild {
  defaultBranch?: DefaultBranch;
  /** The default branch's name when this build is of the default branch itself. */
  build?: string;
  /** Why every test runs then. */
  reason: (branch: string) => string;
}

/** The build is "of the default branch" when CI says so, or when the checked-out (or --head) branch is it. */
function defaultBranchBuildOf(refs: readonly GitRef[], state: RepositoryState, head: string | undefined, env: Environment): DefaultBranchBuild {
  const defaultBranch = findDefaultBranch(refs);
  const currentBranch = head ? branchNamedBy(head, refs) : state.headBranch;
  const ciDefaultBranch = ciDefaultBranchBuild(env, defaultBranch?.name);
  // A detached HEAD that no CI variable describes (Jenkins, CircleCI, `git checkout origin/main`) is the
  // default branch only when it is exactly its tip; anything else, a PR merge commit included, is diffed.
  const detachedAtDefault =
    !head && state.headBranch === undefined && !ciNamesBuild(env) && defaultBranch !== undefined && state.headSha === defaultBranch.sha;
  const build =
    ciDefaultBranch ??
    (currentBranch !== undefined && currentBranch === defaultBranch?.name ? currentBranch : undefined) ??
    (detachedAtDefault ? defaultBranch.name : undefined);
  const reason = (branch: string): string =>
    detachedAtDefault && !ciDefaultBranch
      ? `HEAD is detached at the tip of the default branch ${branch}: running every test`
      : `on the default branch ${branch}: running every test`;
  return { defaultBranch, build, reason };
}

const fullHistoryHint = 'Fetch the full history: fetch-depth: 0 with actions/checkout, GIT_DEPTH: 0 on GitLab.';

/**
 * What changed on this branch: picks the base (flag, IMPACTED_BASE, CI variables, default branch), finds the merge
 * base (deepening a shallow clone when it must), and diffs it against the work tree or `head`, lockfiles included.
 * Mode `all` (with a reason) on the default branch or when the history cannot give a merge base.
 * @throws ImpactedError NOT_A_REPO, NO_COMMITS, UNKNOWN_REF, GIT_MISSING, GIT
 */
export async function detectChanges(options: DetectChangesOptions): Promise<ChangeSet> {
  const env = options.env ?? process.env;
  const baseOptions = { base: options.base, env };
  // Compared with HEAD (no --head), a chosen base and its merge base come with the repository state.
  const state = await readRepositoryState(createGitClient(options.cwd), options.head ? undefined : chosenBaseRef(baseOptions));
  const client = createGitClient(state.root);
  // Needs the refs: with a chosen base, asked only where the answer matters.
  const defaultBuild = async (): Promise<DefaultBranchBuild> => defaultBranchBuildOf(await state.refs(), state, options.head, env);
  const headLabel = options.head ?? 'HEAD';

  if (!options.head && state.unborn) {
    const branch = state.headBranch ?? 'HEAD';
    const defaultBranch = findDefaultBranch(await state.refs());
    return {
      mode: 'all',
      reason: `the branch ${branch} has no commits yet, so nothing to compare with ${defaultBranch?.ref ?? 'a base'}: running every test`,
      baseRef: defaultBranch?.ref ?? '',
      base: defaultBranch?.sha ?? '',
      head: 'worktree',
      changed: [],
      lockfiles: [],
    };
  }
  const headSha = options.head ? await resolveCommit(client, options.head) : state.headSha;
  if (!headSha) throw unknownRefError('head', options.head ?? 'HEAD', await state.refs(), undefined, 'Use --head <ref>.');
  const head = options.head ? headSha : 'worktree';

  const runAll = (reason: string, baseRef: string, baseSha: string): ChangeSet => ({
    mode: 'all',
    reason,
    baseRef,
    base: baseSha,
    head,
    changed: [],
    lockfiles: [],
  });

  const unchosen = isBaseChosen(baseOptions) ? undefined : await defaultBuild();
  if (unchosen?.build) {
    // Nobody chose a base and this is the default branch: every test runs and the diff is not needed.
    const { build, defaultBranch } = unchosen;
    const reason = unchosen.reason(build);
    if (!defaultBranch) return runAll(reason, build, headSha);
    const mergeBase = await findMergeBase(client, defaultBranch.sha, headSha);
    return runAll(reason, defaultBranch.ref, mergeBase ?? defaultBranch.sha);
  }

  const base = await resolveBase(client, state, baseOptions);
  // `merge-base` picks one of several merge bases (criss-cross merges); only a single one is taken from the state.
  const known = !options.head && state.base?.sha === base.sha && state.base.mergeBases.length <= 1 ? state.base : undefined;
  let mergeBase = known ? known.mergeBases[0] : await findMergeBase(client, base.sha, headSha);
  if (!mergeBase && state.shallow) {
    const deepened = await deepenUntilMergeBase(client, base.ref, base.sha, headSha);
    if ('failure' in deepened) {
      return runAll(
        `shallow clone without the merge base of ${base.ref} and ${headLabel} (${deepened.failure}): running every test. ${fullHistoryHint}`,
        base.ref,
        base.sha,
      );
    }
    mergeBase = deepened.mergeBase;
  }
  if (!mergeBase) return runAll(`${base.ref} and ${headLabel} share no history: running every test`, base.ref, base.sha);

  const atRoot = path.resolve(options.cwd) === state.root;
  const staged = !options.head && atRoot && options.onWorktreeDiff ? diffIndex(client, mergeBase) : undefined;
  // Awaited after the work-tree diff; if that fails first, its error is the one reported.
  staged?.catch(() => undefined);
  const onWorktreeDiff = options.onWorktreeDiff;
  // Told as soon as both diffs are in; a failing one is reported by the await below.
  const onTracked =
    staged && onWorktreeDiff
      ? (tracked: readonly ChangedFile[]) => void staged.then((files) => onWorktreeDiff({ changed: tracked, staged: files }), () => undefined)
      : undefined;
  const changed: ChangedFile[] = options.head
    ? await diffCommits(client, mergeBase, headSha)
    : await diffWorktree(client, mergeBase, atRoot ? options.untracked : undefined, onTracked);
  await staged;

  // A chosen base on the default branch still gives the diff (a developer on main before committing), but when
  // there is nothing to compare (the base contains the head, clean tree) a default-branch build runs everything
  // rather than nothing: `--base origin/main` in a pipeline that also runs on pushes to main must stay safe.
  if (changed.length === 0 && mergeBase === headSha) {
    const { build, reason } = unchosen ?? (await defaultBuild());
    if (build) return runAll(reason(build), base.ref, mergeBase);
  }

  const headSource = options.head ? { commit: headSha } : { worktree: state.root };
  const [lockfiles, manifests] = await Promise.all([diffLockfiles(client, changed, mergeBase, headSource), diffManifests(client, changed, mergeBase, headSource)]);
  return { mode: 'affected', baseRef: base.ref, base: mergeBase, head, changed, lockfiles, manifests };
}
