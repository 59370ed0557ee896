// Keeps the graph's expensive parts between runs, in one file per cache dir: what `extractImports` found in each
// file content (keyed by git blob hash), and each file's resolved imports (valid only within one resolution epoch).
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { EdgeKind } from '../types.js';
import { cacheFingerprint } from './cache-fingerprint.js';
import type { AssetRecord, ExtractResult, ImportKind, ImportRecord } from './extract-imports.js';

/** Bumped whenever the layout below changes; part of the file name, so versions never read each other. */
export const cacheFormat = 1;
export const cacheFileName = `graph-v${cacheFormat}.json`;

/** What one file contributes to the graph once its imports are resolved. */
export interface FileResolution {
  /** One edge per target, with the kind that won. */
  edges: { to: string; kind: EdgeKind }[];
  /** External package names. */
  external: string[];
  /** Specifiers that resolved to nothing. */
  unresolved: string[];
}

const importKindCodes = { static: 0, type: 1, dynamic: 2, require: 3, mock: 4 } satisfies Record<ImportKind, number>;
const importKinds = Object.keys(importKindCodes) as ImportKind[];
const edgeKindCodes = { static: 0, type: 1, dynamic: 2, require: 3, mock: 4, asset: 5, implicit: 6 } satisfies Record<EdgeKind, number>;
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
 * Body layout: `[strings, extractions, resolutions]`, numbers (and keys) in flat arrays, which parse faster than objects.
 * Extraction: key, import count, (kind, string) per import, asset count, (relativeTo, string) per asset, error string or -1.
 * Resolution: file index, content key, edge count, (target file index, kind) per edge, external count, strings, unresolved count, strings.
 */
function encode(
  extractions: ReadonlyMap<string, ExtractResult>,
  resolutions: ReadonlyMap<string, { key: string; resolution: FileResolution }>,
  files: readonly string[],
): string {
  const { strings, intern } = stringTable();
  const extractionList: (string | number)[] = [];
  for (const [key, result] of extractions) {
    extractionList.push(key, result.imports.length);
    for (const record of result.imports) extractionList.push(importKindCodes[record.kind], intern(record.specifier));
    extractionList.push(result.assets.length);
    for (const asset of result.assets) extractionList.push(relativeToCodes[asset.relativeTo], intern(asset.path));
    extractionList.push(result.error === undefined ? -1 : intern(result.error));
  }
  const fileIndex = new Map(files.map((file, index) => [file, index]));
  const resolutionList: (string | number)[] = [];
  for (const [file, { key, resolution }] of resolutions) {
    resolutionList.push(fileIndex.get(file)!, key, resolution.edges.length);
    for (const edge of resolution.edges) resolutionList.push(fileIndex.get(edge.to)!, edgeKindCodes[edge.kind]);
    resolutionList.push(resolution.external.length, ...resolution.external.map(intern));
    resolutionList.push(resolution.unresolved.length, ...resolution.unresolved.map(intern));
  }
  return JSON.stringify([strings, extractionList, resolutionList]);
}

/** `value` when it is an index into a table of `size`, else undefined. */
function indexIn(value: unknown, size: number): number | undefined {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) < size ? (value as number) : undefined;
}

/** Reads the flat arrays in order; each method returns undefined for a value out of place. */
function reader(flat: readonly unknown[], strings: readonly string[]) {
  let at = 0;
  const next = () => flat[at++];
  return {
    done: () => at >= flat.length,
    key(): string | undefined {
      const value = next();
      return typeof value === 'string' ? value : undefined;
    },
    text(): string | undefined {
      const index = indexIn(next(), strings.length);
      return index === undefined ? undefined : strings[index];
    },
    /** A string, `null` for the -1 that says there is none, undefined when out of place. */
    optionalText(): string | null | undefined {
      const value = next();
      if (value === -1) return null;
      const index = indexIn(value, strings.length);
      return index === undefined ? undefined : strings[index];
    },
    code<T>(table: readonly T[]): T | undefined {
      const index = indexIn(next(), table.length);
      return index === undefined ? undefined : table[index];
    },
    /** `size` items each read by `item` (a size first, then the items); undefined when any is. */
    list<T>(item: () => T | undefined): T[] | undefined {
      const size = next();
      if (!Number.isInteger(size) || (size as number) < 0 || at + (size as number) > flat.length) return undefined;
      const items: T[] = [];
      for (let i = 0; i < (size as number); i++) {
        const value = item();
        if (value === undefined) return undefined;
        items.push(value);
      }
      return items;
    },
  };
}

