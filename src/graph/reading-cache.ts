// Keeps what static reading found in config files between runs (runner configs read from their syntax tree, the
// entries bundler configs name), so a warm run parses none of them and does not even load the parser. A reading is
// used again only while everything it read is the same: its inputs by content, the repository's file list when it
// looked at it, impacted's code that reads; any doubt, it is read again.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCheckedJson, writeCheckedJson } from '../files/checked-json.js';
import { cacheFingerprint } from './cache-fingerprint.js';

/** Bumped when the stored shape changes; part of the file name, so versions never read each other. */
const cacheFormat = 1;
export const readingCacheFileName = `readings-v${cacheFormat}.json`;

/** The repository files a reading may look at, as runner config readers see them (`ConfigSource`). */
export interface ReadableFiles {
  root: string;
  readonly files: ReadonlySet<string>;
  read: (file: string) => string | undefined;
  /** The git blob hash of a file's content when git vouches for it unread (see `ConfigSource`). */
  blobHash?: (file: string) => string | undefined;
}

interface StoredReading {
  /**
   * Each file the reading read: `blob <hash>` when git vouched for its content (checked again without reading it),
   * else the sha1 of its text; null: it could not be read.
   */
  reads?: Record<string, string | null>;
  /** sha1 of the file list, when the reading looked at it (globs, the existence of a setup file). */
  files?: string;
  /** The keys of the readings made or used inside this one: kept while it is, for the run that reads it again. */
  nested?: string[];
  value: unknown;
}

export interface ReadingCache {
  /** `read(content)`'s value for a reading that reads only `content` (of a file named `name`). */
  byContent<T>(kind: string, name: string, content: string, read: () => T): T;
  /** `read(source)`'s value for a reading of `file` that may read any repository file and the file list. */
  throughSource<T>(kind: string, file: string, source: ReadableFiles, read: (source: ReadableFiles) => T): T;
  /**
   * `read(source)`'s value for a reading that depends on the whole list `files` (in its order), on `inputs` (a text
   * holding every other value it depends on) and on any repository file it reads through `source`. The readings it
   * asks for inside are kept with it, for the run where it is made again.
   */
  throughList<T>(kind: string, inputs: string, files: readonly string[], source: ReadableFiles, read: (source: ReadableFiles) => T): T;
  /** Reads the cache file and fingerprints impacted's code now rather than at the first reading. */
  prepare(): void;
  /** Writes the readings used or made in this run (older ones are dropped) when anything changed. */
  save(): void;
}

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/** The graph's code and parsers (`cacheFingerprint`) and the runner config readers beside it; undefined: not cacheable. */
function readingFingerprint(): string | undefined {
  const graph = cacheFingerprint();
  if (graph === undefined) return undefined;
  const self = fileURLToPath(import.meta.url);
  const extension = path.extname(self);
  const runners = path.join(path.dirname(path.dirname(self)), 'runners');
  const hash = createHash('sha1').update(`${graph}\0`);
  try {
    for (const name of readdirSync(runners).filter((entry) => entry.endsWith(extension) && !entry.endsWith(`.d${extension}`)).sort()) {
      hash.update(`${name}\0`).update(readFileSync(path.join(runners, name))).update('\0');
    }
  } catch {
    return undefined;
  }
  return hash.digest('hex');
}

/** Hashes of file lists by list: one hash per list per run. */
const listHashes = new WeakMap<ReadonlySet<string> | readonly string[], string>();
let lastHashed: { list: readonly string[]; hash: string } | undefined;

/**
 * A hash of a file list, in its order, computed once per list object: a key for readings that depend on the whole
 * list, much cheaper than the list itself as JSON in the key (a path holds no NUL).
 */
export function listHash(files: ReadonlySet<string> | readonly string[]): string {
  let hash = listHashes.get(files);
  if (hash === undefined) {
    const list: readonly string[] = Array.isArray(files) ? files : [...files];
    // A run makes the same list more than once (the scan's paths, the graph's): an equal one hashed before is not
    // hashed again. Most paths are then the very same strings, compared without reading them.
    if (lastHashed && lastHashed.list.length === list.length && lastHashed.list.every((file, i) => file === list[i])) hash = lastHashed.hash;
    // One text, one update: an update per path costs more than the hashing.
    else hash = createHash('sha1').update(list.join('\0')).digest('hex');
    listHashes.set(files, hash);
    // A copy: the list hashed, whatever becomes of the array.
    lastHashed = { list: [...list], hash };
  }
  return hash;
}

/** Values are handed out and kept as copies: whoever reads one may change it without changing the cache. */
function copy<T>(value: unknown): T {
  return structuredClone(value) as T;
}

const blobPrefix = 'blob ';

/** How a read is recorded: by the blob hash git vouches for, else by the sha1 of the text read. */
function readKey(source: ReadableFiles, file: string, text: string | undefined): string | null {
  if (text === undefined) return null;
  const blob = source.blobHash?.(file);
  return blob === undefined ? sha1(text) : `${blobPrefix}${blob}`;
}

function isValid(stored: StoredReading, source: ReadableFiles, files: ReadonlySet<string> | readonly string[] = source.files): boolean {
  if (stored.files !== undefined && stored.files !== listHash(files)) return false;
  for (const [file, hash] of Object.entries(stored.reads ?? {})) {
    // A content git vouched for is the same while git vouches for the same blob; anything else is a change.
    if (typeof hash === 'string' && hash.startsWith(blobPrefix)) {
      if (source.blobHash?.(file) !== hash.slice(blobPrefix.length)) return false;
      continue;
    }
    const text = source.read(file);
    if ((text === undefined ? null : sha1(text)) !== hash) return false;
  }
  return true;
}

