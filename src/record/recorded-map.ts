// The recorded dependency map: for each test file, the repository files it executed and read on one recorded run.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ImpactedError } from '../errors.js';
import { readRegularFile } from '../files/read-regular-file.js';

/** What one test executed and read, as repository-relative paths. */
export interface RecordedTest {
  executed: string[];
  read: string[];
  /** The git blob hash of the test file when it was recorded: a test edited since is left to the static rules. */
  hash: string;
}

/** The whole map in memory, for recording, merging and explaining. */
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
 * The map as selection reads it: the tables only, and for a file the tests that used it, decoded on demand, so that
 * a warm `list` pays for the changed files, not for the whole map.
 */
export interface RecordedIndex {
  commit: string;
  recordedAt: string;
  /** Test paths, by index. */
  tests: readonly string[];
  /** The blob hash of each test when it was recorded, by index. */
  testHashes: readonly string[];
  /** Every recorded file, and its blob hash when it was recorded, by index. */
  files: readonly string[];
  hashes: readonly string[];
  /** The indexes of the tests that executed and that read `file`; undefined for a file the map does not know. */
  usesOf(file: string): { executed: number[]; read: number[] } | undefined;
}

/**
 * On disk: a JSON header line (commit, time, the test table with their blob hashes, the file table with theirs), then
 * one line per file of the table: the indexes of the tests that executed it, `;`, those that read it. Each list is
 * sorted and written as runs: `gap` or `gap+length` in base 36, comma-separated, where gap counts the indexes skipped
 * since the previous run. Tests of one package sit side by side in the table, so a file they all load is a few bytes.
 */
interface Header {
  version: 1;
  commit: string;
  recordedAt: string;
  tests: string[];
  testHashes: string[];
  files: string[];
  hashes: string[];
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function encodeRuns(sorted: readonly number[]): string {
  const runs: string[] = [];
  let previous = -1;
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    const gap = (sorted[i]! - previous - 1).toString(36);
    runs.push(j > i ? `${gap}+${(j - i).toString(36)}` : gap);
    previous = sorted[j]!;
    i = j + 1;
  }
  return runs.join(',');
}

export function decodeRuns(text: string): number[] {
  const indexes: number[] = [];
  if (text === '') return indexes;
  let previous = -1;
  for (const run of text.split(',')) {
    const plus = run.indexOf('+');
    const start = previous + 1 + Number.parseInt(plus === -1 ? run : run.slice(0, plus), 36);
    const length = plus === -1 ? 0 : Number.parseInt(run.slice(plus + 1), 36);
    for (let k = 0; k <= length; k++) indexes.push(start + k);
    previous = start + length;
  }
  return indexes;
}

export function serializeRecordedMap(map: RecordedMap): string {
  const tests = [...map.tests.keys()].sort(compare);
  const paths = new Set<string>(map.hashes.keys());
  for (const [test, recorded] of map.tests) for (const file of [test, ...recorded.executed, ...recorded.read]) paths.add(file);
  const files = [...paths].sort(compare);
  const at = new Map(files.map((file, i) => [file, i]));
  const executed: number[][] = files.map(() => []);
  const read: number[][] = files.map(() => []);
  tests.forEach((test, t) => {
    const recorded = map.tests.get(test)!;
    for (const file of recorded.executed) executed[at.get(file)!]!.push(t);
    for (const file of recorded.read) read[at.get(file)!]!.push(t);
  });
  const header: Header = {
    version: 1,
    commit: map.commit,
    recordedAt: map.recordedAt,
    tests,
    testHashes: tests.map((test) => map.tests.get(test)!.hash),
    files,
    hashes: files.map((file) => map.hashes.get(file) ?? ''),
  };
  const lines = files.map((_, i) => `${encodeRuns(executed[i]!)};${encodeRuns(read[i]!)}`);
  return `${JSON.stringify(header)}\n${lines.join('\n')}\n`;
}

