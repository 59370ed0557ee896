// What a recorded map says about this change set: the recorded tests of each changed file, minus tests edited since.
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import { readRegularFile } from '../files/read-regular-file.js';
import { gitBlobHash } from '../graph/content-hash.js';
import { createGitClient } from '../git/git-client.js';
import type { ChangeSet } from '../types.js';
import type { RecordedIndex } from './recorded-map.js';

/** One recorded dependency of a test on a changed file. */
export interface RecordedUse {
  test: string;
  how: 'executed' | 'read';
}

/** The part of a recorded map that selection needs for one change set (built in the pipeline; selection stays pure). */
export interface RecordedDependencies {
  /** The map file, repository-relative where it is inside the repository. */
  file: string;
  /** The config names a map that does not exist (yet): selection is static alone. */
  missing?: boolean;
  /** The commit the map was recorded on. */
  commit: string;
  recordedAt: string;
  /** Tests in the map. */
  tests: number;
  /** For each changed path the map knows, the recorded tests that executed or read it. */
  byChanged: Map<string, RecordedUse[]>;
  /** Recorded tests whose own file changed since the recording (or is gone): static rules alone decide for them. */
  stale: string[];
}

/** A file's blob hash where it is known without reading it (the work-tree scan's, from git's index). */
export type KnownHash = (file: string) => string | undefined;

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** How messages name the map: repository-relative inside the repository, absolute outside it. */
export function mapLabel(root: string, file: string): string {
  const relative = path.relative(root, file);
  return relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? file : relative.split(path.sep).join('/');
}

/** A regular file's blob hash; undefined for anything else (a test that is no longer a plain file is left to the static rules). */
export function contentHash(file: string): string | undefined {
  try {
    return gitBlobHash(readRegularFile(file));
  } catch {
    return undefined;
  }
}

/** The blob hash of each file in the tree selection reads: the work tree, or the `head` commit. */
async function currentHashes(root: string, head: string, files: readonly string[], known: KnownHash): Promise<Map<string, string | undefined>> {
  const hashes = new Map<string, string | undefined>();
  if (files.length === 0) return hashes;
  if (head === 'worktree') {
    for (const file of files) hashes.set(file, known(file) ?? contentHash(path.join(root, file)));
    return hashes;
  }
  for (const file of files) hashes.set(file, undefined);
  const listing = await createGitClient(root).run(['ls-tree', '-z', '--full-tree', head, '--', ...files]);
  for (const entry of listing.split('\0')) {
    const tab = entry.indexOf('\t');
    if (tab === -1) continue;
    const [, , hash] = entry.slice(0, tab).split(' ');
    hashes.set(entry.slice(tab + 1), hash);
  }
  return hashes;
}

/** Looks up the changed paths in the map and finds the recorded tests edited since the recording. */
export async function recordedDependencies(
  root: string,
  index: RecordedIndex,
  changes: ChangeSet,
  known: KnownHash,
): Promise<Omit<RecordedDependencies, 'file'>> {
  const changed = [...new Set(changes.changed.flatMap((c) => (c.from ? [c.path, c.from] : [c.path])))];
  const byChanged = new Map<string, RecordedUse[]>();
  const candidates = new Set<number>();
  for (const file of changed) {
    const uses = index.usesOf(file);
    if (!uses) continue;
    const list: RecordedUse[] = [];
    for (const t of uses.executed) list.push({ test: index.tests[t]!, how: 'executed' });
    for (const t of uses.read) list.push({ test: index.tests[t]!, how: 'read' });
    for (const t of [...uses.executed, ...uses.read]) candidates.add(t);
    if (list.length > 0) byChanged.set(file, list);
  }
  // Only the tests that a recorded dependency would select need their current content hashed.
  const tests = [...candidates].map((t) => index.tests[t]!).sort(compare);
  const hashes = await currentHashes(root, changes.head, tests, known);
  const recordedHash = new Map(index.tests.map((test, t) => [test, index.testHashes[t]]));
  const stale = tests.filter((test) => hashes.get(test) !== recordedHash.get(test));
  return { commit: index.commit, recordedAt: index.recordedAt, tests: index.tests.length, byChanged, stale };
}

/**
 * The map's part for this change set, or undefined when there is no map at `file` (a configured map that is missing
 * is reported through `missing`: a pull request whose CI cache had none yet still gets the static selection).
 */
export async function loadRecordedDependencies(
  root: string,
  recorded: { file: string; configured: boolean },
  changes: ChangeSet,
  known: KnownHash,
): Promise<RecordedDependencies | undefined> {
  const label = mapLabel(root, recorded.file);
  // The map reader loads only when there is a map to read.
  const exists = await lstat(recorded.file).then(
    () => true,
    () => false,
  );
  if (!exists) return recorded.configured ? { file: label, commit: '', recordedAt: '', tests: 0, byChanged: new Map(), stale: [], missing: true } : undefined;
  const { openRecordedIndex } = await import('./recorded-map.js');
  const index = await openRecordedIndex(recorded.file, label);
  if (!index) return undefined;
  return { file: label, ...(await recordedDependencies(root, index, changes, known)) };
}
