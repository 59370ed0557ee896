// Keeps the graph's expensive parts between runs, in one file per cache dir: what `extractImports` found in each
// file content (keyed by git blob hash), and each file's resolved imports (valid only within one resolution epoch,
// and only while no path added to or gone from the file list touches what the resolution asked about).
// The file is one buffer of numbers and one text of strings, read by offset: a warm run decodes only what it uses.
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, openSync, readdirSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { endianness } from 'node:os';
import path from 'node:path';
import { readRegularFile } from '../files/read-regular-file.js';
import type { EdgeKind, ExternalImport, UnresolvedImport } from '../types.js';
import { makeCacheDir } from './cache-dir.js';
import { cacheFingerprint } from './cache-fingerprint.js';
import { edgeKindCodes, edgeKinds, edgeList, type EdgeList } from './edge-table.js';
import type { GlobRecord } from './extract-globs.js';
import type { AssetRecord, ExtractResult, ImportKind, ImportRecord } from './extract-imports.js';
import { keysChangedBy } from './probe-keys.js';

/** Bumped whenever the layout below changes; part of the file name, so versions never read each other. */
const cacheFormat = 4;
export const cacheFileName = `graph-v${cacheFormat}.bin`;

/** A specifier naming a workspace package (its directory) whose file could not be determined, with the import's kind. */
export interface PackageImport {
  from: string;
  specifier: string;
  dir: string;
  kind: EdgeKind;
}

/** What one file contributes to the graph once its imports are resolved. */
export interface FileResolution {
  /**
   * One edge per target, with the kind that won, sorted by target: the target's index in the build's files (an index
   * beyond them names something else, a link's target say: such a resolution is not cached).
   */
  edges: { to: number; kind: EdgeKind }[];
  /** External packages, sorted. */
  external: ExternalImport[];
  /** Specifiers that resolved to nothing, sorted. */
  unresolved: UnresolvedImport[];
  packages: PackageImport[];
}

/** What the files contribute, appended file by file; the edges by node id (a file's id is its index in the build's files). */
export interface GraphParts {
  edges: EdgeList;
  external: ExternalImport[];
  unresolved: UnresolvedImport[];
  packages: PackageImport[];
}

/** A file's resolution with the probe keys (probe-keys.ts) of every path whose presence or absence it depends on. */
export interface ProbedResolution extends FileResolution {
  probes: readonly number[];
}

const importKindCodes = { static: 0, type: 1, dynamic: 2, require: 3, mock: 4 } satisfies Record<ImportKind, number>;
const importKinds = Object.keys(importKindCodes) as ImportKind[];
const relativeToCodes = { file: 0, cwd: 1 } satisfies Record<AssetRecord['relativeTo'], number>;
const relativeTos = Object.keys(relativeToCodes) as AssetRecord['relativeTo'][];

/** "No string" in a string slot (no error, no globs). */
const none = 0xffffffff;
/** Words before the tables: string count, file count, extraction count, resolution count, record words. */
const countWords = 5;

interface Header {
  format: number;
  fingerprint: string;
  /** The byte order of the numbers: a cache copied to a machine of the other order is not read. */
  endianness: 'LE' | 'BE';
  /** The resolution epoch the resolutions were made in; `''` when there are none. */
  epoch: string;
  /** sha1 of everything after the header line. */
  checksum: string;
}

/** The extractor depends on the extension (`.ts`, `.tsx`, `.d.mts`, ...): the same content under another one is another entry. */
export function contentKey(hash: string, file: string): string {
  // `(?:\.d)?\.[^./]+$`, without a regex: the last dot with something after it and no slash, and a `.d` before it.
  const dot = file.lastIndexOf('.');
  if (dot < 0 || dot === file.length - 1 || file.includes('/', dot)) return hash;
  return hash + file.slice(dot >= 2 && file.charCodeAt(dot - 1) === 100 && file.charCodeAt(dot - 2) === 46 ? dot - 2 : dot);
}

/*
 * Layout, after a JSON header line padded so that the body starts at a multiple of 4 bytes:
 *   body  = u32 words (the platform's byte order, named in the header), then the text (UTF-8)
 *   words = S, F, E, R, W;
 *           S string ends (offsets in the text, in UTF-16 units, each string ending where the next begins); the
 *           first F strings are the sorted file list of the build that wrote the file (a file index is a string index);
 *           E × (key string, record offset) for extractions, sorted by key; R × (file index, extraction ordinal, record
 *           offset) for resolutions; W record words.
 *   extraction record: import count, (kind, specifier string) per import, asset count, (relativeTo, path string) per
 *           asset, error string or none, globs (JSON) string or none.
 *   resolution record: probe count, probe keys, edge count, (target file index, kind) per edge, external count,
 *           package name strings, unresolved count, specifier strings, whole-package count, (specifier, directory,
 *           kind) per import.
 */

/** Texts are turned into UTF-8 this many UTF-16 units at a time: the text is never one string (megabytes at 100k files). */
const textChunk = 1 << 20;

/**
 * The texts of the file, referred to by index: `intern` stores a text once (package names and the specifiers of
 * resolution records repeat across files), `add` stores it again (what extraction records hold: most specifiers
 * are relative and differ from file to file, and a lookup per import cost more than the repeats cost the file).
 * The text is kept as UTF-8 chunks, each made from the texts added since the last one.
 */
