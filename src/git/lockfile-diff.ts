// Compares each changed lockfile between the merge base and the head: which external packages changed version.
import path from 'node:path';
import { readRegularFile } from '../files/read-regular-file.js';
import type { ChangedFile, LockfileChange } from '../types.js';
import type { GitClient } from './git-client.js';
import { type LockedVersions, type LockfileKind, lockfileKind, type ParsedLockfile, parseLockfile } from './lockfile-parsers.js';
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

/**
 * What changed between two parses of one lockfile at `lockfileDir`: names whose set of versions changed, or whose
 * resolution changed in a slot that everyone may use, are global; a slot of one workspace directory scopes the name
 * to that directory (unless it is global anyway).
 */
export function compareLockfiles(before: ParsedLockfile, after: ParsedLockfile, lockfileDir: string): Pick<LockfileChange, 'packages' | 'scoped'> {
  const global = new Set(changedPackages(before.versions, after.versions));
  const scoped = new Map<string, Set<string>>();
  for (const key of new Set([...before.slots.keys(), ...after.slots.keys()])) {
    const old = before.slots.get(key);
    const now = after.slots.get(key);
    if (old?.version === now?.version) continue;
    for (const slot of [old, now]) {
      if (!slot) continue;
      const dir = slot.importer === undefined ? '' : path.posix.join(lockfileDir, slot.importer).replace(/^\.$/, '');
      if (dir === '') global.add(slot.name);
      else scoped.set(slot.name, (scoped.get(slot.name) ?? new Set()).add(dir));
    }
  }
  // A package whose dependency changed runs different code too: the change travels up to every dependent.
  const dependentsOf = (name: string) => [...(before.dependents.get(name) ?? []), ...(after.dependents.get(name) ?? [])];
  for (const name of global) for (const dependent of dependentsOf(name)) global.add(dependent);
  const queue = [...scoped];
  for (let i = 0; i < queue.length; i++) {
    const [name, dirs] = queue[i]!;
    for (const dependent of dependentsOf(name)) {
      const known = scoped.get(dependent);
      if (global.has(dependent) || (known && [...dirs].every((dir) => known.has(dir)))) continue;
      const merged = new Set([...(known ?? []), ...dirs]);
      scoped.set(dependent, merged);
      queue.push([dependent, merged]);
    }
  }
  const scopedList = [...scoped]
    .filter(([name]) => !global.has(name))
    .map(([name, dirs]) => ({ package: name, dirs: [...dirs].toSorted() }))
    .toSorted((a, b) => (a.package < b.package ? -1 : 1));
  return { packages: [...global].toSorted(), ...(scopedList.length > 0 ? { scoped: scopedList } : {}) };
}

/** The file's content on the head side of a diff, or undefined when it does not exist there. */
export async function readHead(client: GitClient, head: HeadSource, file: string): Promise<string | undefined> {
  if ('commit' in head) return readBlob(client, head.commit, file);
  try {
    return readRegularFile(path.join(head.worktree, file)).toString('utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function parseSide(kind: LockfileKind, content: string | undefined, label: string): ParsedLockfile {
  if (content === undefined) return { versions: new Map(), slots: new Map(), dependents: new Map() };
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
    const lockfileDir = path.posix.dirname(change.path) === '.' ? '' : path.posix.dirname(change.path);
    return { lockfile: change.path, ...compareLockfiles(parseSide(kind, before, 'base'), parseSide(kind, after, 'head'), lockfileDir) };
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