function decodeExtractions(flat: readonly unknown[], strings: readonly string[]): Map<string, ExtractResult> | undefined {
  const read = reader(flat, strings);
  const entries = new Map<string, ExtractResult>();
  while (!read.done()) {
    const key = read.key();
    const imports = read.list<ImportRecord>(() => {
      const kind = read.code(importKinds);
      const specifier = read.text();
      return kind === undefined || specifier === undefined ? undefined : { specifier, kind };
    });
    const assets = read.list<AssetRecord>(() => {
      const relativeTo = read.code(relativeTos);
      const assetPath = read.text();
      return relativeTo === undefined || assetPath === undefined ? undefined : { path: assetPath, relativeTo };
    });
    const error = read.optionalText();
    if (key === undefined || !imports || !assets || error === undefined) return undefined;
    entries.set(key, error === null ? { imports, assets } : { imports, assets, error });
  }
  return entries;
}

function decodeResolutions(
  flat: readonly unknown[],
  strings: readonly string[],
  files: readonly string[],
): Map<string, { key: string; resolution: FileResolution }> | undefined {
  const read = reader(flat, strings);
  const entries = new Map<string, { key: string; resolution: FileResolution }>();
  while (!read.done()) {
    const file = read.code(files);
    const key = read.key();
    const edges = read.list(() => {
      const to = read.code(files);
      const kind = read.code(edgeKinds);
      return to === undefined || kind === undefined ? undefined : { to, kind };
    });
    const external = read.list(() => read.text());
    const unresolved = read.list(() => read.text());
    if (file === undefined || key === undefined || !edges || !external || !unresolved) return undefined;
    entries.set(file, { key, resolution: { edges, external, unresolved } });
  }
  return entries;
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
    const content = readFileSync(file);
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
    const resolutions = header.epoch === epoch ? decodeResolutions(resolutionList!, strings as string[], files) : new Map();
    return { extractions, resolutions: resolutions ?? new Map() };
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
  private changed = false;

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
    this.changed = true;
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
    this.changed = true;
  }

  /**
   * Writes what this build used, unless it is what was loaded. `resolutions: false` drops them (the build found its
   * epoch incomplete). Atomic: a temp file in the same directory renamed over the cache, so concurrent builds never
   * see half a file; the last writer wins. Never throws: a cache that cannot be written only costs time.
   */
  save({ resolutions }: { resolutions: boolean }): void {
    const keptResolutions = resolutions ? this.usedResolutions : new Map<string, { key: string; resolution: FileResolution }>();
    const unchanged =
      !this.changed &&
      this.usedExtractions.size === this.loaded.extractions.size &&
      keptResolutions.size === this.loaded.resolutions.size;
    if (unchanged) return;
    const dir = path.dirname(this.file);
    const temp = `${this.file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      mkdirSync(dir, { recursive: true });
      // The cache may sit inside the work tree: keep it out of `git status` and of impacted's own change list.
      const ignore = path.join(dir, '.gitignore');
      if (!existsSync(ignore)) writeFileSync(ignore, '*\n');
      const body = encode(this.usedExtractions, keptResolutions, this.files);
      const epoch = keptResolutions.size > 0 ? this.epoch : '';
      const header: Header = { format: cacheFormat, fingerprint: this.fingerprint, epoch, checksum: checksumOf(body) };
      writeFileSync(temp, `${JSON.stringify(header)}\n${body}`);
      renameSync(temp, this.file);
    } catch {
      try {
        rmSync(temp, { force: true });
      } catch {
        // Nothing more to do: a stray temp file is harmless.
      }
    }
  }
}