function stringTable() {
  /** Where each string ends in the text, in UTF-16 units. */
  const ends = wordList();
  let end = 0;
  const chunks: Buffer[] = [];
  let pending: string[] = [];
  let pendingLength = 0;
  const flush = () => {
    chunks.push(Buffer.from(pending.join(''), 'utf8'));
    pending = [];
    pendingLength = 0;
  };
  const add = (text: string): number => {
    pending.push(text);
    pendingLength += text.length;
    if (pendingLength >= textChunk) flush();
    ends.push((end += text.length));
    return ends.length - 1;
  };
  const indexOf = new Map<string, number>();
  const intern = (text: string): number => {
    let index = indexOf.get(text);
    if (index === undefined) indexOf.set(text, (index = add(text)));
    return index;
  };
  return {
    add,
    intern,
    /** How many strings, where they end, and the text as its chunks. */
    done(): { count: number; ends: Uint32Array[]; text: Buffer[] } {
      if (pendingLength > 0) flush();
      return { count: ends.length, ends: ends.done(), text: chunks };
    },
  };
}

/**
 * A string with a lone surrogate would not survive UTF-8: its entry is not written (it is extracted again next time).
 * Asked of every text written: the built-in check costs a tenth of a regular expression's.
 */
function writable(text: string): boolean {
  return text.isWellFormed();
}

/** Appends an extraction's record to `records`; false, with nothing appended or added, when a text would not survive. */
function encodeExtraction(result: ExtractResult, add: (text: string) => number, records: WordList): boolean {
  const globs = result.globs === undefined ? undefined : JSON.stringify(result.globs);
  for (const record of result.imports) if (!writable(record.specifier)) return false;
  for (const asset of result.assets) if (!writable(asset.path)) return false;
  if (!writable(result.error ?? '') || (globs !== undefined && !writable(globs))) return false;
  records.push(result.imports.length);
  for (const record of result.imports) {
    records.push(importKindCodes[record.kind]);
    records.push(add(record.specifier));
  }
  records.push(result.assets.length);
  for (const asset of result.assets) {
    records.push(relativeToCodes[asset.relativeTo]);
    records.push(add(asset.path));
  }
  records.push(result.error === undefined ? none : add(result.error));
  records.push(globs === undefined ? none : add(globs));
  return true;
}

/** Appends a file's resolution record to `records`; false, with nothing appended or interned, when it cannot be written. */
function encodeResolution(resolution: ProbedResolution, fileCount: number, intern: (text: string) => number, records: WordList): boolean {
  for (const { package: name } of resolution.external) if (!writable(name)) return false;
  for (const { specifier } of resolution.unresolved) if (!writable(specifier)) return false;
  for (const { specifier, dir } of resolution.packages) if (!writable(specifier) || !writable(dir)) return false;
  const start = records.length;
  records.push(resolution.probes.length);
  for (const key of resolution.probes) records.push(key);
  records.push(resolution.edges.length);
  for (const edge of resolution.edges) {
    if (edge.to >= fileCount) {
      // Edges come before any text: taking them back leaves the string table as it was.
      records.truncate(start);
      return false;
    }
    records.push(edge.to);
    records.push(edgeKindCodes[edge.kind]);
  }
  records.push(resolution.external.length);
  for (const { package: name } of resolution.external) records.push(intern(name));
  records.push(resolution.unresolved.length);
  for (const { specifier } of resolution.unresolved) records.push(intern(specifier));
  records.push(resolution.packages.length);
  for (const { specifier, dir, kind } of resolution.packages) {
    records.push(intern(specifier));
    records.push(intern(dir));
    records.push(edgeKindCodes[kind]);
  }
  return true;
}

interface WordList {
  readonly length: number;
  push(value: number): void;
  /** Drops the words from `length` on. */
  truncate(length: number): void;
  /** The words, as the blocks they were written in. */
  done(): Uint32Array[];
}

/** The largest block of a word list: 256 KB. */
const maxBlockWords = 1 << 16;

/**
 * Numbers appended to typed arrays (a third of what a JS array of them holds), block after block: nothing is copied
 * as the list grows, and at most one block is partly empty (a doubling array copied itself at every step and was up
 * to half empty: at 100k files tens of MB at the build's peak).
 */
function wordList(): WordList {
  const blocks = [new Uint32Array(1 << 12)];
  /** Where each block starts in the list. */
  const starts = [0];
  let block = blocks[0]!;
  let fill = 0;
  let length = 0;
  return {
    get length() {
      return length;
    },
    push(value: number): void {
      if (fill === block.length) {
        block = new Uint32Array(Math.min(maxBlockWords, length));
        blocks.push(block);
        starts.push(length);
        fill = 0;
      }
      block[fill++] = value;
      length++;
    },
    truncate(to: number): void {
      if (to >= length) return;
      while (blocks.length > 1 && starts.at(-1)! >= to) {
        blocks.pop();
        starts.pop();
      }
      block = blocks.at(-1)!;
      fill = to - starts.at(-1)!;
      length = to;
    },
    done: (): Uint32Array[] => blocks.map((words, i) => (i === blocks.length - 1 ? words.subarray(0, fill) : words)),
  };
}

/** A typed array's bytes, without a copy. */
function bytes(words: Uint32Array): Uint8Array {
  return new Uint8Array(words.buffer, words.byteOffset, words.byteLength);
}

