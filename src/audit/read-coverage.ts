// Reads the files NODE_V8_COVERAGE (and impacted's preload beside it) wrote: every script loaded and every file read.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

interface CoverageFile {
  result?: { url?: unknown }[];
  'source-map-cache'?: Record<string, { url?: unknown; data?: { sources?: unknown; sourceRoot?: unknown } | null }>;
}

/** The file a script URL names: `file://` URLs, vite's `/@fs/` paths, plain paths; query strings dropped. Else undefined. */
export function scriptPath(url: string): string | undefined {
  // Vite marks virtual modules with a NUL byte; they are not files.
  if (url.includes('\0')) return undefined;
  const bare = url.replace(/[?#].*$/, '');
  if (bare.startsWith('file://')) {
    try {
      return fileURLToPath(bare);
    } catch {
      return undefined;
    }
  }
  if (bare.startsWith('/@fs/')) return bare.slice('/@fs'.length);
  return path.isAbsolute(bare) ? bare : undefined;
}

/** The original files of a transformed script, from the source map Node kept for it (with --enable-source-maps). */
function mappedSources(script: string, entry: NonNullable<CoverageFile['source-map-cache']>[string]): string[] {
  const sources = entry.data?.sources;
  if (!Array.isArray(sources)) return [];
  const sourceRoot = typeof entry.data?.sourceRoot === 'string' ? entry.data.sourceRoot : '';
  // Relative sources are relative to the map file itself, which is the script when the map is inline.
  const mapFile = typeof entry.url === 'string' ? scriptPath(entry.url) : undefined;
  const base = path.dirname(mapFile ?? script);
  const files: string[] = [];
  for (const source of sources) {
    if (typeof source !== 'string' || source === '') continue;
    const joined = sourceRoot && !/^[a-z]+:/i.test(source) ? `${sourceRoot.replace(/\/?$/, '/')}${source}` : source;
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(joined)) {
      const file = scriptPath(joined);
      if (file) files.push(file);
    } else {
      files.push(path.resolve(base, joined));
    }
  }
  return files;
}


/** What one thread of one process loaded (NODE_V8_COVERAGE writes a file per thread, and one more per flush). */
export interface CoverageUnit {
  pid: number;
  thread: number;
  /** Absolute paths of the scripts it loaded, and of the sources their source maps name. */
  loaded: Set<string>;
  /** Absolute paths it read through `fs` (recorded by the preload). */
  read: Set<string>;
}

export interface Coverage {
  units: CoverageUnit[];
  /** For each process that recorded it: the pids of the Node processes that started it, outermost first. */
  ancestors: Map<number, number[]>;
}

function addScripts(coverage: CoverageFile, loaded: Set<string>): void {
  // Any script entry means the module was evaluated, whatever its function counts say.
  for (const script of Array.isArray(coverage.result) ? coverage.result : []) {
    const file = typeof script.url === 'string' ? scriptPath(script.url) : undefined;
    if (file) loaded.add(file);
  }
  for (const [url, mapEntry] of Object.entries(coverage['source-map-cache'] ?? {})) {
    const script = scriptPath(url);
    if (script && mapEntry) for (const source of mappedSources(script, mapEntry)) loaded.add(source);
  }
}

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as unknown;
  } catch {
    // A process killed while writing leaves a truncated file; the others still count.
    return undefined;
  }
}

/** Reads everything the processes of one run wrote into `dir`: coverage files, and the lineage the preload recorded. */
export async function readCoverage(dir: string): Promise<Coverage> {
  const coverage: Coverage = { units: [], ancestors: new Map() };
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch {
    return coverage;
  }
  const units = new Map<string, CoverageUnit>();
  const unitOf = (pid: string, thread: string): CoverageUnit => {
    const key = `${pid}-${thread}`;
    let found = units.get(key);
    if (!found) units.set(key, (found = { pid: Number(pid), thread: Number(thread), loaded: new Set(), read: new Set() }));
    return found;
  };
  for (const entry of entries.toSorted()) {
    const unit = /^coverage-(\d+)-\d+-(\d+)\.json$/.exec(entry);
    const reads = /^reads-(\d+)-(\d+)\.txt$/.exec(entry);
    const lineage = /^process-(\d+)\.json$/.exec(entry);
    if (unit) {
      const data = await readJson(path.join(dir, entry));
      if (typeof data !== 'object' || data === null) continue;
      addScripts(data as CoverageFile, unitOf(unit[1]!, unit[2]!).loaded);
    } else if (reads) {
      const text = await readFile(path.join(dir, entry), 'utf8').catch(() => '');
      const read = unitOf(reads[1]!, reads[2]!).read;
      for (const line of text.split('\n')) if (line !== '') read.add(line);
    } else if (lineage) {
      const data = await readJson(path.join(dir, entry));
      const ancestors = (data as { ancestors?: unknown } | undefined)?.ancestors;
      if (Array.isArray(ancestors)) coverage.ancestors.set(Number(lineage[1]), ancestors.filter((pid): pid is number => typeof pid === 'number'));
    }
  }
  coverage.units = [...units.values()];
  return coverage;
}
