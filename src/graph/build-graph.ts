// Builds the file-level import graph of a repository: scan, extract imports, resolve, add mock and asset edges,
// reusing what a previous run cached for unchanged contents and, within one resolution epoch, unchanged files.
import path from 'node:path';
import type {
  EdgeKind,
  GraphEdge,
  GraphStats,
  ImportGraph,
  ParseProblem,
  ProgressListener,
  WorkspacePackage,
} from '../types.js';
import { minimatch } from 'minimatch';
import { compileGlobs } from '../config/globs.js';
import type { RepoFiles } from '../files/repo-files.js';
import { lowerBound } from '../files/sorted-paths.js';
import type { GlobRecord } from './extract-globs.js';
import { gitBlobHash } from './content-hash.js';
import { chunkSize, defaultSecondThreadFrom, extractContent, shareExtraction, shareWalk, type ExtractOutcome, type WalkShare } from './extract-files.js';
import type { ExtractResult } from './extract-imports.js';
import { resolutionEpoch } from './cache-epoch.js';
import { edgeKindCodes, edgeKinds, edgeList, nodeIds, sortedTable, type EdgeList, type NodeIds } from './edge-table.js';
import { contentKey, GraphCache, readStoredGraph, type GraphParts, type ProbedResolution, type StoredGraph } from './graph-cache.js';
import { withEdgeTable } from './graph-edges.js';
import { configEntries, isBundlerConfig, packageEntries, readPackageFile, type PackageEntries } from './package-entries.js';
import { defaultCacheDir } from './cache-dir.js';
import { listHash, openReadingCache, type ReadingCache } from './reading-cache.js';
import { nxImplicitEdges } from './nx-projects.js';
import { isPackageNode, packageNode } from './package-node.js';
import { packageOwner } from './package-owner.js';
import { inTestPackages } from './test-packages.js';
import { listingKey, pathKey, treeKey } from './probe-keys.js';
import { type AliasScope, Resolver } from './resolve-specifier.js';
import { linksOf, scanFiles, type ScanResult, type ScannedFile } from './scan-files.js';
import { TsconfigLookup } from './tsconfig.js';
import { tsconfigDocuments } from './tsconfig-documents.js';
import { findWorkspaces, type Workspace, type WorkspaceLayout } from './workspaces.js';

export interface BuildGraphOptions {
  /** The repository root (absolute). */
  cwd: string;
  /**
   * Paths that no longer exist (deleted, or the old side of a rename) but that imports may still name. A promise
   * lets the caller list changes while the files are scanned: it is awaited only after the scan.
   */
  virtualFiles?: readonly string[] | PromiseLike<readonly string[]>;
  /** Config `implicitDependencies`: files matching a key depend on files matching its globs. */
  implicitDependencies?: Record<string, string[]>;
  /**
   * Test runners' resolution aliases (`resolve.alias`, `moduleNameMapper`), applied to the files of their project. A
   * promise lets the caller ask the runners while the files are read: it is awaited only once the imports are extracted.
   */
  aliases?: readonly AliasScope[] | PromiseLike<readonly AliasScope[]>;
  /**
   * The files whose dependencies the caller asks about (a selection's tests, setup files and runner configs): only the code
   * they reach is read and resolved, and the graph holds the edges of those files alone (every file stays in `files`).
   * A promise lets the caller find them while the files are read (until it settles, files are read in their order);
   * undefined, or a promise of undefined: every code file. An empty list: none (a run of every test).
   */
  reach?: PromiseLike<readonly string[] | undefined>;
  /** Where extracted and resolved imports are kept between runs, absolute or relative to `cwd`. Default `<cwd>/node_modules/.cache/impacted`. */
  cacheDir?: string;
  /** `false`: neither read nor write the cache. Default `true`. */
  cache?: boolean;
  /**
   * The cache file of `cacheDir`, when the caller reads it ahead (`readStoredGraph`, while git lists the files);
   * called once, after the scan. Default: read here.
   */
  storedGraph?: () => StoredGraph | undefined;
  /**
   * Code files to read (not in the cache) from which a worker thread reads and parses some of them, where there is a
   * second core. Default 8,000; `Infinity`: never. The graph is the same either way. With `reach`, the worker is
   * offered the files the walk has found and will come to a little later.
   */
  secondThreadFrom?: number;
  /** Static readings of config files kept between runs, when the caller keeps them (and saves them); default: the cache dir's. */
  readings?: ReadingCache;
  /** The workspace packages, when the caller found them in the same scan (`findWorkspaces` with its files, source and links). */
  workspaces?: WorkspaceLayout;
  /** A scan of `cwd` already under way (the pipeline shares it with change detection); default: scan here. */
  scan?: Promise<ScanResult>;
  onProgress?: ProgressListener;
}

export interface BuildGraphStats extends GraphStats {
  /** Code files read and parsed in this run. */
  extracted: number;
  /** Code files whose imports came from the cache. */
  cached: number;
  /** Of `extracted`, the files read and parsed on a second thread (extract-files.ts). */
  extractedBeside: number;
  /** Code files whose imports were resolved in this run (the others' resolutions came from the cache). */
  resolved: number;
  /** Why the cache file there was not used, when it was another format or version, or damaged (it is rewritten). */
  cacheIgnored?: string;
  /**
   * Milliseconds per stage: listing files, workspaces and tsconfigs (cache load included), reading imports (and
   * resolving the files read once the runners' aliases were in), waiting for the runners' aliases once the imports are
   * read (the runners are asked meanwhile), resolving the rest (cache save included).
   */
  stages: { scan: number; extract: number; aliases: number; resolve: number };
}

export interface BuiltGraph extends ImportGraph {
  stats: BuildGraphStats;
}

const parsedReused = { reusedError: '' } as const;
/** From this many files to read before the tests are named, only those of the packages they will probably reach are. */
const aheadFrom = 1000;

/** A file whose resolution is done (cached, or resolved early), with its parse error: one object for all that parsed. */
function reusedOutcome(error: string): { readonly reusedError: string } {
  return error === '' ? parsedReused : { reusedError: error };
}

/** Files read before the code: manifests, workspace lists, tsconfigs and the JSON configs they may extend, runner configs. */
const configFile = /(?:^|\/)(?:package\.json|pnpm-workspace\.yaml|[^/]*config[^/]*\.(?:json|[cm]?[jt]s)|\.mocharc\.[a-z]+)$/;

/** Files whose imports are read: JavaScript and TypeScript, and the script blocks of components and MDX. */
export const codeExtensions = /\.(?:[cm]?[jt]s|[jt]sx|vue|svelte|astro|mdx)$/;

/**
 * Imported files that import nothing themselves: data, styles, media. Anything else an import names that is not code
 * (`.coffee`, `.elm`, ...) is a file impacted cannot read, and a problem.
 */