/** Whether the first 8 characters of `key` are lowercase hex digits (a git hash's are). */
function hexPrefixed(key: string): boolean {
  if (key.length < 8) return false;
  for (let c = 0; c < 8; c++) {
    const code = key.charCodeAt(c);
    if (!((code >= 48 && code <= 57) || (code >= 97 && code <= 102))) return false;
  }
  return true;
}

/**
 * The slots of distinct `keys` in key order (code units, as `<` compares them). Content keys start with a git hash,
 * whose first 8 hex digits as a number order them as their text does: a numeric sort of prefix-and-slot numbers does
 * the work, and only keys with the same prefix are compared whole (a comparator over 100,000 strings took ~130 ms).
 */
function keyOrder(keys: readonly string[]): number[] {
  const byText = () => keys.map((_, slot) => slot).sort((a, b) => (keys[a]! < keys[b]! ? -1 : 1));
  const count = keys.length;
  // prefix * count + slot stays an exact integer below 2^53 while count < 2^21.
  if (count >= 2 ** 21) return byText();
  const packed = new Float64Array(count);
  for (let slot = 0; slot < count; slot++) {
    const key = keys[slot]!;
    if (!hexPrefixed(key)) return byText();
    packed[slot] = Number.parseInt(key.slice(0, 8), 16) * count + slot;
  }
  packed.sort();
  const order = Array.from(packed, (value) => value % count);
  // Runs of one prefix, in slot order now, are put in key order.
  for (let start = 0; start < count; ) {
    const prefix = Math.floor(packed[start]! / count);
    let end = start + 1;
    while (end < count && Math.floor(packed[end]! / count) === prefix) end++;
    if (end - start > 1) {
      const run = order.slice(start, end).sort((a, b) => (keys[a]! < keys[b]! ? -1 : 1));
      for (let i = 0; i < run.length; i++) order[start + i] = run[i]!;
    }
    start = end;
  }
  return order;
}

/**
 * The body of the next cache file, built as the build goes: each entry is encoded when it is stored, while its
 * objects are fresh (a pass over them all at the end cost a cold build at 10k files ~120 ms of CPU, mostly the
 * walk through memory); only the tables are made at the end. The extraction records come first, then the resolution
 * records, so dropping the resolutions drops their part.
 */
function bodyWriter(files: readonly string[]) {
  const strings = stringTable();
  const { intern, add } = strings;
  // First, so that a file's index in the list is its string index; not interned (a specifier is rarely a path, and a
  // string stored twice costs less than ten thousand more map entries).
  for (const file of files) add(file);
  const extractionRecords = wordList();
  const resolutionRecords = wordList();
  /** By slot (the order they came in): each extraction's key and record offset. */
  const keys: string[] = [];
  const extractionAt: number[] = [];
  const slotOf = new Map<string, number>();
  /** Per resolution: the file index, the key of the content it was resolved from, the record offset. */
  const resolutionFiles: number[] = [];
  const resolutionKeys: string[] = [];
  const resolutionAt: number[] = [];
  return {
    /** An extraction under a key not added before (else, or when a text would not survive, nothing happens). */
    addExtraction(key: string, result: ExtractResult): void {
      if (slotOf.has(key)) return;
      const at = extractionRecords.length;
      if (!encodeExtraction(result, add, extractionRecords)) return;
      slotOf.set(key, keys.length);
      keys.push(key);
      extractionAt.push(at);
    },
    /**
     * A file's resolution, written only beside the extraction of its key (added before the end); a file added twice
     * keeps the later one (the reader indexes the last). The texts it interns stay in the table even if it is dropped.
     */
    addResolution(file: number, key: string, resolution: ProbedResolution): void {
      const at = resolutionRecords.length;
      if (!encodeResolution(resolution, files.length, intern, resolutionRecords)) return;
      resolutionFiles.push(file);
      resolutionKeys.push(key);
      resolutionAt.push(at);
    },
    /** The body as its parts, numbers and text, written one after the other (never joined in memory). */
    done(withResolutions: boolean): Uint8Array[] {
      // Sorted by key, so that a lookup is a binary search over the file, with no index to build.
      const order = keyOrder(keys);
      const ordinalOf = new Uint32Array(keys.length);
      const extractionTable = new Uint32Array(2 * keys.length);
      order.forEach((slot, ordinal) => {
        ordinalOf[slot] = ordinal;
        extractionTable[2 * ordinal] = add(keys[slot]!);
        extractionTable[2 * ordinal + 1] = extractionAt[slot]!;
      });
      const resolutionTable = wordList();
      const base = extractionRecords.length;
      for (let i = 0; i < (withResolutions ? resolutionFiles.length : 0); i++) {
        const slot = slotOf.get(resolutionKeys[i]!);
        if (slot === undefined) continue;
        resolutionTable.push(resolutionFiles[i]!);
        resolutionTable.push(ordinalOf[slot]!);
        resolutionTable.push(base + resolutionAt[i]!);
      }
      const records = [...extractionRecords.done(), ...(withResolutions ? resolutionRecords.done() : [])];
      const recordWords = extractionRecords.length + (withResolutions ? resolutionRecords.length : 0);
      const { count, ends, text } = strings.done();
      const counts = Uint32Array.of(count, files.length, keys.length, resolutionTable.length / 3, recordWords);
      return [counts, ...ends, extractionTable, ...resolutionTable.done(), ...records].map(bytes).concat(text);
    },
  };
}

