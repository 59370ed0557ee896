// Deepens a shallow clone step by step until the merge base appears, so CI checkouts with a short history still work.
import { describeFailure, type GitClient } from './git-client.js';
import { findMergeBase } from './merge-base.js';

export type DeepenResult = { mergeBase: string } | { failure: string };

/** Commits to fetch per step; a final `--unshallow` fetches the rest. */
const deepenSteps = [50, 200, 1000];

function pickRemote(remotes: readonly string[], baseRef: string): string | undefined {
  return remotes.find((remote) => baseRef.startsWith(`${remote}/`)) ?? (remotes.includes('origin') ? 'origin' : remotes[0]);
}

export async function deepenUntilMergeBase(client: GitClient, baseRef: string, base: string, head: string): Promise<DeepenResult> {
  const remotes = (await client.run(['remote'])).split('\n').filter((line) => line.length > 0);
  const remote = pickRemote(remotes, baseRef);
  if (!remote) return { failure: 'the clone has no remote to fetch more history from' };

  const fetches = [...deepenSteps.map((step) => `--deepen=${step}`), '--unshallow'];
  for (const depthOption of fetches) {
    const args = ['fetch', '--quiet', '--no-tags', depthOption, remote];
    const result = await client.attemptRemote(args);
    if (result.exitCode !== 0) {
      // After a deepen that reached the root, the repository is complete and --unshallow refuses to run.
      if (depthOption === '--unshallow' && /complete repository/.test(result.stderr)) break;
      return { failure: describeFailure(args, result) };
    }
    const mergeBase = await findMergeBase(client, base, head);
    if (mergeBase) return { mergeBase };
  }
  return { failure: 'no common ancestor even with the full history' };
}
