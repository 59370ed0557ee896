// Keeps the graph's expensive parts between runs, in one file per cache dir: what `extractImports` found in each
// file content (keyed by git blob hash), and each file's resolved imports (valid only within one resolution epoch).
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readRegularFile } from '../files/read-regular-file.js';
import type { EdgeKind } from '../types.js';
import { cacheFingerprint } from './cache-fingerprint.js';
import type { GlobRecord } from './extract-globs.js';
import type { AssetRecord, ExtractResult, ImportKind, ImportRecord } from './extract-imports.js';

/** Bumped whenever the layout below changes; part of the file name, so versions never read each other. */
const cacheFormat = 2;
export const cacheFileName = `graph-v${cacheFormat}.json`;

/** What one file contributes to the graph once its imports are resolved. */
export interface FileResolution {
  /** One edge per target, with the kind that won. */
  edges: { to: string; kind: EdgeKind }[];
  /** External package names. */
  external: string[];
  /** Specifiers that resolved to nothing. */
  unresolved: string[];
  /** Specifiers naming a workspace package (its directory) whose file could not be determined, with the import's kind. */
  packages: { specifier: string; dir: string; kind: EdgeKind }[];
}

const importKindCodes = { static: 0, type: 1, dynamic: 2, require: 3, mock: 4 } satisfies Record<ImportKind, number>;
const importKinds = Object.keys(importKindCodes) as ImportKind[];
const edgeKindCodes = { static: 0, type: 1, dynamic: 2, require: 3, mock: 4, asset: 5, implicit: 6, glob: 7, package: 8, setup: 9 } satisfies Record<EdgeKind, number>;
const edgeKinds = Object.keys(edgeKindCodes) as EdgeKind[];
const relativeToCodes = { file: 0, cwd: 1 } satisfies Record<AssetRecord['relativeTo'], number>;
const relativeTos = Object.keys(relativeToCodes) as AssetRecord['relativeTo'][];

interface Header {
  format: number;
  fingerprint: string;
  /** The resolution epoch the resolutions were made in; `''` when there are none. */
  epoch: string;
  /** sha1 of everything after the header line. */
  checksum: string;
}

/** The extractor depends on the extension (`.ts`, `.tsx`, `.d.mts`, ...): the same content under another one is another entry. */
export function contentKey(hash: string, file: string): string {
  return hash + (/(?:\.d)?\.[^./]+$/.exec(file)?.[0] ?? '');
}

/** Texts stored once, referred to by index: specifiers and package names repeat across files. */
function stringTable() {
  const strings: string[] = [];
  const indexOf = new Map<string, number>();
  const intern = (text: string): number => {
    let index = indexOf.get(text);
    if (index === undefined) {
      index = strings.length;
      strings.push(text);
      indexOf.set(text, index);
    }
    return index;
  };
  return { strings, intern };
}

/**
 * Body layout: `[strings, extractions, resolutions]`, flat arrays of numbers (and keys), which parse faster than objects.
 * Extraction: key, import count, (kind, string) per import, asset count, (relativeTo, string) per asset, error string or -1,
 * globs as a JSON string or -1.
 * Resolution: file index, extraction ordinal (its content), edge count, (target file index, kind) per edge,
 * external count, strings, unresolved count, strings, whole-package count, (specifier, directory, kind) per import.
 */
function encode(
  extractions: ReadonlyMap<string, ExtractResult>,
  resolutions: ReadonlyMap<string, { key: string; resolution: FileResolution }>,
  files: readonly string[],
): string {
  const { strings, intern } = stringTable();
  const extractionList: (string | number)[] = [];
  const ordinals = new Map<string, number>();
  for (const [key, result] of extractions) {
    ordinals.set(key, ordinals.size);
    extractionList.push(key, result.imports.length);
    for (const record of result.imports) extractionList.push(importKindCodes[record.kind], intern(record.specifier));
    extractionList.push(result.assets.length);
    for (const asset of result.assets) extractionList.push(relativeToCodes[asset.relativeTo], intern(asset.path));
    extractionList.push(result.error === undefined ? -1 : intern(result.error));
    extractionList.push(result.globs === undefined ? -1 : intern(JSON.stringify(result.globs)));
  }
  const fileIndex = new Map(files.map((file, index) => [file, index]));
  const resolutionList: number[] = [];
  for (const [file, { key, resolution }] of resolutions) {
    const ordinal = ordinals.get(key);
    // Written only beside the content it was resolved from.
    if (ordinal === undefined) continue;
    resolutionList.push(fileIndex.get(file)!, ordinal, resolution.edges.length);
    for (const edge of resolution.edges) resolutionList.push(fileIndex.get(edge.to)!, edgeKindCodes[edge.kind]);
    resolutionList.push(resolution.external.length);
    for (const name of resolution.external) resolutionList.push(intern(name));
    resolutionList.push(resolution.unresolved.length);
    for (const specifier of resolution.unresolved) resolutionList.push(intern(specifier));
    resolutionList.push(resolution.packages.length);
    for (const { specifier, dir, kind } of resolution.packages) resolutionList.push(intern(specifier), intern(dir), edgeKindCodes[kind]);
  }
  return JSON.stringify([strings, extractionList, resolutionList]);
}