function isGlobRecord(value: unknown): value is GlobRecord {
  if (!value || typeof value !== 'object') return false;
  const { patterns, context } = value as GlobRecord;
  if (patterns !== undefined) return Array.isArray(patterns) && patterns.every((p) => typeof p === 'string');
  return (
    !!context &&
    typeof context.dir === 'string' &&
    typeof context.recursive === 'boolean' &&
    typeof context.regex === 'string' &&
    typeof context.flags === 'string'
  );
}

function parseGlobs(text: string | undefined): GlobRecord[] | undefined {
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text) as unknown;
    return Array.isArray(value) && value.every(isGlobRecord) ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A loaded cache file: its tables and records, decoded on demand. Every read checks its bounds; a record with a value
 * out of place decodes to undefined (a miss), never to something else. The header and the checksum were checked on load.
 */
interface Store {
  /** How many extractions it holds, and resolutions indexed (those of this build's files that no added or gone path touches). */
  extractions: number;
  resolutions: number;
  /** The extraction ordinal of a content key. */
  ordinalOf(key: string): number | undefined;
  keyOf(ordinal: number): string | undefined;
  extraction(ordinal: number): ExtractResult | undefined;
  /** The parse error of an extraction, read without decoding the rest; undefined when the record is damaged. */
  extractionError(ordinal: number): { error: string | undefined } | undefined;
  /** The extraction ordinal of the content a file index was resolved from, when that content had this key (any key: undefined). */
  resolutionOf(file: number, key?: string): number | undefined;
  /**
   * Appends a file's resolution to the lists of `into`, and its probe keys to `probes` when given; false (and `into`
   * as it was) when the record is damaged or names a file gone from this build's list.
   */
  resolution(file: number, into: GraphParts, probes?: number[]): boolean;
}

