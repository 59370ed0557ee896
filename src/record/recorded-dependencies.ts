// What a recorded map says about this change set: the recorded tests of each changed file, minus tests edited since.
import { lstat, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gitBlobHash } from '../graph/content-hash.js';
import { createGitClient } from '../git/git-client.js';
import type { ChangeSet } from '../types.js';
import type { RecordedMap } from './recorded-map.js';

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

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The blob hash of each file in the tree selection reads: the work tree, or the `head` commit. */
async function currentHashes(root: string, head: string, files: readonly string[]): Promise<Map<string, string | undefined>> {
  const hashes = new Map<string, string | undefined>();
  if (files.length === 0) return hashes;
  if (head === 'worktree') {
    await Promise.all(
      files.map(async (file) => {
        const content = await readFile(path.join(root, file)).catch(() => undefined);
        hashes.set(file, content ? gitBlobHash(content) : undefined);
      }),
    );
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

/** Indexes the map by the changed paths and finds the recorded tests edited since the recording. */
export async function recordedDependencies(root: string, map: RecordedMap, changes: ChangeSet): Promise<Omit<RecordedDependencies, 'file'>> {
  const changed = new Set(changes.changed.flatMap((c) => (c.from ? [c.path, c.from] : [c.path])));
  const byChanged = new Map<string, RecordedUse[]>();
  const use = (file: string, recorded: RecordedUse) => {
    if (!changed.has(file)) return;
    const list = byChanged.get(file);
    if (list) list.push(recorded);
    else byChanged.set(file, [recorded]);
  };
  for (const [test, recorded] of map.tests) {
    for (const file of recorded.executed) use(file, { test, how: 'executed' });
    for (const file of recorded.read) use(file, { test, how: 'read' });
  }
  // Only the tests that a recorded dependency would select need their current content hashed.
  const candidates = [...new Set([...byChanged.values()].flat().map((u) => u.test))].sort(compare);
  const hashes = await currentHashes(root, changes.head, candidates);
  const stale = candidates.filter((test) => hashes.get(test) !== map.tests.get(test)?.hash);
  return { commit: map.commit, recordedAt: map.recordedAt, tests: map.tests.size, byChanged, stale };
}

/** How messages name the map: repository-relative inside the repository, absolute outside it. */
export function mapLabel(root: string, file: string): string {
  const relative = path.relative(root, file);
  return relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? file : relative.split(path.sep).join('/');
}

/**
 * The map's part for this change set, or undefined when there is no map at `file` (a configured map that is missing
 * is reported through `missing`: a pull request whose CI cache had none yet still gets the static selection).
 */
export async function loadRecordedDependencies(
  root: string,
  recorded: { file: string; configured: boolean },
  changes: ChangeSet,
): Promise<RecordedDependencies | undefined> {
  const label = mapLabel(root, recorded.file);
  // The map reader (and zod) load only when there is a map to read.
  const exists = await lstat(recorded.file).then(
    () => true,
    () => false,
  );
  if (!exists) return recorded.configured ? { file: label, commit: '', recordedAt: '', tests: 0, byChanged: new Map(), stale: [], missing: true } : undefined;
  const { readRecordedMap } = await import('./recorded-map.js');
  const map = await readRecordedMap(recorded.file, label);
  if (!map) return undefined;
  return { file: label, ...(await recordedDependencies(root, map, changes)) };
}
