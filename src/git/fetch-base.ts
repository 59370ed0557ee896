// Fetches a pull request's target branch that a CI checkout left out (actions/checkout fetches only the merge commit).
import type { GitClient } from './git-client.js';
import { resolveCommit } from './resolve-commit.js';

// Characters git forbids in branch names, plus the refspec separator; such a name is not fetched at all.
const unsafeBranchName = /[\s:~^?*[\\]|^-|\.\.|@\{/;

/** The sha of `origin/<branch>` after fetching it, or undefined when it cannot be fetched. */
export async function fetchRemoteBranch(client: GitClient, branch: string, shallow: boolean): Promise<string | undefined> {
  if (unsafeBranchName.test(branch)) return undefined;
  // In a shallow clone the tip is enough: the merge base search deepens the history step by step afterwards.
  const depth = shallow ? ['--depth=1'] : [];
  const result = await client.attemptRemote(['fetch', '--quiet', '--no-tags', ...depth, 'origin', `+refs/heads/${branch}:refs/remotes/origin/${branch}`]);
  return result.exitCode === 0 ? resolveCommit(client, `refs/remotes/origin/${branch}`) : undefined;
}