/** Writes the map atomically (a temp file renamed over the old map), so a crash never leaves half a map. */
export async function writeRecordedMap(file: string, map: RecordedMap): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, serializeRecordedMap(map));
  await rename(temp, file);
}

const isStrings = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');

function parseHeader(line: string, label: string): Header {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    throw new ImpactedError('CONFIG', `${label} is not a recorded map (invalid JSON). Write it again with impacted record.`);
  }
  const header = raw as Partial<Header> | null;
  if (typeof header !== 'object' || header === null || Array.isArray(header)) {
    throw new ImpactedError('CONFIG', `${label} is not a recorded map. Write it again with impacted record.`);
  }
  if (header.version !== 1) {
    const what = header.version === undefined ? 'not a recorded map' : `version ${JSON.stringify(header.version)}, this impacted reads version 1`;
    throw new ImpactedError('CONFIG', `${label} is ${what}. Write it again with impacted record.`);
  }
  const valid =
    typeof header.commit === 'string' &&
    typeof header.recordedAt === 'string' &&
    isStrings(header.tests) &&
    isStrings(header.testHashes) &&
    header.testHashes.length === header.tests.length &&
    isStrings(header.files) &&
    isStrings(header.hashes) &&
    header.hashes.length === header.files.length;
  if (!valid) throw new ImpactedError('CONFIG', `${label} is damaged (its header is incomplete). Write it again with impacted record.`);
  return header as Header;
}

/** Opens a map for selection; undefined when the file does not exist (a pull request whose CI cache has no map yet). */
export async function openRecordedIndex(file: string, label: string): Promise<RecordedIndex | undefined> {
  let text: string;
  try {
    // Only a regular file: a FIFO or device in its place would hang or never end.
    text = readRegularFile(file).toString('utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ENOTREG' || code === 'ELOOP') throw new ImpactedError('FILE', `${label} is not a regular file. Point "recorded" at a map written by impacted record.`);
    throw new ImpactedError('FILE', `cannot read ${label}: ${(error as Error).message}`, { cause: error });
  }
  const end = text.indexOf('\n');
  const header = parseHeader(end === -1 ? text : text.slice(0, end), label);
  const lines = end === -1 ? [] : text.slice(end + 1).split('\n');
  if (lines.length < header.files.length) throw new ImpactedError('CONFIG', `${label} is damaged (truncated). Write it again with impacted record.`);
  const fileIndex = new Map(header.files.map((name, i) => [name, i]));
  const damaged = (): never => {
    throw new ImpactedError('CONFIG', `${label} is damaged (a test index out of range). Write it again with impacted record.`);
  };
  return {
    commit: header.commit,
    recordedAt: header.recordedAt,
    tests: header.tests,
    testHashes: header.testHashes,
    files: header.files,
    hashes: header.hashes,
    usesOf(name) {
      const i = fileIndex.get(name);
      if (i === undefined) return undefined;
      const line = lines[i]!;
      const semicolon = line.indexOf(';');
      const executed = decodeRuns(semicolon === -1 ? line : line.slice(0, semicolon));
      const read = semicolon === -1 ? [] : decodeRuns(line.slice(semicolon + 1));
      if ([...executed, ...read].some((t) => t >= header.tests.length)) damaged();
      return { executed, read };
    },
  };
}

/** Reads a whole map (to merge into, or to explain); undefined when the file does not exist. */
export async function readRecordedMap(file: string, label: string): Promise<RecordedMap | undefined> {
  const index = await openRecordedIndex(file, label);
  if (!index) return undefined;
  const tests = new Map<string, RecordedTest>(index.tests.map((test, t) => [test, { executed: [], read: [], hash: index.testHashes[t]! }]));
  for (const name of index.files) {
    const uses = index.usesOf(name)!;
    for (const t of uses.executed) tests.get(index.tests[t]!)!.executed.push(name);
    for (const t of uses.read) tests.get(index.tests[t]!)!.read.push(name);
  }
  return { version: 1, commit: index.commit, recordedAt: index.recordedAt, tests, hashes: new Map(index.files.map((name, i) => [name, index.hashes[i]!])) };
}