/** Checks and indexes a cache body: undefined, with the reason, when it is not one. */
function openStore(content: Buffer, files: readonly string[], withResolutions: boolean): Store | string {
  if (content.length < countWords * 4) return 'too short';
  // Numbers are read in place when they start on a multiple of 4 (the header is padded so they do), else from a copy.
  const body = content.byteOffset % 4 === 0 ? content : Buffer.from(new Uint8Array(content).buffer);
  const head = new Uint32Array(body.buffer, body.byteOffset, countWords);
  const [stringCount, fileCount, extractionCount, resolutionCount, recordCount] = head as unknown as [number, number, number, number, number];
  if (fileCount > stringCount) return 'file list out of range';
  const wordCount = countWords + stringCount + 2 * extractionCount + 3 * resolutionCount + recordCount;
  if (wordCount * 4 > body.length) return 'truncated';
  const words = new Uint32Array(body.buffer, body.byteOffset, wordCount);
  const text = body.toString('utf8', wordCount * 4);
  const stringsAt = countWords;
  const extractionsAt = stringsAt + stringCount;
  const resolutionsAt = extractionsAt + 2 * extractionCount;
  const recordsAt = resolutionsAt + 3 * resolutionCount;
  for (let i = 0, end = 0; i < stringCount; i++) {
    if (words[stringsAt + i]! < end) return 'string table out of order';
    end = words[stringsAt + i]!;
  }
  if ((stringCount === 0 ? 0 : words[extractionsAt - 1]) !== text.length) return 'string table does not match its text';
  for (let i = 0; i < resolutionCount; i++) {
    const at = resolutionsAt + 3 * i;
    if (words[at]! >= fileCount || words[at + 1]! >= extractionCount || words[at + 2]! >= recordCount) return 'resolution table out of range';
  }
  // A length, not `Array.from({ length })`: that walks an array-like key by key (~50 ms for 500,000 strings at 100k files).
  // oxlint-disable-next-line unicorn/no-new-array
  const strings: (string | undefined)[] = new Array<string | undefined>(stringCount);
  const string = (index: number | undefined): string | undefined => {
    if (index === undefined || index >= stringCount) return undefined;
    let value = strings[index];
    if (value === undefined) strings[index] = value = text.slice(index === 0 ? 0 : words[stringsAt + index - 1], words[stringsAt + index]);
    return value;
  };
  /** The key string's index and the record offset of an extraction. */
  const extractionEntry = (ordinal: number) => (ordinal < extractionCount ? { key: words[extractionsAt + 2 * ordinal]!, at: words[extractionsAt + 2 * ordinal + 1]! } : undefined);
  /** Whether a string is `value`, compared in the text. */
  const stringIs = (index: number, value: string): boolean => {
    if (index >= stringCount) return false;
    const start = index === 0 ? 0 : words[stringsAt + index - 1]!;
    return words[stringsAt + index]! - start === value.length && text.startsWith(value, start);
  };
  /** Whether an extraction's key is `key`. */
  const keyIs = (ordinal: number, key: string): boolean => stringIs(words[extractionsAt + 2 * ordinal]!, key);
  /** `key` against the key of an extraction, in code units (the order `sort()` gives), without slicing it out of the text. */
  const compareKey = (key: string, ordinal: number): number => {
    const index = words[extractionsAt + 2 * ordinal]!;
    // A key out of range matches nothing.
    if (index >= stringCount) return -1;
    const start = index === 0 ? 0 : words[stringsAt + index - 1]!;
    const length = words[stringsAt + index]! - start;
    for (let c = 0, n = Math.min(length, key.length); c < n; c++) {
      const difference = key.charCodeAt(c) - text.charCodeAt(start + c);
      if (difference !== 0) return difference;
    }
    return key.length - length;
  };
  const recordsEnd = recordsAt + recordCount;
  /** The count at `i` when that many items of `width` words fit in the records after it, else -1. */
  const countAt = (i: number, width: number): number => {
    const value = i < recordsEnd ? words[i]! : -1;
    return value >= 0 && i + 1 + value * width <= recordsEnd ? value : -1;
  };
  // Where each stored file is in this build's list (-1: gone), and the probe keys of the paths added or gone since: one
  // walk of both sorted lists, comparing in the text (a list out of order only makes more paths look added and gone).
  const fileAt = new Int32Array(withResolutions ? fileCount : 0);
  const touched = new Set<number>();
  const touch = (file: string) => {
    for (const key of keysChangedBy(file)) touched.add(key);
  };
  // The same list (a run after edits only) is told by the lengths, then all the texts at once: one join and one
  // comparison cost less than a comparison per file.
  const sameList = (): boolean => {
    if (fileCount !== files.length) return false;
    for (let i = 0, start = 0; i < fileCount; i++) {
      const end = words[stringsAt + i]!;
      if (end - start !== files[i]!.length) return false;
      start = end;
    }
    return fileCount === 0 || text.slice(0, words[stringsAt + fileCount - 1]) === files.join('');
  };
  if (withResolutions && sameList()) for (let i = 0; i < fileCount; i++) fileAt[i] = i;
  else if (withResolutions) {
    let next = 0;
    for (let stored = 0; stored < fileCount; stored++) {
      let found = -1;
      while (next < files.length) {
        const file = files[next]!;
        if (stringIs(stored, file)) {
          found = next++;
          break;
        }
        if (!(file < string(stored)!)) break;
        touch(file);
        next++;
      }
      fileAt[stored] = found;
      if (found < 0) touch(string(stored)!);
    }
    while (next < files.length) touch(files[next++]!);
  }
  /** Whether a resolution record asked about a path added or gone (or cannot be read). */
  const isTouched = (at: number): boolean => {
    const count = countAt(recordsAt + at, 1);
    if (count < 0) return true;
    for (let i = recordsAt + at + 1, end = i + count; i < end; i++) if (touched.has(words[i]!)) return true;
    return false;
  };
  // The record of each resolved file, by this build's file index (-1: none, or no longer valid).
  const resolutionAt = new Int32Array(withResolutions ? files.length : 0).fill(-1);
  let indexed = 0;
  for (let i = 0; i < (withResolutions ? resolutionCount : 0); i++) {
    const at = resolutionsAt + 3 * i;
    const file = fileAt[words[at]!]!;
    if (file < 0 || (touched.size > 0 && isTouched(words[at + 2]!))) continue;
    resolutionAt[file] = i;
    indexed++;
  }
  return {
    extractions: extractionCount,
    resolutions: indexed,
    ordinalOf(key) {
      // The extractions are sorted by key: a binary search (a table out of order only misses).
      let low = 0;
      let high = extractionCount;
      while (low < high) {
        const mid = (low + high) >>> 1;
        const order = compareKey(key, mid);
        if (order === 0) return mid;
        if (order > 0) low = mid + 1;
        else high = mid;
      }
      return undefined;
    },
    keyOf: (ordinal) => string(extractionEntry(ordinal)?.key),
    extractionError(ordinal) {
      const entry = extractionEntry(ordinal);
      if (!entry) return undefined;
      let i = recordsAt + entry.at;
      for (let part = 0; part < 2; part++) {
        const count = countAt(i, 2);
        if (count < 0) return undefined;
        i += 1 + 2 * count;
      }
      const errorIndex = i < recordsEnd ? words[i]! : undefined;
      const error = errorIndex === none ? undefined : string(errorIndex);
      return errorIndex === undefined || (errorIndex !== none && error === undefined) ? undefined : { error };
    },
    extraction(ordinal) {
      const entry = extractionEntry(ordinal);
      if (!entry) return undefined;
      let i = recordsAt + entry.at;
      const importCount = countAt(i++, 2);
      if (importCount < 0) return undefined;
      const imports: ImportRecord[] = [];
      for (let n = 0; n < importCount; n++, i += 2) {
        const kind = importKinds[words[i]!];
        const specifier = string(words[i + 1]);
        if (kind === undefined || specifier === undefined) return undefined;
        imports.push({ specifier, kind });
      }
      const assetCount = countAt(i++, 2);
      if (assetCount < 0 || i + 2 * assetCount + 2 > recordsEnd) return undefined;
      const assets: AssetRecord[] = [];
      for (let n = 0; n < assetCount; n++, i += 2) {
        const relativeTo = relativeTos[words[i]!];
        const assetPath = string(words[i + 1]);
        if (relativeTo === undefined || assetPath === undefined) return undefined;
        assets.push({ path: assetPath, relativeTo });
      }
      const errorIndex = words[i]!;
      const globsIndex = words[i + 1]!;
      const error = errorIndex === none ? undefined : string(errorIndex);
      const globs = globsIndex === none ? undefined : parseGlobs(string(globsIndex));
      if ((errorIndex !== none && error === undefined) || (globsIndex !== none && globs === undefined)) return undefined;
      const result: ExtractResult = { imports, assets };
      if (globs !== undefined) result.globs = globs;
      if (error !== undefined) result.error = error;
      return result;
    },
    resolutionOf(file, key) {
      const entry = file < resolutionAt.length ? resolutionAt[file]! : -1;
      if (entry < 0) return undefined;
      const ordinal = words[resolutionsAt + 3 * entry + 1]!;
      return ordinal < extractionCount && (key === undefined || keyIs(ordinal, key)) ? ordinal : undefined;
    },
    resolution(file, into, probes) {
      const entry = file < resolutionAt.length ? resolutionAt[file]! : -1;
      if (entry < 0) return false;
      const from = files[file]!;
      const { edges, external, unresolved, packages } = into;
      const lengths = [edges.length, external.length, unresolved.length, packages.length] as const;
      const damaged = () => {
        edges.truncate(lengths[0]);
        [, external.length, unresolved.length, packages.length] = lengths;
        return false;
      };
      let i = recordsAt + words[resolutionsAt + 3 * entry + 2]!;
      const probeCount = countAt(i++, 1);
      if (probeCount < 0) return false;
      const probesAt = i;
      i += probeCount;
      const edgeCount = countAt(i++, 2);
      if (edgeCount < 0) return damaged();
      for (let n = 0; n < edgeCount; n++, i += 2) {
        const stored = words[i]!;
        const to = stored < fileAt.length ? fileAt[stored]! : -1;
        const kind = words[i + 1]!;
        if (to < 0 || kind >= edgeKinds.length) return damaged();
        edges.add(file, to, kind);
      }
      const externalCount = countAt(i++, 1);
      if (externalCount < 0) return damaged();
      for (let n = 0; n < externalCount; n++, i++) {
        const name = string(words[i]);
        if (name === undefined) return damaged();
        external.push({ from, package: name });
      }
      const unresolvedCount = countAt(i++, 1);
      if (unresolvedCount < 0) return damaged();
      for (let n = 0; n < unresolvedCount; n++, i++) {
        const specifier = string(words[i]);
        if (specifier === undefined) return damaged();
        unresolved.push({ from, specifier });
      }
      const packageCount = countAt(i++, 3);
      if (packageCount < 0) return damaged();
      for (let n = 0; n < packageCount; n++, i += 3) {
        const specifier = string(words[i]);
        const dir = string(words[i + 1]);
        const kind = edgeKinds[words[i + 2]!];
        if (specifier === undefined || dir === undefined || kind === undefined) return damaged();
        packages.push({ from, specifier, dir, kind });
      }
      if (probes) for (let n = 0; n < probeCount; n++) probes.push(words[probesAt + n]!);
      return true;
    },
  };
}

