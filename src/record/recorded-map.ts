// The recorded dependency map: for each test file, the repository files it executed and read on one recorded run.
import { readFile, writeFile, rename, mkdir, lstat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { ImpactedError } from '../errors.js';

/** What one test executed and read, as repository-relative paths. */
export interface RecordedTest {
  executed: string[];
  read: string[];
  /** The git blob hash of the test file when it was recorded: a test edited since is left to the static rules. */
  hash: string;
}

/** The map in memory. */
export interface RecordedMap {
  version: 1;
  /** The commit the run was recorded on. */
  commit: string;
  /** ISO time of the recording. */
  recordedAt: string;
  tests: Map<string, RecordedTest>;
  /** The blob hash of every recorded file at recording time, for tools that compare the map with a tree. */
  hashes: Map<string, string>;
}

/**
 * On disk: one table of paths and their blob hashes, and per test the indexes of the files it executed and read, so
 * that a path shared by a thousand tests is stored once.
 */
const fileSchema = z.object({
  version: z.literal(1),
  commit: z.string(),
  recordedAt: z.string(),
  files: z.array(z.string()),
  hashes: z.array(z.string()),
  tests: z.array(z.object({ test: z.number().int(), hash: z.string(), executed: z.array(z.number().int()), read: z.array(z.number().int()) })),
});

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function serializeRecordedMap(map: RecordedMap): string {
  const paths = new Set<string>(map.hashes.keys());
  for (const [test, recorded] of map.tests) {
    paths.add(test);
    for (const file of [...recorded.executed, ...recorded.read]) paths.add(file);
  }
  const files = [...paths].sort(compare);
  const index = new Map(files.map((file, i) => [file, i]));
  const at = (file: string) => index.get(file)!;
  const tests = [...map.tests.entries()]
    .sort(([a], [b]) => compare(a, b))
    .map(([test, recorded]) => ({ test: at(test), hash: recorded.hash, executed: recorded.executed.map(at), read: recorded.read.map(at) }));
  const body = { version: map.version, commit: map.commit, recordedAt: map.recordedAt, files, hashes: files.map((file) => map.hashes.get(file) ?? ''), tests };
  return `${JSON.stringify(body)}\n`;
}

/** Writes the map atomically (a temp file renamed over the old map), so a crash never leaves half a map. */
export async function writeRecordedMap(file: string, map: RecordedMap): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, serializeRecordedMap(map));
  await rename(temp, file);
}

/** Reads a map; undefined when the file does not exist (a pull request whose CI cache has no map yet). */
export async function readRecordedMap(file: string, label: string): Promise<RecordedMap | undefined> {
  let text: string;
  try {
    // Only a regular file: a FIFO or device in its place would hang or never end.
    if (!(await lstat(file)).isFile()) throw new ImpactedError('FILE', `${label} is not a regular file. Point "recorded" at a map written by impacted record.`);
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    if (error instanceof ImpactedError) throw error;
    throw new ImpactedError('FILE', `cannot read ${label}: ${(error as Error).message}`, { cause: error });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ImpactedError('CONFIG', `${label} is not a recorded map (invalid JSON). Write it again with impacted record.`);
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    const version = (raw as { version?: unknown } | null)?.version;
    const what = version !== undefined && version !== 1 ? `version ${JSON.stringify(version)}, this impacted reads version 1` : 'not a recorded map';
    throw new ImpactedError('CONFIG', `${label} is ${what}. Write it again with impacted record.`);
  }
  const { files, hashes } = parsed.data;
  const name = (i: number): string => {
    const entry = files[i];
    if (entry === undefined) throw new ImpactedError('CONFIG', `${label} is damaged (file index ${i} out of range). Write it again with impacted record.`);
    return entry;
  };
  const tests = new Map<string, RecordedTest>();
  for (const entry of parsed.data.tests) {
    tests.set(name(entry.test), { hash: entry.hash, executed: entry.executed.map(name), read: entry.read.map(name) });
  }
  return {
    version: 1,
    commit: parsed.data.commit,
    recordedAt: parsed.data.recordedAt,
    tests,
    hashes: new Map(files.map((recordedFile, i) => [recordedFile, hashes[i] ?? ''])),
  };
}
