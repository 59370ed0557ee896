// Finds the default branch from refs alone: origin/HEAD's target, then main, then master.
import { findRef, type GitRef, shortRefName } from './repository-state.js';

export interface DefaultBranch {
  /** The branch name without a remote (`main`). */
  name: string;
  /** The ref to compare against (`origin/main`, or `main` when there is no remote-tracking branch). */
  ref: string;
  sha: string;
}

export function findDefaultBranch(refs: readonly GitRef[]): DefaultBranch | undefined {
  const originHead = findRef(refs, 'refs/remotes/origin/HEAD');
  const target = originHead?.target ? shortRefName(originHead.target) : undefined;
  if (originHead && target) {
    // The remote's default branch is what CI and reviewers compare against, even when a local copy exists.
    return { name: target.replace(/^[^/]+\//, ''), ref: target, sha: originHead.sha };
  }
  for (const name of ['main', 'master']) {
    const branch = resolveBranchName(refs, name);
    if (branch) return { name, ...branch };
  }
  return undefined;
}

/** The branch ref a user means by a branch name: `origin/<name>` when it exists, else `<name>`. */
export function resolveBranchName(refs: readonly GitRef[], name: string): { ref: string; sha: string } | undefined {
  const remote = findRef(refs, `refs/remotes/origin/${name}`);
  if (remote) return { ref: `origin/${name}`, sha: remote.sha };
  const local = findRef(refs, `refs/heads/${name}`);
  if (local) return { ref: name, sha: local.sha };
  return undefined;
}