const leafExtensions = /\.(?:json5?|jsonc|ya?ml|toml|txt|md|csv|tsv|sql|html?|xml|css|scss|sass|less|styl|pcss|postcss|svg|png|jpe?g|gif|webp|avif|ico|bmp|woff2?|ttf|otf|eot|mp[34]|webm|wav|ogg|wasm|node|graphql|gql|snap|env|d\.[cm]?ts)$/i;

/** When one file reaches another in several ways, the edge keeps the kind that matters most at run time. */
const kindRank: Record<EdgeKind, number> = { static: 0, require: 1, dynamic: 2, mock: 3, glob: 4, implicit: 5, setup: 6, asset: 7, package: 8, type: 9 };

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The sorted union of a sorted list of distinct paths and a few more, without a set or a sort of the whole list. */
function sortedUnion(sorted: readonly string[], more: readonly string[]): readonly string[] {
  for (let i = 1; i < sorted.length; i++) if (!(sorted[i - 1]! < sorted[i]!)) return [...new Set([...sorted, ...more])].sort(compare);
  if (more.length === 0) return sorted;
  const extra = [...new Set(more)].sort(compare);
  const union: string[] = [];
  let i = 0;
  let j = 0;
  while (i < sorted.length || j < extra.length) {
    if (j === extra.length || (i < sorted.length && sorted[i]! < extra[j]!)) union.push(sorted[i++]!);
    else if (i < sorted.length && sorted[i] === extra[j]) j++;
    else union.push(extra[j++]!);
  }
  return union;
}

/**
 * `sorted` (built file by file, so already in `order`: checked, and sorted when it is not) merged with `extra`, as a
 * stable sort of both would order them, without sorting the long list.
 */
function mergeSorted<T>(sorted: T[], extra: T[], order: (a: T, b: T) => number): T[] {
  for (let i = 1; i < sorted.length; i++) if (order(sorted[i - 1]!, sorted[i]!) > 0) return [...sorted, ...extra].sort(order);
  if (extra.length === 0) return sorted;
  // A cold build has all its edges in `extra`: sorted in place, not copied (a list of 266,000 at 100,000 files).
  if (sorted.length === 0) return extra.sort(order);
  extra.sort(order);
  // A binary search per item costs about 16 comparisons at these sizes: cheaper than a walk of the list below that.
  if (extra.length * 16 < sorted.length) return insertSorted(sorted, extra, order);
  const merged: T[] = [];
  let i = 0;
  let j = 0;
  while (i < sorted.length || j < extra.length) {
    if (j === extra.length || (i < sorted.length && order(sorted[i]!, extra[j]!) <= 0)) merged.push(sorted[i++]!);
    else merged.push(extra[j++]!);
  }
  return merged;
}

/**
 * The merge of a few sorted `extra` into a long sorted list (a warm run's: the edited files' edges): each found by a
 * binary search (after the items it equals, as the merge puts them), the runs between copied whole.
 */
function insertSorted<T>(sorted: readonly T[], extra: readonly T[], order: (a: T, b: T) => number): T[] {
  const parts: T[][] = [];
  let from = 0;
  for (const item of extra) {
    let low = from;
    let high = sorted.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (order(sorted[mid]!, item) <= 0) low = mid + 1;
      else high = mid;
    }
    if (low > from) parts.push(sorted.slice(from, low));
    parts.push([item]);
    from = low;
  }
  parts.push(sorted.slice(from));
  // One concat of a few arrays: copies, no push per item.
  return ([] as T[]).concat(...parts);
}

/** The index of each of `files` in `known`, both sorted, `files` a subset: one walk, no lookups. */
function positionsIn(known: readonly string[], files: readonly ScannedFile[]): number[] {
  const positions: number[] = [];
  let k = 0;
  for (const { path: file } of files) {
    while (known[k] !== file) k++;
    positions.push(k);
  }
  return positions;
}

/** Files at or under a path in a sorted list: the path itself, or everything in that directory. */
function filesAt(sorted: readonly string[], target: string): string[] {
  const prefix = target === '' ? '' : `${target}/`;
  const found: string[] = [];
  for (let i = lowerBound(sorted, target); i < sorted.length; i++) {
    const file = sorted[i]!;
    if (file === target) found.push(file);
    else if (file.startsWith(prefix)) found.push(file);
    else if (file > prefix) break;
  }
  return found;
}

/**
 * The files an asset path names: the file itself, or, for a directory, the files directly in it. Listing a directory
 * (`readdirSync('packages')`, `new URL('./fixtures', import.meta.url)`) tells which entries exist, not what the files
 * deeper down hold; those stay unknown to the graph, so that their changes widen instead of selecting nothing.
 */
function assetFiles(sorted: readonly string[], target: string): string[] {
  const depth = target === '' ? 0 : target.length + 1;
  return filesAt(sorted, target).filter((file) => file === target || !file.includes('/', depth));
}

function workspaceDependencies(workspaces: readonly Workspace[]): WorkspacePackage[] {
  const dirByName = new Map(workspaces.map((pkg) => [pkg.manifest.name, pkg.dir]));
  return workspaces.map(({ name, dir, manifest }) => {
    const names = [manifest.dependencies, manifest.devDependencies, manifest.peerDependencies, manifest.optionalDependencies].flatMap((deps) =>
      Object.keys(deps ?? {}),
    );
    const dependsOn = [...new Set(names.map((dep) => dirByName.get(dep)).filter((d): d is string => d !== undefined && d !== dir))].sort(compare);
    return { name, dir, dependsOn, declared: [...new Set(names)].sort(compare) };
  });
}

/**
 * What a file imports, from the cache when its content was seen before, else read and parsed (and cached); `shared`
 * is its reading and parsing done already, on the worker thread that shares them (see extract-files.ts).
 */
function extractFile(
  source: RepoFiles,
  { path: file, hash: knownHash }: ScannedFile,
  cache: GraphCache | undefined,
  shared: ExtractOutcome | undefined,
): { result: ExtractResult; cached: boolean; key?: string } | { readError: string } {
  const knownKey = knownHash === undefined ? undefined : contentKey(knownHash, file);
  const hit = knownKey === undefined ? undefined : cache?.lookupExtraction(knownKey);
  if (hit) return { result: hit, cached: true, key: knownKey };
  if (shared) {
    if (!('result' in shared)) return shared;
    if (knownKey !== undefined) cache?.storeExtraction(knownKey, shared.result);
    return { result: shared.result, cached: false, key: knownKey };
  }
  let content: Buffer;
  try {
    content = source.read(file);
  } catch (error) {
    return { readError: (error as Error).message };
  }
  // A modified or untracked file is hashed as git would, so content seen before (a reverted edit) is a hit too.
  const key = knownKey ?? (cache ? contentKey(gitBlobHash(content), file) : undefined);
  const seen = knownKey === undefined && key !== undefined ? cache?.lookupExtraction(key) : undefined;
  if (seen) return { result: seen, cached: true, key };
  const result = extractContent(content, file);
  if (key !== undefined) cache?.storeExtraction(key, result);
  return { result, cached: false, key };
}

/**
 * Resolves a file's imports, mocks and assets into the edges it contributes; memoizes what files share. With
 * `recordProbes`, each resolution carries the probe keys of everything it asked of the file list (see probe-keys.ts).
 */
