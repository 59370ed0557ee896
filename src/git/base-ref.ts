// Decides which ref to compare against: --base > IMPACTED_BASE > CI variables > the default branch.
import { ImpactedError } from '../errors.js';
import { type Environment, readCiBases } from './ci-env.js';
import { explicitBase } from './chosen-base.js';
import { findDefaultBranch, resolveBranchName } from './default-branch.js';
import { fetchRemoteBranch } from './fetch-base.js';
import type { GitClient } from './git-client.js';
import { type GitRef, type RepositoryState, shortRefName } from './repository-state.js';
import { resolveCommit } from './resolve-commit.js';
import { type RefCandidate, suggestRef } from './suggest-ref.js';

/** Who chose the base: the user (flag or IMPACTED_BASE), a pull request pipeline, or nobody (the default branch). */
export type BaseSource = 'flag' | 'env' | 'ci' | 'default';

export interface ResolvedBase {
  /** The ref as it will be reported (`origin/main`, a sha, `HEAD~3`). */
  ref: string;
  sha: string;
  source: BaseSource;
}

function refCandidates(refs: readonly GitRef[]): RefCandidate[] {
  const candidates: RefCandidate[] = [];
  for (const ref of refs) {
    const name = shortRefName(ref.name);
    if (name === undefined || name.endsWith('/HEAD')) continue;
    // `devlop` most likely means origin/develop when only the remote-tracking branch exists.
    const spellings = ref.name.startsWith('refs/remotes/') ? [name, name.replace(/^[^/]+\//, '')] : [name];
    candidates.push({ name, spellings });
  }
  return candidates;
}

/** `base ref "origin/mian" not found. Did you mean origin/main? Use --base <ref>.` */
export function unknownRefError(
  role: 'base' | 'head',
  ref: string,
  refs: readonly GitRef[],
  origin: string | undefined,
  fix: string,
): ImpactedError {
  const suggestion = suggestRef(ref, refCandidates(refs));
  const from = origin ? ` (from ${origin})` : '';
  const didYouMean = suggestion ? ` Did you mean ${suggestion}?` : '';
  return new ImpactedError('UNKNOWN_REF', `${role} ref "${ref}"${from} not found.${didYouMean} ${fix}`);
}

export interface BaseOptions {
  /** `--base`. */
  base?: string;
  env: Environment;
}

/** The ref the user chose (`--base`, else IMPACTED_BASE), if any. */
export function chosenBaseRef(options: BaseOptions): string | undefined {
  return explicitBase(options)?.ref;
}

/** Whether someone chose the base (the user, or a pull request pipeline) rather than falling back to the default branch. */
export function isBaseChosen(options: BaseOptions): boolean {
  return explicitBase(options) !== undefined || readCiBases(options.env).length > 0;
}

const upstreamRef = /@\{(?:upstream|u|push)\}$/i;

export async function resolveBase(client: GitClient, state: RepositoryState, options: BaseOptions): Promise<ResolvedBase> {
  const explicit = explicitBase(options);
  if (explicit) {
    // Usually read with the repository state already (see readRepositoryState).
    const sha = state.base?.ref === explicit.ref ? state.base.sha : await resolveCommit(client, explicit.ref);
    if (sha) return { ref: explicit.ref, sha, source: explicit.source };
    // A branch pushed for the first time has no upstream yet (pre-push hooks pass `@{upstream}`): the default
    // branch below is the base then.
    if (!upstreamRef.test(explicit.ref)) throw unknownRefError('base', explicit.ref, await state.refs(), explicit.origin, 'Use --base <ref>.');
  }

  const ciBases = readCiBases(options.env);
  for (const candidate of ciBases) {
    if (candidate.sha) {
      // The exact base may be missing from a shallow clone; the target branch that follows is the fallback.
      const sha = await resolveCommit(client, candidate.sha);
      if (sha) return { ref: candidate.sha, sha, source: 'ci' };
    } else if (candidate.branch) {
      const branch = resolveBranchName(await state.refs(), candidate.branch);
      if (branch) return { ...branch, source: 'ci' };
    }
  }
  const missing = ciBases.find((candidate) => candidate.branch) ?? ciBases[0];
  if (missing?.branch) {
    // CI names the branch with authority (unlike a flag, it is no typo), so fetching it is worth a try.
    const sha = await fetchRemoteBranch(client, missing.branch, state.shallow);
    if (sha) return { ref: `origin/${missing.branch}`, sha, source: 'ci' };
  }
  if (missing) {
    const name = missing.branch ?? missing.sha ?? '';
    const wanted = missing.branch ? `origin/${name}` : name;
    const fix = missing.branch
      ? `Fetch it first (git fetch origin ${name}, or fetch-depth: 0 with actions/checkout) or use --base <ref>.`
      : 'Fetch the full history (GIT_DEPTH: 0) or use --base <ref>.';
    throw unknownRefError('base', wanted, await state.refs(), missing.variable, fix);
  }

  const defaultBranch = findDefaultBranch(await state.refs());
  if (!defaultBranch) {
    throw new ImpactedError('UNKNOWN_REF', 'no base branch found: origin/HEAD, main and master do not exist. Use --base <ref>.');
  }
  return { ref: defaultBranch.ref, sha: defaultBranch.sha, source: 'default' };
}