/** Writes all of `data` (a write may take only part of it). */
function writeFullSync(fd: number, data: Uint8Array): void {
  for (let written = 0; written < data.byteLength; ) written += writeSync(fd, data, written, data.byteLength - written);
}

/** A temp file older than this was left by a process killed while writing; a live writer renames its own in milliseconds. */
const abandonedAfterMs = 60 * 60 * 1000;

function removeAbandonedTemps(dir: string): void {
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(`${cacheFileName}.`) || !name.endsWith('.tmp')) continue;
    const file = path.join(dir, name);
    if (Date.now() - statSync(file).mtimeMs > abandonedAfterMs) rmSync(file, { force: true });
  }
}

function checksumOf(...parts: Uint8Array[]): string {
  const hash = createHash('sha1');
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
}

const byteOrder = endianness();

/**
 * A cache dir's file, read and checked (header, checksum) but not yet indexed against a build's file list: what can be
 * done while git still lists the files. Absent, unreadable, foreign or corrupt: no body, and why when there was a file.
 */
export interface StoredGraph {
  file: string;
  fingerprint: string;
  body?: Buffer;
  /** The epoch the resolutions were made in; `''` when there are none. */
  epoch?: string;
  ignored?: string;
}

function readChecked(file: string, fingerprint: string): Omit<StoredGraph, 'file' | 'fingerprint'> {
  let content: Buffer;
  try {
    // A FIFO or device in the cache's place is not read (it would hang or never end): the cache starts empty.
    content = readRegularFile(file);
  } catch (error) {
    return (error as { code?: string }).code === 'ENOENT' ? {} : { ignored: `unreadable: ${(error as Error).message}` };
  }
  const newline = content.indexOf(10);
  let header: Partial<Header> | null;
  try {
    header = newline === -1 ? null : (JSON.parse(content.subarray(0, newline).toString('utf8')) as Partial<Header> | null);
  } catch {
    header = null;
  }
  if (!header || typeof header !== 'object') return { ignored: 'not an impacted graph cache' };
  if (header.format !== cacheFormat) return { ignored: `another cache format (${String(header.format)})` };
  if (header.fingerprint !== fingerprint) return { ignored: 'written by another impacted, parser or Node.js version' };
  if (header.endianness !== byteOrder) return { ignored: 'written on a machine of another byte order' };
  const body = content.subarray(newline + 1);
  if (header.checksum !== checksumOf(body)) return { ignored: 'checksum mismatch (a damaged or truncated file)' };
  return { body, epoch: typeof header.epoch === 'string' ? header.epoch : '' };
}

/**
 * Reads the cache file in `dir` (see `StoredGraph`); never throws. Undefined when the graph code cannot be fingerprinted
 * (a bundled copy, say): nothing is cached then.
 */
