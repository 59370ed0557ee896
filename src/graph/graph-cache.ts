// Keeps what `extractImports` found in each file content between runs, keyed by git blob hash, in one file per cache dir.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cacheFingerprint } from './cache-fingerprint.js';
import type { AssetRecord, ExtractResult, ImportKind, ImportRecord } from './extract-imports.js';

/** Bumped whenever the layout below changes; part of the file name, so versions never read each other. */
export const cacheFormat = 1;
export const cacheFileName = `extract-v${cacheFormat}.json`;

const kindCodes = { static: 0, type: 1, dynamic: 2, require: 3, mock: 4 } satisfies Record<ImportKind, number>;
const kinds = Object.keys(kindCodes) as ImportKind[];
const relativeToCodes = { file: 0, cwd: 1 } satisfies Record<AssetRecord['relativeTo'], number>;
const relativeTos = Object.keys(relativeToCodes) as AssetRecord['relativeTo'][];

interface Header {
  format: number;
  fingerprint: string;
  /** sha1 of everything after the header line. */
  checksum: string;
}

/** The parser depends on the extension (`.ts`, `.tsx`, `.d.mts`, ...), so the same content under another one is another entry. */
function keyOf(hash: string, file: string): string {
  return hash + (/(?:\.d)?\.[^./]+$/.exec(file)?.[0] ?? '');
}

/**
 * Body layout: `[strings, entries]`, every text in `strings` once; `entries` is flat:
 * key, import count, (kind code, string index) per import, asset count, (relativeTo code, string index) per asset,
 * error string index or -1. Numbers parse faster than nested objects and the table shares repeated specifiers.
 */
function encode(entries: ReadonlyMap<string, ExtractResult>): string {
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
  const flat: (string | number)[] = [];
  for (const [key, result] of entries) {
    flat.push(key, result.imports.length);
    for (const record of result.imports) flat.push(kindCodes[record.kind], intern(record.specifier));
    flat.push(result.assets.length);
    for (const asset of result.assets) flat.push(relativeToCodes[asset.relativeTo], intern(asset.path));
    flat.push(result.error === undefined ? -1 : intern(result.error));
  }
  return JSON.stringify([strings, flat]);
}

/** A non-negative integer, else NaN (which fails every bounds check after it). */
function count(value: unknown): number {
  return Number.isInteger(value) && (value as number) >= 0 ? (value as number) : Number.NaN;
}

/** Undefined at the first thing out of place: a cache that is not exactly what we wrote is not used at all. */
function decode(body: string): Map<string, ExtractResult> | undefined {
  const parsed = JSON.parse(body) as unknown;
  if (!Array.isArray(parsed) || parsed.length !== 2) return undefined;
  const [strings, flat] = parsed as unknown[];
  if (!Array.isArray(strings) || !Array.isArray(flat) || !strings.every((s) => typeof s === 'string')) return undefined;
  const text = (value: unknown): string | undefined => (Number.isInteger(value) ? (strings[value as number] as string | undefined) : undefined);
  const entries = new Map<string, ExtractResult>();
  let at = 0;
  while (at < flat.length) {
    const key = flat[at++];
    if (typeof key !== 'string') return undefined;
    const imports: ImportRecord[] = [];
    const importCount = count(flat[at++]);
    if (Number.isNaN(importCount) || at + 2 * importCount > flat.length) return undefined;
    for (let i = 0; i < importCount; i++, at += 2) {
      const kind = kinds[flat[at] as number];
      const specifier = text(flat[at + 1]);
      if (kind === undefined || specifier === undefined) return undefined;
      imports.push({ specifier, kind });
    }
    const assets: AssetRecord[] = [];
    const assetCount = count(flat[at++]);
    if (Number.isNaN(assetCount) || at + 2 * assetCount > flat.length) return undefined;
    for (let i = 0; i < assetCount; i++, at += 2) {
      const relativeTo = relativeTos[flat[at] as number];
      const assetPath = text(flat[at + 1]);
      if (relativeTo === undefined || assetPath === undefined) return undefined;
      assets.push({ path: assetPath, relativeTo });
    }
    const errorIndex = flat[at++];
    const result: ExtractResult = { imports, assets };
    if (errorIndex !== -1) {
      const error = text(errorIndex);
      if (error === undefined) return undefined;
      result.error = error;
    }
    entries.set(key, result);
  }
  return entries;
}

function checksumOf(body: Uint8Array | string): string {
  return createHash('sha1').update(body).digest('hex');
}

function load(file: string, fingerprint: string): Map<string, ExtractResult> {
  try {
    const content = readFileSync(file);
    const newline = content.indexOf(10);
    if (newline === -1) return new Map();
    const header = JSON.parse(content.subarray(0, newline).toString('utf8')) as Partial<Header> | null;
    const body = content.subarray(newline + 1);
    if (header?.format !== cacheFormat || header.fingerprint !== fingerprint || header.checksum !== checksumOf(body)) return new Map();
    return decode(body.toString('utf8')) ?? new Map();
  } catch {
    // Missing, unreadable or not JSON: start empty.
    return new Map();
  }
}

/** Extraction results by content, loaded once and written back (only what this run used) at the end. */
export class ExtractionCache {
  private readonly used = new Map<string, ExtractResult>();
  private added = 0;

  private constructor(
    private readonly file: string,
    private readonly fingerprint: string,
    private readonly loaded: ReadonlyMap<string, ExtractResult>,
  ) {}

  /** Opens the cache in `dir`; never throws. Undefined when the extractor's code cannot be fingerprinted. */
  static open(dir: string): ExtractionCache | undefined {
    const fingerprint = cacheFingerprint();
    if (fingerprint === undefined) return undefined;
    const file = path.join(dir, cacheFileName);
    return new ExtractionCache(file, fingerprint, load(file, fingerprint));
  }

  /** The results cached for this content under this file's extension. */
  lookup(hash: string, file: string): ExtractResult | undefined {
    const key = keyOf(hash, file);
    const result = this.used.get(key) ?? this.loaded.get(key);
    if (result) this.used.set(key, result);
    return result;
  }

  store(hash: string, file: string, result: ExtractResult): void {
    const key = keyOf(hash, file);
    if (!this.used.has(key)) this.added++;
    this.used.set(key, result);
  }

  /**
   * Writes the entries this run used (so contents no longer present drop out), when they differ from what was
   * loaded. Atomic: a temp file in the same directory renamed over the cache, so concurrent runs never see half a
   * file; the last writer wins. Never throws: a cache that cannot be written only costs time.
   */
  save(): void {
    if (this.added === 0 && this.used.size === this.loaded.size) return;
    const dir = path.dirname(this.file);
    const temp = `${this.file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      mkdirSync(dir, { recursive: true });
      // The cache may sit inside the work tree: keep it out of `git status` and of impacted's own change list.
      const ignore = path.join(dir, '.gitignore');
      if (!existsSync(ignore)) writeFileSync(ignore, '*\n');
      const body = encode(this.used);
      const header: Header = { format: cacheFormat, fingerprint: this.fingerprint, checksum: checksumOf(body) };
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