/**
 * The reading cache of `dir` (absolute). It costs nothing until a reading is asked for: then the file is read and
 * impacted's code fingerprinted; when that cannot be done, nothing is cached and every reading is made.
 */
export function openReadingCache(dir: string): ReadingCache {
  const file = path.join(dir, readingCacheFileName);
  let opened: { fingerprint: string; stored: Record<string, StoredReading> } | null | undefined;
  const open = () => {
    if (opened !== undefined) return opened;
    const fingerprint = readingFingerprint();
    const read = fingerprint === undefined ? undefined : (readCheckedJson(file) as { entries?: Record<string, StoredReading> } | undefined);
    return (opened = fingerprint === undefined ? null : { fingerprint, stored: read?.entries && typeof read.entries === 'object' ? read.entries : {} });
  };
  const used: Record<string, StoredReading> = {};
  let changed = false;
  /**
   * The readings being made now, outermost first: the keys of the readings used inside each, and what each read. A
   * reading taken inside another one (its files checked by their blob hashes, say, unread) adds what it read to it.
   */
  const making: { nested: Set<string>; reads: Record<string, string | null>; sawFiles: boolean }[] = [];
  const note = (key: string, entry?: StoredReading) => {
    for (const frame of making) {
      frame.nested.add(key);
      if (!entry) continue;
      for (const [read, hash] of Object.entries(entry.reads ?? {})) if (!(read in frame.reads)) frame.reads[read] = hash;
      if (entry.files !== undefined) frame.sawFiles = true;
    }
  };
  /** A reading used again keeps the readings made inside it, as they were stored. */
  const useNested = (stored: Record<string, StoredReading>, entry: StoredReading) => {
    for (const key of Array.isArray(entry.nested) ? entry.nested : []) {
      const inner = stored[key];
      if (used[key] === undefined && inner && typeof inner === 'object') {
        used[key] = inner;
        note(key);
        useNested(stored, inner);
      }
    }
  };
  const take = (stored: Record<string, StoredReading>, key: string, isCurrent: (entry: StoredReading) => boolean): StoredReading | undefined => {
    const entry = used[key] ?? stored[key];
    if (!entry || typeof entry !== 'object' || !('value' in entry) || !isCurrent(entry)) return undefined;
    used[key] = entry;
    note(key, entry);
    useNested(stored, entry);
    return entry;
  };
  const keep = (key: string, entry: StoredReading) => {
    used[key] = entry;
    note(key, entry);
    changed = true;
  };
  /** `readSource` over a source that records every file it reads (`readKey`), and the readings used inside it. */
  const recorded = <T>(source: ReadableFiles, readSource: (source: ReadableFiles) => T) => {
    const frame = { nested: new Set<string>(), reads: {} as Record<string, string | null>, sawFiles: false };
    const recording: ReadableFiles = {
      root: source.root,
      get files() {
        frame.sawFiles = true;
        return source.files;
      },
      read(wanted) {
        const text = source.read(wanted);
        frame.reads[wanted] = readKey(source, wanted, text);
        return text;
      },
      ...(source.blobHash ? { blobHash: source.blobHash } : {}),
    };
    making.push(frame);
    try {
      return { value: readSource(recording), reads: frame.reads, sawFiles: frame.sawFiles, nested: [...frame.nested] };
    } finally {
      making.pop();
    }
  };
  return {
    byContent(kind, name, content, readContent) {
      const cache = open();
      if (!cache) return readContent();
      const key = sha1(`${cache.fingerprint}\0${kind}\0${name}\0${content}`);
      const hit = take(cache.stored, key, () => true);
      if (hit) return copy(hit.value);
      const value = readContent();
      keep(key, { value: copy(value) });
      return value;
    },
    throughSource(kind, configFile, source, readSource) {
      const cache = open();
      if (!cache) return readSource(source);
      // The root is part of the key: a cache dir shared by two repositories never answers one with the other's.
      const key = sha1(`${cache.fingerprint}\0${source.root}\0${kind}\0${configFile}`);
      const hit = take(cache.stored, key, (entry) => isValid(entry, source));
      if (hit) return copy(hit.value);
      const { value, reads, sawFiles, nested } = recorded(source, readSource);
      keep(key, { reads, ...(sawFiles ? { files: listHash(source.files) } : {}), ...(nested.length > 0 ? { nested } : {}), value: copy(value) });
      return value;
    },
    throughList(kind, inputs, files, source, readSource) {
      const cache = open();
      if (!cache) return readSource(source);
      const key = sha1(`${cache.fingerprint}\0${source.root}\0${kind}\0${inputs}`);
      // Always checked against the list, whether the reading looked at `source.files` or at `files`.
      const hit = take(cache.stored, key, (entry) => entry.files !== undefined && isValid(entry, source, files));
      if (hit) return copy(hit.value);
      const made = recorded(source, readSource);
      keep(key, { reads: made.reads, files: listHash(files), nested: made.nested, value: copy(made.value) });
      return made.value;
    },
    prepare() {
      open();
    },
    save() {
      if (!opened || (!changed && Object.keys(used).length === Object.keys(opened.stored).length)) return;
      writeCheckedJson(file, { entries: used });
      opened = { ...opened, stored: { ...used } };
      changed = false;
    },
  };
}
