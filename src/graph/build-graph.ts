// Builds the file-level import graph of a repository: scan, extract imports, resolve, add mock and asset edges.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { minimatch } from 'minimatch';
import type {
  EdgeKind,
  ExternalImport,
  GraphEdge,
  GraphStats,
  ImportGraph,
  ParseProblem,
  ProgressListener,
  UnresolvedImport,
  WorkspacePackage,
} from '../types.js';
import { gitBlobHash } from './content-hash.js';
import { extractImports, initExtractor, type ExtractResult } from './extract-imports.js';
import { ExtractionCache } from './extraction-cache.js';
import { Resolver } from './resolve-specifier.js';
import { scanFiles, type ScannedFile } from './scan-files.js';
import { TsconfigLookup } from './tsconfig.js';
import { findWorkspaces, type Workspace } from './workspaces.js';

export interface BuildGraphOptions {
  /** The repository root (absolute). */
  cwd: string;
  /** Paths that no longer exist (deleted, or the old side of a rename) but that imports may still name. */
  virtualFiles?: readonly string[];
  /** Config `implicitDependencies`: files matching a key depend on files matching its globs. */
  implicitDependencies?: Record<string, string[]>;
  /** Where extraction results are kept between runs, absolute or relative to `cwd`. Default `<cwd>/node_modules/.cache/impacted`. */
  cacheDir?: string;
  /** `false`: neither read nor write the cache. Default `true`. */
  cache?: boolean;
  onProgress?: ProgressListener;
}

export interface BuildGraphStats extends GraphStats {
  /** Code files read and parsed in this run. */
  extracted: number;
  /** Code files whose imports came from the cache. */
  cached: number;
}

export interface BuiltGraph extends ImportGraph {
  stats: BuildGraphStats;
}

/** The default cache location, where bundlers and test runners keep theirs. */
export function defaultCacheDir(root: string): string {
  return path.join(root, 'node_modules', '.cache', 'impacted');
}

/** Files whose imports are read. */
export const codeExtensions = /\.(?:[cm]?[jt]s|[jt]sx)$/;

/** When one file reaches another in several ways, the edge keeps the kind that matters most at run time. */
const kindRank: Record<EdgeKind, number> = { static: 0, require: 1, dynamic: 2, mock: 3, implicit: 4, asset: 5, type: 6 };

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Files at or under a path in a sorted list: the path itself, or everything in that directory. */
function filesAt(sorted: readonly string[], target: string): string[] {
  const prefix = target === '' ? '' : `${target}/`;
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid]! < target) low = mid + 1;
    else high = mid;
  }
  const found: string[] = [];
  for (let i = low; i < sorted.length; i++) {
    const file = sorted[i]!;
    if (file === target) found.push(file);
    else if (file.startsWith(prefix)) found.push(file);
    else if (file > prefix) break;
  }
  return found;
}

function workspaceDependencies(workspaces: readonly Workspace[]): WorkspacePackage[] {
  const dirByName = new Map(workspaces.map((pkg) => [pkg.manifest.name, pkg.dir]));
  return workspaces.map(({ name, dir, manifest }) => {
    const names = [manifest.dependencies, manifest.devDependencies, manifest.peerDependencies, manifest.optionalDependencies].flatMap((deps) =>
      Object.keys(deps ?? {}),
    );
    const dependsOn = [...new Set(names.map((dep) => dirByName.get(dep)).filter((d): d is string => d !== undefined && d !== dir))].sort(compare);
    return { name, dir, dependsOn };
  });
}

/** What a file imports: from the cache when its content was seen before, else read and parsed (and cached). */
function extractFile(
  root: string,
  { path: file, hash: knownHash }: ScannedFile,
  cache: ExtractionCache | undefined,
): { result: ExtractResult; cached: boolean } | { readError: string } {
  const hit = knownHash === undefined ? undefined : cache?.lookup(knownHash, file);
  if (hit) return { result: hit, cached: true };
  let content: Buffer;
  try {
    content = readFileSync(path.join(root, file));
  } catch (error) {
    return { readError: (error as Error).message };
  }
  // A modified or untracked file is hashed as git would, so content seen before (a reverted edit) is a hit too.
  const hash = cache ? (knownHash ?? gitBlobHash(content)) : undefined;
  const seen = hash === undefined ? undefined : cache?.lookup(hash, file);
  if (seen) return { result: seen, cached: true };
  const result = extractImports(content.toString('utf8'), file);
  if (hash !== undefined) cache?.store(hash, file, result);
  return { result, cached: false };
}

export function ownerOf(packages: readonly Workspace[], file: string): Workspace | undefined {
  return packages.find((pkg) => pkg.dir === '' || file.startsWith(`${pkg.dir}/`));
}

