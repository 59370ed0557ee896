// The merge base of the base ref and the head: where the branch left the base.
import { ImpactedError } from '../errors.js';
import { describeFailure, type GitClient } from './git-client.js';

/** The merge base sha, or undefined when the two commits share no history (unrelated, or cut off by a shallow clone). */
export async function findMergeBase(client: GitClient, base: string, head: string): Promise<string | undefined> {
  const args = ['merge-base', base, head];
  const result = await client.attempt(args);
  // Exit code 1 with no output is git's way of saying "no common ancestor".
  if (result.exitCode === 1 && result.stderr.trim() === '') return undefined;
  if (result.exitCode !== 0) throw new ImpactedError('GIT', describeFailure(args, result));
  return result.stdout.trim().split('\n')[0];
}
