// Compares each changed lockfile between the merge base and the head: which external packages changed version.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ChangedFile, LockfileChange } from '../types.js';
import type { GitClient } from './git-client.js';
import { type LockedVersions, type LockfileKind, lockfileKind, parseLockfile } from './lockfile-parsers.js';
import { readBlob } from './read-file-at-revision.js';

/** Where the head side of a diff lives: a commit, or the files on disk. */
export type HeadSource = { commit: string } | { worktree: string };

function sameVersions(a: ReadonlySet<string> | undefined, b: ReadonlySet<string> | undefined): boolean {
  if (!a || !b) return a === b;
  return a.size === b.size && [...a].every((version) => b.has(version));
}

/** Names whose set of locked versions differs: added, removed or re-versioned packages, sorted. */
export function changedPackages(before: LockedVersions, after: LockedVersions): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((name) => !sameVersions(before.get(name), after.get(name))).toSorted();
}

async function readHead(client: GitClient, head: HeadSource, file: string): Promise<string | undefined> {
  if ('commit' in head) return readBlob(client, head.commit, file);
  try {
    return await readFile(path.join(head.worktree, file), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function parseSide(kind: LockfileKind, content: string | undefined, label: string): LockedVersions {
  if (content === undefined) return new Map();
  try {
    return parseLockfile(kind, content);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new Error(`cannot parse the ${label} version: ${reason}`, { cause: error });
  }
}

async function diffLockfile(client: GitClient, change: ChangedFile, base: string, head: HeadSource): Promise<LockfileChange | undefined> {
  const kind = lockfileKind(change.path);
  if (!kind) return undefined;
  const [before, after] = await Promise.all([
    change.status === 'added' ? undefined : readBlob(client, base, change.from ?? change.path),
    change.status === 'deleted' ? undefined : readHead(client, head, change.path),
  ]);
  try {
    return { lockfile: change.path, packages: changedPackages(parseSide(kind, before, 'base'), parseSide(kind, after, 'head')) };
  } catch (error) {
    return { lockfile: change.path, packages: [], error: (error as Error).message };
  }
}

/** One entry per changed lockfile (any directory, any of npm/yarn/pnpm), sorted by lockfile path. */
export async function diffLockfiles(
  client: GitClient,
  changed: readonly ChangedFile[],
  base: string,
  head: HeadSource,
): Promise<LockfileChange[]> {
  const results = await Promise.all(changed.map((change) => diffLockfile(client, change, base, head)));
  return results.filter((result): result is LockfileChange => result !== undefined).toSorted((a, b) => (a.lockfile < b.lockfile ? -1 : 1));
}