/** Scans the repository at `cwd` and returns its import graph. Never throws for unparsable or unresolvable code. */
export async function buildGraph(options: BuildGraphOptions): Promise<BuiltGraph> {
  const started = performance.now();
  const root = options.cwd;
  const scan = await scanFiles(root);
  const files = scan.files.map((f) => f.path);
  options.onProgress?.({ stage: 'scan', done: files.length, total: files.length });
  const knownFiles = [...new Set([...files, ...(options.virtualFiles ?? [])])].sort(compare);
  const fileSet = new Set(knownFiles);
  const layout = findWorkspaces(root, files);
  const tsconfigs = new TsconfigLookup(root, fileSet);
  const resolver = new Resolver({ root, files: fileSet, tsconfigs, packages: layout.packages });
  const cache = options.cache === false ? undefined : ExtractionCache.open(path.resolve(root, options.cacheDir ?? defaultCacheDir(root)));
  await initExtractor();

  const edges = new Map<string, GraphEdge>();
  const external = new Map<string, ExternalImport>();
  const unresolved: UnresolvedImport[] = [];
  const problems: ParseProblem[] = layout.problems.map((message) => ({ file: 'package.json', message }));
  const addEdge = (from: string, to: string, kind: EdgeKind) => {
    if (from === to) return;
    const key = `${from}\0${to}`;
    const existing = edges.get(key);
    if (!existing || kindRank[kind] < kindRank[existing.kind]) edges.set(key, { from, to, kind });
  };
  // A module mocked by a test is replaced by its `__mocks__` sibling: the test depends on that file too.
  const addMockSiblings = (from: string, target: string) => {
    const dir = path.posix.dirname(target);
    const stem = path.posix.basename(target).replace(/(\.d)?\.[^.]+$/, '');
    const mockStem = dir === '.' ? `__mocks__/${stem}` : `${dir}/__mocks__/${stem}`;
    const mock = resolver.resolvePath('', mockStem);
    if (mock) addEdge(from, mock, 'mock');
  };
  // Jest uses a package-root `__mocks__/<package>` for node_modules packages without being asked to.
  const addPackageMocks = (from: string, pkgName: string) => {
    const owner = ownerOf(layout.packages, from);
    for (const dir of new Set([owner?.dir ?? '', ''])) {
      const mock = resolver.resolvePath(dir, `__mocks__/${pkgName}`);
      if (mock) addEdge(from, mock, 'mock');
    }
  };

  const codeFiles = scan.files.filter((scanned) => codeExtensions.test(scanned.path));
  let done = 0;
  let cached = 0;
  let extractedCount = 0;
  for (const scanned of codeFiles) {
    const file = scanned.path;
    const outcome = extractFile(root, scanned, cache);
    if ('readError' in outcome) {
      problems.push({ file, message: `cannot read: ${outcome.readError}` });
      continue;
    }
    const extracted = outcome.result;
    if (outcome.cached) cached++;
    else extractedCount++;
    if (extracted.error) problems.push({ file, message: extracted.error });
    for (const record of extracted.imports) {
      const resolution = resolver.resolve(file, record.specifier);
      if (resolution.type === 'files') {
        for (const target of resolution.files) {
          addEdge(file, target, record.kind);
          if (record.kind === 'mock') addMockSiblings(file, target);
        }
      } else if (resolution.type === 'external') {
        external.set(`${file}\0${resolution.package}`, { from: file, package: resolution.package });
        addPackageMocks(file, resolution.package);
      } else if (resolution.type === 'unresolved') {
        unresolved.push({ from: file, specifier: record.specifier });
      }
    }
    const fileDir = path.posix.dirname(file) === '.' ? '' : path.posix.dirname(file);
    for (const asset of extracted.assets) {
      // A read relative to the working directory depends on where the runner starts: try the package, then the root.
      const cwdBases = [ownerOf(layout.packages, file)?.dir ?? '', ''];
      const bases = new Set(asset.relativeTo === 'file' ? [fileDir, ...cwdBases] : cwdBases);
      for (const base of bases) {
        const target = path.posix.normalize(path.posix.join(base, asset.path)).replace(/\/$/, '');
        if (target.startsWith('..')) continue;
        const hits = filesAt(knownFiles, target === '.' ? '' : target);
        for (const hit of hits) addEdge(file, hit, 'asset');
        if (hits.length > 0) break;
      }
    }
    if (++done % 500 === 0) options.onProgress?.({ stage: 'extract', done, total: codeFiles.length });
  }

  for (const [pattern, dependencies] of Object.entries(options.implicitDependencies ?? {})) {
    const dependents = files.filter((file) => minimatch(file, pattern, { dot: true }));
    const targets = files.filter((file) => dependencies.some((glob) => minimatch(file, glob, { dot: true })));
    for (const from of dependents) for (const to of targets) addEdge(from, to, 'implicit');
  }

  for (const config of tsconfigs.loaded()) {
    for (const message of config.problems) problems.push({ file: path.relative(root, config.file).split(path.sep).join('/'), message });
  }

  cache?.save();
  const edgeList = [...edges.values()].sort((a, b) => compare(a.from, b.from) || compare(a.to, b.to));
  const externalList = [...external.values()].sort((a, b) => compare(a.from, b.from) || compare(a.package, b.package));
  const unresolvedList = [...new Map(unresolved.map((item) => [`${item.from}\0${item.specifier}`, item])).values()].sort(
    (a, b) => compare(a.from, b.from) || compare(a.specifier, b.specifier),
  );
  const packages = workspaceDependencies(layout.packages).sort((a, b) => compare(a.dir, b.dir));
  return {
    root,
    files,
    edges: edgeList,
    external: externalList,
    unresolved: unresolvedList,
    problems,
    packages,
    stats: {
      files: files.length,
      edges: edgeList.length,
      packages: packages.length,
      unresolved: unresolvedList.length,
      extracted: extractedCount,
      cached,
      ms: Math.round(performance.now() - started),
    },
  };
}