export function readStoredGraph(dir: string): StoredGraph | undefined {
  const fingerprint = cacheFingerprint();
  if (fingerprint === undefined) return undefined;
  const file = path.join(dir, cacheFileName);
  return { file, fingerprint, ...readChecked(file, fingerprint) };
}

/** Entries stored before the writer starts: a warm run's edits; beyond that, a build that stores many encodes them as they come. */
const pendingEntries = 256;

/**
 * The cache of one build: loaded once, consulted per file, written back at the end with only what this build used,
 * so contents and files no longer present drop out and the cache does not grow without bound.
 */
export class GraphCache {
  /**
   * How many extractions this build stored. They are encoded as they come and not kept: a content seen twice in one
   * build (rare) is extracted twice, where a map of them all kept every file's imports alive to the end of the reading
   * (each copied by the young generation's collections and promoted: at 100,000 files ~0.3 s of the main thread).
   */
  private storedExtractionCount = 0;
  /** Which of the build's files had a resolution stored in this build (one byte per file, where a set cost 25 per entry). */
  private readonly storedResolutions: Uint8Array;
  private storedResolutionCount = 0;
  /**
   * The next cache file's body: what this build stores, encoded as it comes, once there is more than a warm run's
   * few entries (starting it encodes the whole file list: ~25 ms at 100,000 files, for a file most warm runs never write).
   */
  private writerMade: ReturnType<typeof bodyWriter> | undefined;
  /** What was stored before the writer started, as copies (the build may change its objects later), in order. */
  private pending: ({ key: string; result: ExtractResult } | { index: number; key: string; resolution: ProbedResolution })[] = [];
  /** The loaded entries this build used, by extraction ordinal and by file index. */
  private readonly usedExtractions: Uint8Array;
  /** 1 at each file index whose loaded resolution this build used (a flag per file: a set of 100,000 numbers costs ~20 ms). */
  private readonly usedResolutions: Uint8Array;
  private usedResolutionCount = 0;
  /** The key `mayHaveResolution` found a file's stored resolution made from, by file index: not compared twice. */
  private readonly checkedKeys: (string | undefined)[] = [];
  /** This build's resolution epoch, once known (`useEpoch`); `''`: none, so no resolution is reused or kept. */
  private epoch = '';
  /** The stored resolutions were made in this build's epoch. */
  private sameEpoch = false;

  private constructor(
    private readonly file: string,
    private readonly fingerprint: string,
    private readonly files: readonly string[],
    private readonly store: Store | undefined,
    /** The epoch the stored resolutions were made in. */
    private readonly storedEpoch: string,
    /** Why the cache file was not used, when there was one: another format or version, or damaged. */
    readonly ignored: string | undefined,
  ) {
    this.usedExtractions = new Uint8Array(store?.extractions ?? 0);
    this.usedResolutions = new Uint8Array(store ? files.length : 0);
    this.storedResolutions = new Uint8Array(files.length);
  }

  /**
   * Opens a cache file read by `readStoredGraph` for a build over the sorted `files`; never throws. Its extractions
   * serve at once; its resolutions only once `useEpoch` names the build's epoch, only when they were made in it, and
   * only those that asked about no path added to or gone from the file list since (see probe-keys.ts).
   */
  static open(stored: StoredGraph, files: readonly string[]): GraphCache {
    const { file, fingerprint, body, epoch = '' } = stored;
    const store = body === undefined ? undefined : openStore(body, files, epoch !== '');
    if (typeof store === 'string') return new GraphCache(file, fingerprint, files, undefined, '', `malformed: ${store}`);
    return new GraphCache(file, fingerprint, files, store, epoch, stored.ignored);
  }

  /** The build's resolution epoch (`''`: none): resolutions made in another one say nothing about this build. */
  useEpoch(epoch: string): void {
    this.epoch = epoch;
    this.sameEpoch = epoch !== '' && epoch === this.storedEpoch;
  }

  /**
   * Whether the file at `index` may have a resolution from the content with this key, before the epoch is known: a
   * file without one is read in any case, one with it perhaps not (`lookupResolution` tells, in the epoch).
   */
  mayHaveResolution(index: number, key: string): boolean {
    const may = this.store?.resolutionOf(index, key) !== undefined;
    if (may) this.checkedKeys[index] = key;
    return may;
  }

  /** Whether the loaded cache holds what was extracted from this content (a `contentKey`), without decoding it. */
  hasExtraction(key: string): boolean {
    return this.store?.ordinalOf(key) !== undefined;
  }

  /** What a previous build extracted from this content (a `contentKey`). */
  lookupExtraction(key: string): ExtractResult | undefined {
    const ordinal = this.store?.ordinalOf(key);
    const result = ordinal === undefined ? undefined : this.store!.extraction(ordinal);
    if (result) this.usedExtractions[ordinal!] = 1;
    return result;
  }

  storeExtraction(key: string, result: ExtractResult): void {
    this.storedExtractionCount++;
    if (this.writerMade || this.pending.length >= pendingEntries) this.writer().addExtraction(key, result);
    else this.pending.push({ key, result: structuredClone(result) });
  }