function createFileResolver(resolver: Resolver, packages: readonly Workspace[], ids: NodeIds, fileSet: ReadonlySet<string>, recordProbes: boolean) {
  const knownFiles = ids.known;
  const ownerDirOf = packageOwner(packages.map((pkg) => pkg.dir));
  /** By package directory, by external package name. */
  const packageMocks = new Map<string, Map<string, { mocks: string[]; probes: number[] }>>();
  // Jest uses a package-root `__mocks__/<package>` for node_modules packages without being asked to.
  const packageMocksOf = (ownerDir: string, pkgName: string, probes: number[]): string[] => {
    let inPackage = packageMocks.get(ownerDir);
    if (!inPackage) packageMocks.set(ownerDir, (inPackage = new Map()));
    let found = inPackage.get(pkgName);
    if (!found) {
      found = { mocks: [], probes: [] };
      resolver.record(found.probes);
      found.mocks = [...new Set([ownerDir, ''])].map((dir) => resolver.resolvePath(dir, `__mocks__/${pkgName}`)).filter((m) => m !== undefined);
      resolver.record(probes);
      inPackage.set(pkgName, found);
    }
    if (recordProbes) for (const key of found.probes) probes.push(key);
    return found.mocks;
  };
  // Most repositories keep no snapshots: then no file needs its snapshot path built and looked up, unless recorded (a
  // first snapshot is a path that appears), and then the lookup is all it takes (the list is not searched for one).
  const hasSnapshots = recordProbes || knownFiles.some((file) => file.endsWith('.snap') && file.includes('__snapshots__/'));

  // Files come in order, most in the directory of the one before: its owner is asked once per directory (asked per
  // file, the lookup kept every path: 100,000 entries that are never asked again).
  let lastDir: string | undefined;
  let lastOwner = '';
  return (file: string, result: ExtractResult): ProbedResolution => {
    const probes: number[] = [];
    resolver.record(probes);
    const slash = file.lastIndexOf('/');
    const fileDir = slash === -1 ? '' : file.slice(0, slash);
    if (fileDir !== lastDir) lastOwner = ownerDirOf((lastDir = fileDir));
    const ownerDir = lastOwner;
    const targets = new Map<string, EdgeKind>();
    const addEdge = (to: string, kind: EdgeKind) => {
      if (to === file) return;
      const existing = targets.get(to);
      if (existing === undefined || kindRank[kind] < kindRank[existing]) targets.set(to, kind);
    };
    const external = new Set<string>();
    const unresolved = new Set<string>();
    const wholePackages = new Map<string, { dir: string; kind: EdgeKind }>();
    for (const record of result.imports) {
      const resolution = resolver.resolve(file, record.specifier);
      if (resolution.type === 'files') {
        for (const target of resolution.files) {
          addEdge(target, record.kind);
          if (record.kind !== 'mock') continue;
          // A module mocked by a test is replaced by its `__mocks__` sibling: the test depends on that file too.
          const dir = path.posix.dirname(target);
          const stem = path.posix.basename(target).replace(/(\.d)?\.[^.]+$/, '');
          const mock = resolver.resolvePath('', dir === '.' ? `__mocks__/${stem}` : `${dir}/__mocks__/${stem}`);
          if (mock) addEdge(mock, 'mock');
        }
      } else if (resolution.type === 'external') {
        external.add(resolution.package);
        for (const mock of packageMocksOf(ownerDir, resolution.package, probes)) addEdge(mock, 'mock');
      } else if (resolution.type === 'package') {
        const seen = wholePackages.get(record.specifier);
        if (!seen || kindRank[record.kind] < kindRank[seen.kind]) wholePackages.set(record.specifier, { dir: resolution.dir, kind: record.kind });
      } else if (resolution.type === 'unresolved') {
        unresolved.add(record.specifier);
      }
    }
    for (const glob of result.globs ?? []) {
      for (const target of globTargets(glob, fileDir, ownerDir, knownFiles)) addEdge(target, 'glob');
      if (recordProbes) for (const dir of globRoots(glob, fileDir, ownerDir)) probes.push(treeKey(dir));
    }
    // vitest and jest keep a test's snapshots in `__snapshots__/<test file name>.snap` beside it, and read them.
    if (hasSnapshots) {
      const snapshot = `${fileDir ? `${fileDir}/` : ''}__snapshots__/${file.slice(slash + 1)}.snap`;
      if (recordProbes) probes.push(pathKey(snapshot));
      if (fileSet.has(snapshot)) addEdge(snapshot, 'asset');
    }
    for (const asset of result.assets) {
      // A read relative to the working directory depends on where the runner starts: try the package, then the root.
      const cwdBases = [ownerDir, ''];
      const bases = new Set(asset.relativeTo === 'file' ? [fileDir, ...cwdBases] : cwdBases);
      for (const base of bases) {
        const target = path.posix.normalize(path.posix.join(base, asset.path)).replace(/\/$/, '');
        if (target.startsWith('..')) continue;
        const hits = assetFiles(knownFiles, target === '.' ? '' : target);
        if (recordProbes) probes.push(pathKey(target === '.' ? '' : target), listingKey(target === '.' ? '' : target));
        // An extensionless path is probed as module resolution would (`utils/failing` -> `utils/failing.ts`, `x/index.js`).
        const probed = hits.length > 0 || target === '.' ? undefined : resolver.resolvePath('', target);
        if (probed) hits.push(probed);
        for (const hit of hits) addEdge(hit, 'asset');
        if (hits.length > 0) break;
      }
    }
    resolver.record(undefined);
    // Sorted here, once, so the graph's lists come out (nearly) sorted even when this came from the cache.
    return {
      probes,
      edges: [...targets].sort(([a], [b]) => compare(a, b)).map(([to, kind]) => ({ to: ids.idOf(to), kind })),
      external: [...external].sort(compare).map((name) => ({ from: file, package: name })),
      unresolved: [...unresolved].sort(compare).map((specifier) => ({ from: file, specifier })),
      packages: [...wholePackages].sort(([a], [b]) => compare(a, b)).map(([specifier, { dir, kind }]) => ({ from: file, specifier, dir, kind })),
    };
  };
}

/** The kinds of an import, by code. */
const importKinds = Uint8Array.from(edgeKinds, (kind) => (['static', 'type', 'dynamic', 'require', 'mock'].includes(kind) ? 1 : 0));

/** Imported files of a type whose own imports impacted cannot read (not code, not data or media): one problem each. */
function unreadableTypes(lists: readonly EdgeList[], ids: NodeIds): ParseProblem[] {
  const files: string[] = [];
  // Each target is looked at once.
  const checked = new Uint8Array(ids.size);
  for (const list of lists) {
    const { to, kinds } = list;
    for (let e = 0; e < list.length; e++) {
      const target = to[e]!;
      if (checked[target] === 1 || importKinds[kinds[e]!] === 0) continue;
      checked[target] = 1;
      const name = ids.nameOf(target);
      // Most targets are TypeScript: told by their end, before any pattern.
      if (name.endsWith('.ts') || name.endsWith('.tsx')) continue;
      if (!codeExtensions.test(name) && !leafExtensions.test(name) && !isPackageNode(name)) files.push(name);
    }
  }
  return files.sort(compare).map((file) => ({ file, kind: 'unknown-type', message: 'imported, but impacted cannot read the imports of this file type' }));
}

