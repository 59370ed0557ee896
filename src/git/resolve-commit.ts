// Turns a ref (branch, tag, sha, `HEAD~2`) into the sha of the commit it names.
import type { GitClient } from './git-client.js';

/** The commit a ref names, or undefined when it names none. */
export async function resolveCommit(client: GitClient, ref: string): Promise<string | undefined> {
  // A ref that looks like an option would be read as one by git.
  if (ref.startsWith('-')) return undefined;
  const result = await client.attempt(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  const sha = result.stdout.trim();
  return result.exitCode === 0 && sha ? sha : undefined;
}