  /**
   * When the file at `index` in the build's files was resolved in this epoch from the content with this key: appends
   * that resolution to `into` and returns the content's parse error, `''` for none (the extraction itself is not
   * decoded). Undefined, and `into` unchanged, when there is none.
   */
  lookupResolution(index: number, key: string, into: GraphParts): string | undefined {
    const ordinal = this.sameEpoch ? this.store?.resolutionOf(index, this.checkedKeys[index] === key ? undefined : key) : undefined;
    const extraction = ordinal === undefined ? undefined : this.store!.extractionError(ordinal);
    if (!extraction || !this.store!.resolution(index, into)) return undefined;
    if (this.usedResolutions[index] === 0) this.usedResolutionCount++;
    this.usedResolutions[index] = 1;
    this.usedExtractions[ordinal!] = 1;
    return extraction.error ?? '';
  }

  /** Encoded at once: what the build does with the objects later (an edge's kind changed) is not written. */
  storeResolution(index: number, key: string, resolution: ProbedResolution): void {
    if (this.storedResolutions[index] === 0) this.storedResolutionCount++;
    this.storedResolutions[index] = 1;
    if (this.writerMade || this.pending.length >= pendingEntries) this.writer().addResolution(index, key, resolution);
    else this.pending.push({ index, key, resolution: structuredClone(resolution) });
  }

  /** The writer, started with what was stored until now. */
  private writer(): ReturnType<typeof bodyWriter> {
    if (!this.writerMade) {
      const writer = (this.writerMade = bodyWriter(this.files));
      for (const entry of this.pending) {
        if ('result' in entry) writer.addExtraction(entry.key, entry.result);
        else writer.addResolution(entry.index, entry.key, entry.resolution);
      }
      this.pending = [];
    }
    return this.writerMade;
  }

  /**
   * Writes what this build used, when enough of it is new. `resolutions: false` drops them (the build found its
   * epoch incomplete). Atomic: a temp file in the same directory renamed over the cache, so concurrent builds never
   * see half a file; the last writer wins. Never throws: a cache that cannot be written only costs time.
   */
  save({ resolutions }: { resolutions: boolean }): void {
    const store = this.store;
    const reusedExtractions = this.usedExtractions.reduce((sum, used) => sum + used, 0);
    const reusedResolutions = resolutions ? this.usedResolutionCount : 0;
    const stored = this.storedExtractionCount + (resolutions ? this.storedResolutionCount : 0);
    const dropsResolutions = reusedResolutions + (resolutions ? this.storedResolutionCount : 0) === 0 && this.sameEpoch && (store?.resolutions ?? 0) > 0;
    // Rewriting the whole cache for a few edited files costs more than extracting and resolving them again next
    // time: below 1% new entries the file stays as it is (entries for gone contents then linger until a real write).
    const entries = stored + reusedExtractions + reusedResolutions;
    if (!dropsResolutions && (stored === 0 || stored * 100 < entries)) return;
    const dir = path.dirname(this.file);
    const temp = `${this.file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      makeCacheDir(dir);
      this.addUsedEntries(resolutions);
      const body = this.writer().done(resolutions);
      const epoch = resolutions && reusedResolutions + this.storedResolutionCount > 0 ? this.epoch : '';
      const header: Header = { format: cacheFormat, fingerprint: this.fingerprint, endianness: byteOrder, epoch, checksum: checksumOf(...body) };
      const line = JSON.stringify(header);
      // Padded so the numbers start on a multiple of 4 bytes and are read in place.
      const fd = openSync(temp, 'w');
      try {
        for (const part of [Buffer.from(`${line}${' '.repeat(3 - (line.length % 4))}\n`), ...body]) writeFullSync(fd, part);
      } finally {
        closeSync(fd);
      }
      renameSync(temp, this.file);
      removeAbandonedTemps(dir);
    } catch {
      try {
        rmSync(temp, { force: true });
      } catch {
        // Nothing more to do: a stray temp file is harmless.
      }
    }
  }

  /** Adds the loaded entries this build used to the writer, decoded (a write is rare on a warm run: it pays for that then). */
  private addUsedEntries(resolutions: boolean): void {
    const store = this.store;
    if (!store) return;
    // The writer keeps what this build stored where a loaded entry has the same key.
    this.usedExtractions.forEach((used, ordinal) => {
      const key = used ? store.keyOf(ordinal) : undefined;
      const result = key === undefined ? undefined : store.extraction(ordinal);
      if (result) this.writer().addExtraction(key!, result);
    });
    if (!resolutions) return;
    // Each decoded into the same parts, emptied after it is encoded.
    const parts: GraphParts = { edges: edgeList(), external: [], unresolved: [], packages: [] };
    for (let index = 0; index < this.usedResolutions.length; index++) {
      if (this.usedResolutions[index] === 0 || this.storedResolutions[index] === 1) continue;
      const ordinal = store.resolutionOf(index);
      const key = ordinal === undefined ? undefined : store.keyOf(ordinal);
      const probes: number[] = [];
      if (key === undefined || !store.resolution(index, parts, probes)) continue;
      const { edges, external, unresolved, packages } = parts;
      const targets = edges.to;
      const kinds = edges.kinds;
      const resolution = { edges: Array.from(targets, (to, e) => ({ to, kind: edgeKinds[kinds[e]!]! })), external, unresolved, packages, probes };
      // Encoded at once: the parts can be emptied.
      this.writer().addResolution(index, key, resolution);
      edges.truncate(0);
      external.length = 0;
      unresolved.length = 0;
      packages.length = 0;
    }
  }
}