function matchesAny(file: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => minimatch(file, pattern, { dot: true }));
}

/** A glob's pattern or directory as a repository path: `/` starts at the package, anything else at the file's directory. */
function globPath(pattern: string, fileDir: string, packageDir: string): string {
  return path.posix.normalize(path.posix.join(pattern.startsWith('/') ? packageDir : fileDir, pattern));
}

/** A glob character, in a pattern step: minimatch's wildcards, classes, braces, extglobs and escapes. */
const globMagic = /[*?[\]{}()!+@\\]/;

/** The directories below which a glob's matches lie, so no file elsewhere appearing or disappearing changes them. */
function globRoots(glob: GlobRecord, fileDir: string, packageDir: string): string[] {
  const rootOf = (pattern: string) => {
    const steps = globPath(pattern, fileDir, packageDir).split('/');
    const literal = steps.findIndex((step) => globMagic.test(step));
    const dir = steps.slice(0, literal === -1 ? steps.length - 1 : literal).join('/');
    return dir === '.' ? '' : dir;
  };
  if (glob.patterns) return glob.patterns.filter((p) => !p.startsWith('!')).map(rootOf);
  const base = globPath(glob.context!.dir, fileDir, packageDir).replace(/\/$/, '');
  return [base === '.' ? '' : base];
}

/** The files an `import.meta.glob` or `require.context` call matches, as Vite and webpack match them. */
function globTargets(glob: GlobRecord, fileDir: string, packageDir: string, knownFiles: readonly string[]): string[] {
  const toRepo = (pattern: string) => globPath(pattern, fileDir, packageDir);
  if (glob.patterns) {
    const include = glob.patterns.filter((p) => !p.startsWith('!')).map(toRepo);
    const exclude = glob.patterns.filter((p) => p.startsWith('!')).map((p) => toRepo(p.slice(1)));
    return knownFiles.filter((file) => matchesAny(file, include) && !matchesAny(file, exclude));
  }
  const { dir, recursive, regex, flags } = glob.context!;
  const base = toRepo(dir).replace(/\/$/, '');
  if (base === '..' || base.startsWith('../')) return [];
  let test: RegExp;
  try {
    test = new RegExp(regex, flags.replace(/[gy]/g, ''));
  } catch {
    return [];
  }
  const prefix = base === '.' ? '' : `${base}/`;
  return filesAt(knownFiles, base === '.' ? '' : base).filter((file) => {
    const relative = file.slice(prefix.length);
    return (recursive || !relative.includes('/')) && test.test(`./${relative}`);
  });
}

/** Config `implicitDependencies`, rule by rule: the files matching its key and the files they depend on. */
interface ImplicitRule {
  dependents: string[];
  targets: string[];
}

function implicitRules(files: readonly string[], implicitDependencies: Record<string, string[]>): ImplicitRule[] {
  return Object.entries(implicitDependencies).map(([pattern, dependencies]) => {
    const dependent = compileGlobs([pattern]);
    const dependency = compileGlobs(dependencies);
    return { dependents: files.filter((file) => dependent.test(file)), targets: files.filter((file) => dependency.test(file)) };
  });
}

/**
 * Adds config `implicitDependencies` edges to the last of `lists`; where the code already has an edge, the kind that
 * matters most stays (on the last such edge, when there are several).
 */
function addImplicitEdges(lists: readonly EdgeList[], ids: NodeIds, rules: readonly ImplicitRule[]): void {
  if (rules.length === 0) return;
  const added = lists.at(-1)!;
  // The files are all known: no new id is made, and `from * size + to` names a pair.
  const size = ids.size;
  const byKey = new Map<number, { list: EdgeList; edge: number }>();
  for (const list of lists) {
    const { from, to } = list;
    for (let edge = 0; edge < list.length; edge++) byKey.set(from[edge]! * size + to[edge]!, { list, edge });
  }
  const implicit = edgeKindCodes.implicit;
  for (const rule of rules) {
    const dependents = rule.dependents.map((file) => ids.idOf(file));
    const targets = rule.targets.map((file) => ids.idOf(file));
    for (const from of dependents) {
      for (const to of targets) {
        if (from === to) continue;
        const existing = byKey.get(from * size + to);
        if (!existing) {
          added.add(from, to, implicit);
          byKey.set(from * size + to, { list: added, edge: added.length - 1 });
        } else if (kindRank.implicit < kindRank[edgeKinds[existing.list.kinds[existing.edge]!]!]) {
          existing.list.setKind(existing.edge, implicit);
        }
      }
    }
  }
}

/** nx's implicit dependencies, where an import or a whole-package node does not already give the same edge. */
function addNxImplicitEdges(edges: EdgeList, ids: NodeIds, nxEdges: readonly GraphEdge[]): void {
  if (nxEdges.length === 0) return;
  const existing = new Set<string>();
  const { from, to } = edges;
  for (let e = 0; e < edges.length; e++) {
    const fromName = ids.nameOf(from[e]!);
    const toName = ids.nameOf(to[e]!);
    if (isPackageNode(fromName) || isPackageNode(toName)) existing.add(`${fromName}\0${toName}`);
  }
  for (const edge of nxEdges) if (!existing.has(`${edge.from}\0${edge.to}`)) edges.add(ids.idOf(edge.from), ids.idOf(edge.to), edgeKindCodes[edge.kind]);
}

/** A workspace package's own code files (not those of packages nested in it), by its directory; made on first use. */
function packageCodeFiles(packages: readonly Workspace[], codeFiles: readonly ScannedFile[]): (dir: string) => string[] {
  let made: ((dir: string) => string[]) | undefined;
  return (dir) => {
    if (!made) {
      const ownerDirOf = packageOwner(packages.map((pkg) => pkg.dir));
      // A package's files are among those under its directory (sorted, so one run of the list): only those are looked up.
      const sorted = codeFiles.map((file) => file.path);
      made = (at) => filesAt(sorted, at).filter((file) => ownerDirOf(file) === at);
    }
    return made(dir);
  };
}

/** The package node of each package some import depends on as a whole has an edge to each of its own code files. */
function addPackageNodes(edges: EdgeList, ids: NodeIds, dirs: ReadonlySet<string>, filesOf: (dir: string) => string[]): void {
  for (const dir of dirs) {
    const node = ids.idOf(packageNode(dir));
    for (const file of filesOf(dir)) edges.add(node, ids.idOf(file), edgeKindCodes.package);
  }
}