/**
 * Decoding checks every value as it goes and gives up (undefined) at the first one out of place. A table lookup
 * with anything but a valid index (-1, 1.5, "x", null) gives undefined, which is the bounds check.
 */
function at<T>(table: readonly T[], value: unknown): T | undefined {
  return typeof value === 'number' ? table[value] : undefined;
}

/** A count of items that fit in what is left of `flat`, each `width` values wide; else -1. */
function countAt(flat: readonly unknown[], index: number, width: number): number {
  const value = flat[index];
  return Number.isInteger(value) && (value as number) >= 0 && index + 1 + (value as number) * width <= flat.length ? (value as number) : -1;
}

/** A count at `flat[start]` and that many string indexes after it: the strings and where they end. */
function stringsAt(flat: readonly unknown[], start: number, strings: readonly string[]): { items: string[]; end: number } | undefined {
  const size = countAt(flat, start, 1);
  if (size < 0) return undefined;
  const items: string[] = [];
  for (let n = 1; n <= size; n++) {
    const text = at(strings, flat[start + n]);
    if (text === undefined) return undefined;
    items.push(text);
  }
  return { items, end: start + 1 + size };
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

function decodeExtractions(flat: readonly unknown[], strings: readonly string[]): { keys: string[]; entries: Map<string, ExtractResult> } | undefined {
  const keys: string[] = [];
  const entries = new Map<string, ExtractResult>();
  let i = 0;
  while (i < flat.length) {
    const key = flat[i++];
    if (typeof key !== 'string') return undefined;
    const importCount = countAt(flat, i++, 2);
    if (importCount < 0) return undefined;
    const imports: ImportRecord[] = [];
    for (let n = 0; n < importCount; n++, i += 2) {
      const kind = at(importKinds, flat[i]);
      const specifier = at(strings, flat[i + 1]);
      if (kind === undefined || specifier === undefined) return undefined;
      imports.push({ specifier, kind });
    }
    const assetCount = countAt(flat, i++, 2);
    if (assetCount < 0) return undefined;
    const assets: AssetRecord[] = [];
    for (let n = 0; n < assetCount; n++, i += 2) {
      const relativeTo = at(relativeTos, flat[i]);
      const assetPath = at(strings, flat[i + 1]);
      if (relativeTo === undefined || assetPath === undefined) return undefined;
      assets.push({ path: assetPath, relativeTo });
    }
    const errorIndex = flat[i++];
    const error = errorIndex === -1 ? undefined : at(strings, errorIndex);
    if (errorIndex !== -1 && error === undefined) return undefined;
    const globsIndex = flat[i++];
    const globs = globsIndex === -1 ? undefined : parseGlobs(at(strings, globsIndex));
    if (globsIndex !== -1 && globs === undefined) return undefined;
    keys.push(key);
    const result: ExtractResult = { imports, assets };
    if (globs !== undefined) result.globs = globs;
    if (error !== undefined) result.error = error;
    entries.set(key, result);
  }
  return { keys, entries };
}

function decodeResolutions(
  flat: readonly unknown[],
  strings: readonly string[],
  files: readonly string[],
  extractionKeys: readonly string[],
): Map<string, { key: string; resolution: FileResolution }> | undefined {
  const entries = new Map<string, { key: string; resolution: FileResolution }>();
  let i = 0;
  while (i < flat.length) {
    const file = at(files, flat[i++]);
    const key = at(extractionKeys, flat[i++]);
    const edgeCount = countAt(flat, i++, 2);
    if (file === undefined || key === undefined || edgeCount < 0) return undefined;
    const edges: FileResolution['edges'] = [];
    for (let n = 0; n < edgeCount; n++, i += 2) {
      const to = at(files, flat[i]);
      const kind = at(edgeKinds, flat[i + 1]);
      if (to === undefined || kind === undefined) return undefined;
      edges.push({ to, kind });
    }
    const external = stringsAt(flat, i, strings);
    const unresolved = external && stringsAt(flat, external.end, strings);
    if (!external || !unresolved) return undefined;
    i = unresolved.end;
    const packageCount = countAt(flat, i++, 3);
    if (packageCount < 0) return undefined;
    const packages: FileResolution['packages'] = [];
    for (let n = 0; n < packageCount; n++, i += 3) {
      const specifier = at(strings, flat[i]);
      const dir = at(strings, flat[i + 1]);
      const kind = at(edgeKinds, flat[i + 2]);
      if (specifier === undefined || dir === undefined || kind === undefined) return undefined;
      packages.push({ specifier, dir, kind });
    }
    entries.set(file, { key, resolution: { edges, external: external.items, unresolved: unresolved.items, packages } });
  }
  return entries;
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

function checksumOf(body: Uint8Array | string): string {
  return createHash('sha1').update(body).digest('hex');
}

interface Loaded {
  extractions: Map<string, ExtractResult>;
  resolutions: Map<string, { key: string; resolution: FileResolution }>;
}

function load(file: string, fingerprint: string, epoch: string, files: readonly string[]): Loaded {
  const empty: Loaded = { extractions: new Map(), resolutions: new Map() };
  try {
    // A FIFO or device in the cache's place is not read (it would hang or never end): the cache starts empty.
    const content = readRegularFile(file);
    const newline = content.indexOf(10);
    if (newline === -1) return empty;
    const header = JSON.parse(content.subarray(0, newline).toString('utf8')) as Partial<Header> | null;
    const body = content.subarray(newline + 1);
    if (header?.format !== cacheFormat || header.fingerprint !== fingerprint || header.checksum !== checksumOf(body)) return empty;
    const parsed = JSON.parse(body.toString('utf8')) as unknown;
    if (!Array.isArray(parsed) || parsed.length !== 3 || !parsed.every((part) => Array.isArray(part))) return empty;
    const [strings, extractionList, resolutionList] = parsed as unknown[][];
    if (!strings!.every((text) => typeof text === 'string')) return empty;
    const extractions = decodeExtractions(extractionList!, strings as string[]);
    if (!extractions) return empty;
    // Resolutions made in another epoch (other files, configs or manifests) say nothing about this one.
    const resolutions =
      epoch !== '' && header.epoch === epoch ? decodeResolutions(resolutionList!, strings as string[], files, extractions.keys) : undefined;
    return { extractions: extractions.entries, resolutions: resolutions ?? new Map() };
  } catch {
    // Missing, unreadable or not JSON: start empty.
    return empty;
  }
}

/**
 * The cache of one build: loaded once, consulted per file, written back at the end with only what this build used,
 * so contents and files no longer present drop out and the cache does not grow without bound.
 */
export class GraphCache {
  private readonly usedExtractions = new Map<string, ExtractResult>();
  private readonly usedResolutions = new Map<string, { key: string; resolution: FileResolution }>();
  private stored = 0;

  private constructor(
    private readonly file: string,
    private readonly fingerprint: string,
    private readonly epoch: string,
    private readonly files: readonly string[],
    private readonly loaded: Loaded,
  ) {}

  /**
   * Opens the cache in `dir` for a build whose resolution epoch is `epoch` over the sorted `files`; never throws.
   * Undefined when the graph code cannot be fingerprinted (a bundled copy, say): nothing is cached then.
   */
  static open(dir: string, epoch: string, files: readonly string[]): GraphCache | undefined {
    const fingerprint = cacheFingerprint();
    if (fingerprint === undefined) return undefined;
    const file = path.join(dir, cacheFileName);
    return new GraphCache(file, fingerprint, epoch, files, load(file, fingerprint, epoch, files));
  }

  /** What was extracted from this content (a `contentKey`) before. */
  lookupExtraction(key: string): ExtractResult | undefined {
    const result = this.usedExtractions.get(key) ?? this.loaded.extractions.get(key);
    if (result) this.usedExtractions.set(key, result);
    return result;
  }

  storeExtraction(key: string, result: ExtractResult): void {
    this.usedExtractions.set(key, result);
    this.stored++;
  }

  /** How `file` resolved in this epoch when its content was the one with this key. */
  lookupResolution(file: string, key: string): FileResolution | undefined {
    const entry = this.loaded.resolutions.get(file);
    if (entry?.key !== key) return undefined;
    this.usedResolutions.set(file, entry);
    return entry.resolution;
  }

  storeResolution(file: string, key: string, resolution: FileResolution): void {
    this.usedResolutions.set(file, { key, resolution });
    this.stored++;
  }

  /**
   * Writes what this build used, when enough of it is new. `resolutions: false` drops them (the build found its
   * epoch incomplete). Atomic: a temp file in the same directory renamed over the cache, so concurrent builds never
   * see half a file; the last writer wins. Never throws: a cache that cannot be written only costs time.
   */
  save({ resolutions }: { resolutions: boolean }): void {
    const keptResolutions = resolutions ? this.usedResolutions : new Map<string, { key: string; resolution: FileResolution }>();
    const dropsResolutions = keptResolutions.size === 0 && this.loaded.resolutions.size > 0;
    // Rewriting the whole cache for a few edited files costs more than extracting and resolving them again next
    // time: below 1% new entries the file stays as it is (entries for gone contents then linger until a real write).
    const entries = this.usedExtractions.size + keptResolutions.size;
    if (!dropsResolutions && (this.stored === 0 || this.stored * 100 < entries)) return;
    const dir = path.dirname(this.file);
    const temp = `${this.file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      // A cache dir made here may sit inside the work tree: keep it out of `git status` and of impacted's own change
      // list. A dir that already existed is the user's, and so is what git should make of it.
      if (mkdirSync(dir, { recursive: true }) !== undefined) writeFileSync(path.join(dir, '.gitignore'), '*\n');
      const body = encode(this.usedExtractions, keptResolutions, this.files);
      const epoch = keptResolutions.size > 0 ? this.epoch : '';
      const header: Header = { format: cacheFormat, fingerprint: this.fingerprint, epoch, checksum: checksumOf(body) };
      writeFileSync(temp, `${JSON.stringify(header)}\n${body}`);
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
}
