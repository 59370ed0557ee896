// Reads a file's content as it was at a revision, for stages that compare base and head (lockfiles, package.json).
import { ImpactedError } from '../errors.js';
import { createGitClient, type GitClient } from './git-client.js';

function unknownRevision(rev: string): ImpactedError {
  return new ImpactedError('UNKNOWN_REF', `revision "${rev}" not found. Pass a commit, branch or tag that exists.`);
}

/** The file's content at `rev`, or undefined when the file did not exist there; an unknown `rev` throws. */
export async function readBlob(client: GitClient, rev: string, file: string): Promise<string | undefined> {
  // A revision that looks like an option would be read as one by git.
  if (rev.startsWith('-')) throw unknownRevision(rev);
  const result = await client.attempt(['cat-file', 'blob', `${rev}:${file}`]);
  if (result.exitCode === 0) return result.stdout;
  // Only a failure needs telling "no such file" from "no such revision"; ask git which one it was.
  const revision = await client.attempt(['rev-parse', '--verify', '--quiet', `${rev}^{tree}`]);
  if (revision.exitCode !== 0) throw unknownRevision(rev);
  return undefined;
}

/**
 * The content of `file` (repository-relative, with `/`) at revision `rev` in the repository at `cwd` (its root),
 * or undefined when the file does not exist at that revision.
 */
export async function readFileAtRevision(cwd: string, rev: string, file: string): Promise<string | undefined> {
  return readBlob(createGitClient(cwd), rev, file);
}