/** The source entries packages declare beside exports/main (`source`, preconstruct, bundler configs), by directory. */
function declaredEntries(source: RepoFiles, packages: readonly Workspace[], files: readonly string[], knownFiles: readonly string[], readings?: ReadingCache): Map<string, PackageEntries> {
  const dirs = new Set(packages.map((pkg) => pkg.dir));
  const configs = new Map<string, string[]>();
  for (const file of files) {
    const slash = file.lastIndexOf('/');
    // Most files are no config: tell them by a substring, before cutting the path up.
    if (!file.includes('.config.', slash + 1)) continue;
    const name = file.slice(slash + 1);
    const dir = slash === -1 ? '' : file.slice(0, slash);
    if (!dirs.has(dir) || !isBundlerConfig(name)) continue;
    const list = configs.get(dir);
    if (list) list.push(name);
    else configs.set(dir, [name]);
  }
  const entries = new Map<string, PackageEntries>();
  const entriesOf = readings ? (file: string, text: string) => readings.byContent('bundler entries', file, text, () => configEntries(file, text)) : configEntries;
  for (const pkg of packages) {
    const prefix = pkg.dir === '' ? '' : `${pkg.dir}/`;
    const packageFiles = () => filesAt(knownFiles, pkg.dir).map((file) => file.slice(prefix.length));
    const found = packageEntries(pkg.manifest, configs.get(pkg.dir) ?? [], packageFiles, readPackageFile(source, pkg.dir), entriesOf);
    if (found) entries.set(pkg.dir, found);
  }
  return entries;
}

/**
 * Loads the tsconfigs resolution may read: the nearest one of every directory with code, and each workspace
 * package's own and build config. Loading them all up front makes the reported config problems independent of which
 * imports were resolved (or came from the cache), and puts every config into the resolution epoch.
 */
function loadTsconfigs(tsconfigs: TsconfigLookup, codeFiles: readonly ScannedFile[], packages: readonly Workspace[], fileSet: ReadonlySet<string>) {
  const dirs = new Set<string>();
  // Files come sorted: most are in the directory of the one before, which is not cut out and looked up again.
  let lastDir: string | undefined;
  for (const { path: file } of codeFiles) {
    const slash = file.lastIndexOf('/');
    if (lastDir !== undefined && slash === lastDir.length && file.startsWith(lastDir)) continue;
    const dir = file.slice(0, Math.max(slash, 0));
    lastDir = dir;
    if (!dirs.has(dir)) {
      dirs.add(dir);
      tsconfigs.forDir(dir);
    }
  }
  for (const pkg of packages) {
    tsconfigs.forDir(pkg.dir);
    const buildConfig = pkg.dir ? `${pkg.dir}/tsconfig.build.json` : 'tsconfig.build.json';
    if (fileSet.has(buildConfig)) tsconfigs.load(buildConfig);
  }
}

/**
 * `loadTsconfigs`, with the names of the configs it loads kept in the readings: which configs those are follows from
 * names alone (the file list and the paths only imports may name, which files are links, the package directories),
 * so a warm run where no file was added or removed loads them in the same order without looking for every
 * directory's nearest config (~80 ms at 100,000 files).
 */
function loadTsconfigsKept(
  tsconfigs: TsconfigLookup,
  codeFiles: readonly ScannedFile[],
  packages: readonly Workspace[],
  fileSet: ReadonlySet<string>,
  names: { files: readonly string[]; knownFiles: readonly string[]; links: ReadonlyMap<string, string> },
  readings: ReadingCache | undefined,
): void {
  if (!readings) return loadTsconfigs(tsconfigs, codeFiles, packages, fileSet);
  const { files, knownFiles, links } = names;
  const inputs = JSON.stringify({
    files: listHash(files),
    known: knownFiles === files ? '' : listHash(knownFiles),
    links: [...links.keys()],
    packages: packages.map((pkg) => pkg.dir),
  });
  const loaded = readings.byContent('tsconfigs loaded', '', inputs, () => {
    loadTsconfigs(tsconfigs, codeFiles, packages, fileSet);
    return tsconfigs.loadedNames();
  });
  if (!Array.isArray(loaded) || !loaded.every((name) => typeof name === 'string' && fileSet.has(name))) return loadTsconfigs(tsconfigs, codeFiles, packages, fileSet);
  for (const name of loaded) tsconfigs.load(name);
}

