// Lists the files that changed since the merge base: in a commit, or in the work tree (staged, unstaged, untracked).
import { nameStatusArgs, stagedArgs } from './git-ahead.js';
import type { ChangedFile, ChangeStatus } from '../types.js';
import type { GitClient } from './git-client.js';

function statusOf(code: string): ChangeStatus {
  switch (code[0]) {
    case 'A':
    case 'C':
      return 'added';
    case 'D':
      return 'deleted';
    case 'R':
      return 'renamed';
    default:
      // M, T (type change), U (unmerged) and anything newer all mean "the path is still there, different".
      return 'modified';
  }
}

/** Parses `git diff --name-status -z`: a status, then one path (two for renames and copies), all NUL-separated. */
function parseNameStatus(output: string): ChangedFile[] {
  const fields = output.split('\0');
  const changed: ChangedFile[] = [];
  let index = 0;
  while (index < fields.length) {
    const code = fields[index++];
    if (!code) continue;
    const status = statusOf(code);
    if (code[0] === 'R' || code[0] === 'C') {
      const from = fields[index++] ?? '';
      const to = fields[index++] ?? '';
      changed.push(status === 'renamed' ? { path: to, status, from } : { path: to, status });
    } else {
      changed.push({ path: fields[index++] ?? '', status });
    }
  }
  return changed;
}

function byPath(a: ChangedFile, b: ChangedFile): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/** Changes between two commits, sorted by path. */
export async function diffCommits(client: GitClient, base: string, head: string): Promise<ChangedFile[]> {
  return parseNameStatus(await client.run(nameStatusArgs(base, head))).toSorted(byPath);
}

/** Paths whose index entry differs from `base` (staged changes, the index against the commit): no work-tree file is looked at. */
export async function diffIndex(client: GitClient, base: string): Promise<string[]> {
  return (await client.run(stagedArgs(base))).split('\0').filter((file) => file !== '');
}

/**
 * Changes between a commit and the work tree, untracked files included, ignored files not; sorted by path.
 * `untracked` is the repository-relative list of untracked files when the caller has already listed them.
 * `onTracked` is told the changes of tracked files as soon as git has compared them, before the untracked files
 * are listed (a walk of every directory, the slower of the two on a large repository).
 */
export async function diffWorktree(
  client: GitClient,
  base: string,
  untracked?: Promise<readonly string[] | undefined>,
  onTracked?: (changes: readonly ChangedFile[]) => void,
): Promise<ChangedFile[]> {
  const listUntracked = async () =>
    (await untracked) ?? (await client.run(['ls-files', '--others', '--exclude-standard', '-z', '--full-name'])).split('\0');
  const diffTracked = async () => {
    const changes = parseNameStatus(await client.run(nameStatusArgs(base)));
    onTracked?.(changes);
    return changes;
  };
  const [tracked, untrackedFiles] = await Promise.all([diffTracked(), listUntracked()]);
  const changes = new Map<string, ChangedFile>();
  for (const change of tracked) changes.set(change.path, change);
  for (const file of untrackedFiles) {
    if (!file) continue;
    // A file removed from the index but still on disk shows up both as deleted and as untracked: it is modified.
    const status: ChangeStatus = changes.get(file)?.status === 'deleted' ? 'modified' : 'added';
    changes.set(file, { path: file, status });
  }
  return [...changes.values()].toSorted(byPath);
}
