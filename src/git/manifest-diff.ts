// Compares each changed package.json between the merge base and the head, key by key, for the manifest rule.
import path from 'node:path';
import type { ChangedFile, ManifestChange, ManifestKeyChange } from '../types.js';
import type { GitClient } from './git-client.js';
import { type HeadSource, readHead } from './lockfile-diff.js';
import { readBlob } from './read-file-at-revision.js';

/** Fields compared entry by entry: a dependency range or a script changes alone. */
const entryFields = new Set(['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies', 'scripts']);

type Manifest = Record<string, unknown>;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function parseSide(content: string | undefined, label: string): Manifest {
  // A manifest that did not exist on one side (a new package) differs in every key.
  if (content === undefined) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch (error) {
    throw new Error(`cannot parse the ${label} version: ${(error as Error).message.split('\n')[0]}`, { cause: error });
  }
  if (!isObject(parsed)) throw new Error(`the ${label} version is not a JSON object`);
  return parsed;
}

/** Key order counts (it does in `exports`), so values compare as written. */
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The keys whose value differs, with the entry names for dependency fields and scripts; sorted. */
export function changedKeys(before: Manifest, after: Manifest): ManifestKeyChange[] {
  const changes: ManifestKeyChange[] = [];
  for (const key of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
    const [a, b] = [before[key], after[key]];
    if (same(a, b)) continue;
    if (entryFields.has(key) && (a === undefined || isObject(a)) && (b === undefined || isObject(b))) {
      const [entriesA, entriesB] = [a ?? {}, b ?? {}];
      for (const name of [...new Set([...Object.keys(entriesA), ...Object.keys(entriesB)])].sort()) {
        if (!same(entriesA[name], entriesB[name])) changes.push({ key, name });
      }
    } else changes.push({ key });
  }
  return changes;
}

async function diffManifest(client: GitClient, change: ChangedFile, base: string, head: HeadSource): Promise<ManifestChange | undefined> {
  if (path.posix.basename(change.path) !== 'package.json') return undefined;
  const [before, after] = await Promise.all([
    change.status === 'added' ? undefined : readBlob(client, base, change.from ?? change.path),
    change.status === 'deleted' ? undefined : readHead(client, head, change.path),
  ]);
  try {
    return { manifest: change.path, keys: changedKeys(parseSide(before, 'base'), parseSide(after, 'head')) };
  } catch (error) {
    return { manifest: change.path, keys: [], error: (error as Error).message };
  }
}

/** One entry per changed package.json (any directory), sorted by path. */
export async function diffManifests(client: GitClient, changed: readonly ChangedFile[], base: string, head: HeadSource): Promise<ManifestChange[]> {
  const results = await Promise.all(changed.map((change) => diffManifest(client, change, base, head)));
  return results.filter((result): result is ManifestChange => result !== undefined).toSorted((a, b) => (a.manifest < b.manifest ? -1 : 1));
}