/** Scans the repository at `cwd` and returns its import graph. Never throws for unparsable or unresolvable code. */
export async function buildGraph(options: BuildGraphOptions): Promise<BuiltGraph> {
  const started = performance.now();
  const root = options.cwd;
  const virtualFiles = Promise.resolve(options.virtualFiles ?? []);
  const runnerAliases = Promise.resolve(options.aliases);
  // A rejection surfaces where it is awaited (after the scan, after extraction); until then it must not count as unhandled.
  virtualFiles.catch(() => undefined);
  /** The runners' aliases once they are in (resolution may start then): `arrived` tells, as a promise cannot. */
  const aliasesIn: { arrived: boolean; aliases?: readonly AliasScope[] } = { arrived: false };
  runnerAliases.then(
    (aliases) => Object.assign(aliasesIn, { arrived: true, aliases }),
    () => undefined,
  );
  // With `reach`, the files are read in their order only until the files to reach from are in: then from those.
  const reaching = options.reach === undefined ? undefined : Promise.resolve(options.reach);
  reaching?.catch(() => undefined);
  const rootsIn: { arrived: boolean } = { arrived: false };
  reaching?.then(
    (roots) => (rootsIn.arrived = roots !== undefined),
    () => undefined,
  );
  const scan = await (options.scan ?? scanFiles(root));
  const { source } = scan;
  const files = scan.files.map((f) => f.path);
  const links = linksOf(scan.files);
  // Manifests and configs are read first, one git process for all when they come from git objects.
  await source.prefetch(files.filter((file) => configFile.test(file)));
  options.onProgress?.({ stage: 'scan', done: files.length, total: files.length });
  const cacheDir = path.resolve(root, options.cacheDir ?? defaultCacheDir(root));
  // What needs only the scan is done while the change list may still be coming (the diff's renames and deletions).
  const stored = options.cache === false ? undefined : options.storedGraph ? options.storedGraph() : readStoredGraph(cacheDir);
  const codeFiles = scan.files.filter((file) => file.link === undefined && codeExtensions.test(file.path));
  const keys = codeFiles.map((file) => (file.hash === undefined ? undefined : contentKey(file.hash, file.path)));
  const knownFiles = sortedUnion(files, await virtualFiles);
  const fileSet = new Set(knownFiles);
  const layout = options.workspaces ?? findWorkspaces(root, files, source, links);
  const readings = options.readings ?? (options.cache === false ? undefined : openReadingCache(cacheDir));
  const entries = declaredEntries(source, layout.packages, files, knownFiles, readings);
  if (!options.readings) readings?.save();
  // The tsconfig documents are kept where the caller saves the readings after the build (the pipeline does).
  const tsconfigs = new TsconfigLookup(root, fileSet, source, tsconfigDocuments(source, scan.files, options.readings));
  loadTsconfigsKept(tsconfigs, codeFiles, layout.packages, fileSet, { files, knownFiles, links }, options.readings);
  const epochConfigs = tsconfigs.loaded().length;
  const cache = stored === undefined ? undefined : GraphCache.open(stored, knownFiles);
  const scanned = performance.now();

  const problems: ParseProblem[] = [...scan.problems];
  // What the code files contribute, file by file, each file's own lists sorted: in graph order. A file whose content
  // and resolution in this epoch are both cached is neither read nor resolved: the cache appends its edges here
  // (its extraction is never decoded). What comes later (files read or resolved now, links, package nodes) goes to
  // `extra`, to be sorted in.
  const ids = nodeIds(knownFiles);
  const lists: GraphParts = { edges: edgeList(), external: [], unresolved: [], packages: [] };
  const extra: GraphParts = { edges: edgeList(), external: [], unresolved: [], packages: [] };
  const indexes = positionsIn(knownFiles, codeFiles);
  // The epoch includes the runners' aliases, which may still be coming (the runners are being asked). Until then, the
  // files without a cached resolution from their content are read: they are read whatever the epoch. The others wait
  // for it: in the same epoch their resolution is reused and they are not read at all.
  // A length, filled: `Array.from({ length })` takes 9 ms at 100,000 files.
  // oxlint-disable-next-line unicorn/no-new-array
  const outcomes: (ReturnType<typeof extractFile> | { readonly reusedError: string } | undefined)[] = new Array<undefined>(codeFiles.length).fill(undefined);
  let cached = 0;
  let extractedNow = 0;
  let extractedBeside = 0;
  let resolved = 0;
  /** Files resolved as they were read, before the rest of the reading (see `extract`). */
  let resolvedEarly = 0;
  // What resolving needs once the runners' aliases are in: the epoch they are part of, and the resolver. Made once.
  let resolutionContext: { epoch: string | undefined; resolveFile: ReturnType<typeof createFileResolver> } | undefined;
  const resolution = (aliases: readonly AliasScope[] | undefined) => {
    if (resolutionContext) return resolutionContext;
    const epoch = options.cache === false ? undefined : resolutionEpoch({ source, scanned: scan.files, layout, entries, tsconfigs: tsconfigs.loaded(), aliases });
    cache?.useEpoch(epoch ?? '');
    const recordProbes = epoch !== undefined && cache !== undefined;
    const resolver = new Resolver({ root, source, files: fileSet, tsconfigs, packages: layout.packages, entries, aliases, recordProbes });
    return (resolutionContext = { epoch, resolveFile: createFileResolver(resolver, layout.packages, ids, fileSet, recordProbes) });
  };
  /** A file's resolution into `extra`: from the cache when its content was resolved before (a reverted edit), else made now. */
  const resolveExtracted = ({ epoch, resolveFile }: NonNullable<typeof resolutionContext>, file: string, index: number, result: ExtractResult, key: string | undefined) => {
    if (epoch !== undefined && key !== undefined && cache?.lookupResolution(index, key, extra) !== undefined) return;
    const found = resolveFile(file, result);
    if (epoch !== undefined && key !== undefined) cache?.storeResolution(index, key, found);
    resolved++;
    for (const edge of found.edges) extra.edges.add(index, edge.to, edgeKindCodes[edge.kind]);
    for (const item of found.external) extra.external.push(item);
    for (const item of found.unresolved) extra.unresolved.push(item);
    for (const item of found.packages) extra.packages.push(item);
  };
  /** The files the first reading was to read (those without a cached resolution), read or not. */
  let firstReading: readonly number[] = [];
  const extract = async (read: (i: number) => boolean, first: boolean) => {
    // Each file asked once: on a warm run the answer is mostly no, and the loop below visits only the others.
    const reading: number[] = [];
    for (let i = 0; i < codeFiles.length; i++) if (read(i)) reading.push(i);
    if (first) firstReading = reading;
    // Until the tests are named, of many files to read only those in the packages the tests will probably reach are read
    // (a few are all read: that costs less than telling the packages apart, 10-25 ms at 100,000 files).
    const ahead = first && reaching && !rootsIn.arrived && reading.length >= aheadFrom ? inTestPackages(layout.packages, files) : undefined;
    const now = ahead ? reading.filter((i) => ahead(codeFiles[i]!.path)) : reading;
    // The contents to read (not in the cache), in one git process when they come from git objects.
    await source.prefetch(now.filter((i) => keys[i] === undefined || !cache?.hasExtraction(keys[i])).map((i) => codeFiles[i]!.path));
    // The files that are read and parsed whatever the cache holds (a known content it has not seen; with no cache,
    // any), from the work tree: shared with a worker thread when there are many.
    const sharable = now.filter((i) => (keys[i] === undefined ? !cache : !cache?.hasExtraction(keys[i])) && source.onDisk(codeFiles[i]!.path));
    const worker = reaching ? undefined : shareExtraction(root, sharable.map((i) => codeFiles[i]!.path), options.secondThreadFrom);
    let nextShared = 0;
    // Progress in steps of 500 files, those not read included.
    let reported = 0;
    const progress = (done: number) => {
      for (; first && reported + 500 <= done; reported += 500) options.onProgress?.({ stage: 'extract', done: reported + 500, total: codeFiles.length });
    };
    let yielded = performance.now();
    for (const i of now) {
      if (rootsIn.arrived) break;
      progress(i + 1);
      const shared = worker && sharable[nextShared] === i ? worker.take(nextShared++) : undefined;
      if (shared) extractedBeside++;
      const outcome = extractFile(source, codeFiles[i]!, cache, shared);
      outcomes[i] = outcome;
      if ('result' in outcome && outcome.cached) cached++;
      else if ('result' in outcome) extractedNow++;
      // Once the runners' aliases are in, a file read is resolved at once: with a worker sharing the reading, the
      // worker reads more of the others meanwhile, instead of waiting while this thread resolves them all at the end.
      if ('result' in outcome && aliasesIn.arrived && !reaching) {
        resolveExtracted(resolution(aliasesIn.aliases), codeFiles[i]!.path, indexes[i]!, outcome.result, outcome.key);
        outcomes[i] = reusedOutcome(outcome.result.error ?? '');
        resolvedEarly++;
      }
      // Now and then the event loop turns: the runners being asked meanwhile are child processes whose output and
      // exit are read there, and the next one starts there.
      if (performance.now() - yielded > 10) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        yielded = performance.now();
      }
    }
    worker?.close();
    progress(codeFiles.length);
  };
  // Files to reach from that are found at once (no runner to start, or its answer cached: promise callbacks only) come
  // before any file is read.
  if (reaching) for (let turn = 0; !rootsIn.arrived && turn < 100; turn++) await undefined;
  await extract((i) => keys[i] === undefined || cache?.mayHaveResolution(indexes[i]!, keys[i]) !== true, true);
  const extracted = performance.now();
  const aliases = await runnerAliases;
  const roots = await reaching;
  const waited = performance.now();
  const context = resolution(aliases);
  const { epoch } = context;
  const filesOfPackage = packageCodeFiles(layout.packages, codeFiles);
  const nxEdges = nxImplicitEdges(files, source, layout.packages, codeFiles.map((file) => file.path));
  const implicit = implicitRules(files, options.implicitDependencies ?? {});

  /** A worker thread reading some of the files a walk comes to (cold runs). */
  let walkShare: WalkShare | undefined;
  /** A code file's outcome and edges, with no cached resolution: its imports (read now unless read before) resolved. */
  const settle = (i: number, follow: (parts: GraphParts, edges: number, edgesTo: number, packages: number, packagesTo: number) => void) => {
    const index = indexes[i]!;
    let outcome = outcomes[i];
    if (outcome === undefined) {
      const shared = walkShare?.take(i);
      if (shared) extractedBeside++;
      outcome = extractFile(source, codeFiles[i]!, cache, shared);
      if ('result' in outcome && outcome.cached) cached++;
      else if ('result' in outcome) extractedNow++;
    }
    if (!('result' in outcome)) {
      outcomes[i] = outcome;
      return;
    }
    const edges = extra.edges.length;
    const packages = extra.packages.length;
    resolveExtracted(context, codeFiles[i]!.path, index, outcome.result, outcome.key);
    outcomes[i] = reusedOutcome(outcome.result.error ?? '');
    follow(extra, edges, extra.edges.length, packages, extra.packages.length);
  };
  /**
   * Settles the code files that `from` reach and no other, one after the other from them: through the edges each one
   * resolves to, symbolic links, nx's and the config's implicit dependencies, and every code file of a package imported
   * as a whole. A flag per code file: 1 where it was reached.
   */
  const walk = (from: readonly string[]): Uint8Array => {
    const reachedFiles = new Uint8Array(codeFiles.length);
    const codeIndex = new Int32Array(knownFiles.length).fill(-1);
    for (let i = 0; i < codeFiles.length; i++) codeIndex[indexes[i]!] = i;
    // Where a node leads besides its own imports.
    const beyond = new Map<number, number[]>();
    const lead = (node: number, to: number) => {
      const list = beyond.get(node);
      if (list) list.push(to);
      else beyond.set(node, [to]);
    };
    for (const [link, target] of links) lead(ids.idOf(link), ids.idOf(target));
    for (const edge of nxEdges) lead(ids.idOf(edge.from), ids.idOf(edge.to));
    for (const rule of implicit) for (const dependent of rule.dependents) for (const target of rule.targets) lead(ids.idOf(dependent), ids.idOf(target));
    const seenFiles = new Uint8Array(knownFiles.length);
    const seenOthers = new Set<number>();
    // First in, first out: this thread takes from the front, the worker (if any) is offered the files further on.
    const queue: number[] = [];
    let head = 0;
    const visit = (node: number) => {
      if (node < seenFiles.length ? seenFiles[node] === 1 : seenOthers.has(node)) return;
      if (node < seenFiles.length) seenFiles[node] = 1;
      else seenOthers.add(node);
      queue.push(node);
    };
    const wholes = new Set<string>();
    // The walk adds to `extra` only: the cached edges stay where they are.
    const cachedTargets = lists.edges.to;
    const follow = (parts: GraphParts, edges: number, edgesTo: number, packages: number, packagesTo: number) => {
      const targets = parts.edges.to;
      for (let e = edges; e < edgesTo; e++) visit(targets[e]!);
      for (let p = packages; p < packagesTo; p++) {
        const { dir } = parts.packages[p]!;
        if (wholes.has(dir)) continue;
        wholes.add(dir);
        visit(ids.idOf(packageNode(dir)));
        for (const file of filesOfPackage(dir)) visit(ids.idOf(file));
      }
    };
    // Many files to read (a cold run): a worker reads some, as the whole reading shares them (extract-files.ts).
    const unread = firstReading.reduce((count, i) => count + (outcomes[i] === undefined ? 1 : 0), 0);
    walkShare = unread >= Math.max(options.secondThreadFrom ?? defaultSecondThreadFrom, 1000) ? shareWalk(root) : undefined;
    /**
     * Where the next chunk offered to the worker starts: eight chunks ahead of this thread (the worker holds four at a
     * time), so that its answers are in when this thread gets there. One chunk ahead, this thread caught up with
     * chunks still being read and read them itself: 10k files cold, 5,900-6,500 of 9,400 files read beside against
     * 7,300-7,500, and 1.81 s against 1.77 s for the build without the walk.
     */
    let offerAt = 0;
    const offered = new Uint8Array(codeFiles.length);
    const offer = (share: WalkShare) => {
      offerAt = Math.max(offerAt, head + 8 * chunkSize);
      if (offerAt + chunkSize > queue.length) return;
      const chosen: number[] = [];
      const paths: string[] = [];
      for (const node of queue.slice(offerAt, (offerAt += chunkSize))) {
        const i = node < codeIndex.length ? codeIndex[node]! : -1;
        const file = i === -1 ? undefined : codeFiles[i]!.path;
        // Sorting a level moves files offered before and files not yet offered past each other: each is offered once.
        if (file === undefined || offered[i] === 1) continue;
        offered[i] = 1;
        if (outcomes[i] === undefined && (keys[i] === undefined ? !cache : !cache?.hasExtraction(keys[i]!)) && source.onDisk(file)) {
          chosen.push(i);
          paths.push(file);
        }
      }
      share.offer(chosen, paths);
    };
    // A known file's id is its place in the sorted list: found for all in one walk of it (the tests come sorted; a
    // binary search per test took 23 ms at 100,000 files).
    let at = 0;
    for (const file of [...new Set(from)].sort(compare)) {
      while (at < knownFiles.length && knownFiles[at]! < file) at++;
      if (knownFiles[at] === file) visit(at);
    }
    // Level by level, each in path order (node ids are positions in the sorted file list): a directory's files come
    // together, as the resolver's memos and the file system like them.
    let levelEnd = head;
    const leads = beyond.size > 0;
    while (head < queue.length) {
      if (head === levelEnd) {
        // A typed array sorts numbers as numbers, without a comparison function.
        const next = Int32Array.from(queue.slice(head)).sort();
        for (let q = 0; q < next.length; q++) queue[head + q] = next[q]!;
        levelEnd = queue.length;
      }
      const node = queue[head++]!;
      if (leads) for (const to of beyond.get(node) ?? []) visit(to);
      const i = node < codeIndex.length ? codeIndex[node]! : -1;
      if (i === -1) continue;
      reachedFiles[i] = 1;
      const outcome = outcomes[i];
      if (outcome === undefined || !('reusedError' in outcome)) settle(i, follow);
      else {
        // Its cached resolution, taken with the others': most files of a warm run, so their files are visited here.
        const at = 4 * i;
        for (let e = cachedAt[at]!, end = cachedAt[at + 1]!; e < end; e++) {
          const target = cachedTargets[e]!;
          if (target >= seenFiles.length) visit(target);
          else if (seenFiles[target] === 0) {
            seenFiles[target] = 1;
            queue.push(target);
          }
        }
        if (cachedAt[at + 2]! < cachedAt[at + 3]!) follow(lists, 0, 0, cachedAt[at + 2]!, cachedAt[at + 3]!);
      }
      if (walkShare?.wants()) offer(walkShare);
    }
    walkShare?.close();
    walkShare = undefined;
    return reachedFiles;
  };

  /** Takes out of `lists` what the cached files no walk reached contribute: the graph holds the reached files' alone. */
  const dropUnreached = (reachedFiles: Uint8Array) => {
    const dropped = new Set<string>();
    const kept = edgeList();
    const { from, to, kinds } = lists.edges;
    let copied = 0;
    for (let i = 0; i < codeFiles.length; i++) {
      const outcome = outcomes[i];
      // Unreached with a resolution: one taken from the cache (a walk resolves only what it reaches).
      if (reachedFiles[i] === 1 || outcome === undefined || !('reusedError' in outcome)) continue;
      const at = 4 * i;
      dropped.add(codeFiles[i]!.path);
      for (let e = copied; e < cachedAt[at]!; e++) kept.add(from[e]!, to[e]!, kinds[e]!);
      copied = cachedAt[at + 1]!;
    }
    if (dropped.size === 0) return;
    for (let e = copied; e < lists.edges.length; e++) kept.add(from[e]!, to[e]!, kinds[e]!);
    lists.edges = kept;
    lists.external = lists.external.filter((item) => !dropped.has(item.from));
    lists.unresolved = lists.unresolved.filter((item) => !dropped.has(item.from));
    lists.packages = lists.packages.filter((item) => !dropped.has(item.from));
  };
  // Every file whose resolution in this epoch is cached takes it, in order (the lists stay sorted); a walk follows the
  // cached edges of the files it reaches, by where each file's are in `lists` (edges from, to; packages from, to).
  const cachedAt = new Int32Array(roots === undefined ? 0 : 4 * codeFiles.length);
  if (epoch !== undefined) {
    for (let i = 0; i < codeFiles.length; i++) {
      // A file without a known content (edited, untracked) has no key to look up: it is read (the first reading
      // reads it, or the walk when it reaches it).
      if (outcomes[i] !== undefined || keys[i] === undefined) continue;
      const edges = lists.edges.length;
      const packages = lists.packages.length;
      const reusedError = cache?.lookupResolution(indexes[i]!, keys[i]!, lists);
      if (reusedError === undefined) continue;
      outcomes[i] = reusedOutcome(reusedError);
      cached++;
      if (roots !== undefined) {
        cachedAt[4 * i] = edges;
        cachedAt[4 * i + 1] = lists.edges.length;
        cachedAt[4 * i + 2] = packages;
        cachedAt[4 * i + 3] = lists.packages.length;
      }
    }
  }
  const reached = roots === undefined ? undefined : walk(roots);
  if (reached) dropUnreached(reached);
  else await extract((i) => outcomes[i] === undefined, false);
  // Each file's imports are let go once it is resolved (the cache has them encoded already): kept to the end of the
  // build, they were every file's imports alive at once (tens of MB at 100,000 files).
  const extractions: ({ file: string; index: number; result: ExtractResult; key?: string } | undefined)[] = [];
  codeFiles.forEach(({ path: file }, i) => {
    // Without `reach` every file has its outcome; with it, only those reached count (others may have been read before).
    if (reached?.[i] === 0) return;
    const outcome = outcomes[i]!;
    if ('reusedError' in outcome) {
      if (outcome.reusedError) problems.push({ file, kind: 'unparsed', message: outcome.reusedError });
    } else if ('readError' in outcome) {
      problems.push({ file, kind: 'unreadable', message: `cannot read: ${outcome.readError}` });
    } else {
      if (outcome.result.error) problems.push({ file, kind: 'unparsed', message: outcome.result.error });
      extractions.push({ file, index: indexes[i]!, result: outcome.result, key: outcome.key });
    }
  });
  outcomes.length = 0;
  const resolving = performance.now();

  const total = resolvedEarly + extractions.length;
  let done = resolvedEarly;
  for (let n = 0; n < extractions.length; n++) {
    const { file, index, result, key } = extractions[n]!;
    extractions[n] = undefined;
    resolveExtracted(context, file, index, result, key);
    if (++done % 500 === 0) options.onProgress?.({ stage: 'resolve', done, total });
  }
  const wholePackages = new Set<string>();
  for (const { from, specifier, dir, kind } of [...lists.packages, ...extra.packages]) {
    extra.unresolved.push({ from, specifier, package: dir });
    extra.edges.add(ids.idOf(from), ids.idOf(packageNode(dir)), edgeKindCodes[kind]);
    wholePackages.add(dir);
  }
  // A symbolic link stands for the file it leads to: whoever imports the link depends on that file.
  for (const [link, target] of links) extra.edges.add(ids.idOf(link), ids.idOf(target), edgeKindCodes.static);
  addPackageNodes(extra.edges, ids, wholePackages, filesOfPackage);
  addNxImplicitEdges(extra.edges, ids, nxEdges);
  problems.push(...unreadableTypes([lists.edges, extra.edges], ids));
  // A config the resolver loaded beyond those the epoch covers means the epoch is incomplete: keep no resolutions.
  cache?.save({ resolutions: epoch !== undefined && tsconfigs.loaded().length === epochConfigs });

  addImplicitEdges([lists.edges, extra.edges], ids, implicit);
  const edges = sortedTable(ids, [lists.edges, extra.edges]);

  for (const config of tsconfigs.loaded()) {
    for (const message of config.problems) problems.push({ file: path.relative(root, config.file).split(path.sep).join('/'), kind: 'config', message });
  }

  const externalList = mergeSorted(lists.external, extra.external, (a, b) => compare(a.from, b.from) || compare(a.package, b.package));
  const unresolvedList = mergeSorted(lists.unresolved, extra.unresolved, (a, b) => compare(a.from, b.from) || compare(a.specifier, b.specifier));
  const packages = workspaceDependencies(layout.packages).sort((a, b) => compare(a.dir, b.dir));
  return withEdgeTable<BuiltGraph>({
    root,
    files,
    edges: undefined,
    external: externalList,
    unresolved: unresolvedList,
    problems,
    packages,
    stats: {
      files: files.length,
      edges: edges.length,
      packages: packages.length,
      unresolved: unresolvedList.length,
      extracted: extractedNow,
      extractedBeside,
      cached,
      resolved,
      ...(cache?.ignored === undefined ? {} : { cacheIgnored: cache.ignored }),
      stages: {
        scan: Math.round(scanned - started),
        // The files read after the wait (those whose cached resolution another epoch made) count as extraction.
        extract: Math.round(extracted - scanned + (resolving - waited)),
        aliases: Math.round(waited - extracted),
        resolve: Math.round(performance.now() - resolving),
      },
      ms: Math.round(performance.now() - started),
    },
  }, edges);
}
