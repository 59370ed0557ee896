// Reads every runner project of a repository (probe where an adapter can, else static reading) and which files are their tests.
import path from 'node:path';
import type { RunnerName } from '../config/schema.js';
import { type RepoFiles, worktreeFiles } from '../files/repo-files.js';
import { pathsUnder } from '../files/sorted-paths.js';
import { packageOwner } from '../graph/package-owner.js';
import { listHash, type ReadingCache } from '../graph/reading-cache.js';
import type { AliasScope } from '../graph/resolve-specifier.js';
import type { ScannedFile } from '../graph/scan-files.js';
import { adapterList, adapters } from './adapters.js';
import { runnerOfDirectory } from './detect-runner.js';
import type { ProbedEntry } from './probe/probe-projects.js';
import { comparePaths, dirOf, selfAndAncestors } from './project.js';
import { projectMatcher, projectScope } from './project-matcher.js';
import { testScriptOf } from './test-script.js';
import type { ConfigSource, RunnerManifest, RunnerProject } from './types.js';
import { isUnreadTestScript } from './unread-script.js';

/** The projects of one config file that nothing else includes: what a runner started in its directory runs. */
interface TopConfig {
  runner: RunnerName;
  configFile: string;
  dir: string;
  projects: RunnerProject[];
  /** Whether it declares projects (vitest `projects`/workspace, jest `projects`): it then owns its projects' files. */
  declaresProjects: boolean;
}

export interface UnreadScript {
  /** The package directory, `''` at the root. */
  dir: string;
  /** Its `test` script as written. */
  script: string;
}

export interface RunnerProjects {
  /** Every project, in a stable order. */
  projects: RunnerProject[];
  /** The projects each config owns, by the directory a runner starts from. */
  configs: TopConfig[];
  /** Workspace package directories whose runner has no config: its defaults apply there. */
  defaults: RunnerProject[];
  /** Package directories where no runner is found at all: impacted's default test globs apply there. */
  unknownRunner: string[];
  /**
   * Packages whose `test` script names no runner an adapter reads and runs more than `echo`/`exit` (`make test`,
   * `./test.sh`), with that script: which of their files it runs is unknown (`unreadTestScripts` says what counts).
   */
  unreadScripts: UnreadScript[];
  /** The config files read (each config and the modules it imports), for cache keys. */
  configFiles: string[];
}

/** The blob hash a scan knows for a path (its files are sorted by path: a binary search), else undefined. */
function scannedHash(scanned: readonly ScannedFile[]): (file: string) => string | undefined {
  return (file) => {
    let low = 0;
    let high = scanned.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (scanned[mid]!.path < file) low = mid + 1;
      else high = mid;
    }
    const found = scanned[low];
    return found?.path === file && found.link === undefined ? found.hash : undefined;
  };
}

/**
 * A ConfigSource over the scanned files: only regular files inside the repository are read. With the scan itself
 * (`scanned`, which `repoFiles` reads), it tells the blob hashes git vouches for.
 */
export function configSource(repositoryRoot: string, files: readonly string[], repoFiles?: RepoFiles, scanned?: readonly ScannedFile[]): ConfigSource {
  const root = path.resolve(repositoryRoot);
  const reader = repoFiles ?? worktreeFiles(root);
  const cache = new Map<string, string | undefined>();
  let fileSet: Set<string> | undefined;
  const hashOf = scanned ? scannedHash(scanned) : undefined;
  return {
    root,
    ...(hashOf ? { blobHash: (file: string) => hashOf(path.posix.normalize(file)) } : {}),
    // Built when a config reader first asks: most runs never do.
    get files() {
      return (fileSet ??= new Set(files));
    },
    read(file) {
      if (cache.has(file)) return cache.get(file);
      let text: string | undefined;
      const normalized = path.posix.normalize(file);
      if (!normalized.startsWith('../') && !path.posix.isAbsolute(normalized)) {
        try {
          text = reader.read(normalized).toString('utf8');
        } catch {
          text = undefined;
        }
      }
      cache.set(file, text);
      return text;
    },
  };
}

/** The runner configs the probe answered for (by the repository file they stand for), their projects, and the failures. */
export function probeAnswers(probed: readonly ProbedEntry[]): {
  answered: Map<string, RunnerProject[]>;
  projects: RunnerProject[];
  failures: { configFile: string; reason: string; installed: boolean }[];
  counts: { asked: number; cached: number };
} {
  const answered = new Map<string, RunnerProject[]>();
  const failures: { configFile: string; reason: string; installed: boolean }[] = [];
  for (const entry of probed) {
    const file = entry.owner ?? entry.configFile;
    if (entry.outcome.ok) answered.set(file, entry.outcome.projects);
    else if (!entry.optional) failures.push({ configFile: file, reason: entry.outcome.reason, installed: entry.started || entry.cached });
  }
  const counts = { asked: probed.filter((entry) => !entry.cached && entry.started).length, cached: probed.filter((entry) => entry.cached).length };
  return { answered, projects: [...answered.values()].flat(), failures, counts };
}

/** Each directory's parsed package.json, parsed once per run (the root's is asked for every directory). */
function manifestReader(source: ConfigSource): (dir: string) => RunnerManifest | undefined {
  const parsed = new Map<string, RunnerManifest | undefined>();
  return (dir) => {
    if (parsed.has(dir)) return parsed.get(dir);
    let manifest: RunnerManifest | undefined;
    try {
      const value = JSON.parse(source.read(dir === '' ? 'package.json' : `${dir}/package.json`) ?? '') as unknown;
      manifest = value && typeof value === 'object' ? (value as RunnerManifest) : undefined;
    } catch {
      manifest = undefined;
    }
    parsed.set(dir, manifest);
    return manifest;
  };
}

/** The directory of a repository-relative file, `''` at the root (paths are normalised: no path.posix needed). */
function dirAt(file: string, at: number): string {
  return at < 0 ? '' : file.slice(0, at);
}

function inNodeModules(file: string): boolean {
  return file.startsWith('node_modules/') || file.includes('/node_modules/') || file === 'node_modules' || file.endsWith('/node_modules');
}

/** The config files of each runner in the repository, shallowest first; vite configs only where vitest is installed. */
function configFilesOf(files: readonly string[], packageDirs: string[], manifestOf: (dir: string) => RunnerManifest | undefined): { runner: RunnerName; file: string }[] {
  const ownerOf = packageOwner(packageDirs);
  const found: { runner: RunnerName; file: string }[] = [];
  const byDir = new Map<string, string[]>();
  for (const file of files) {
    const at = file.lastIndexOf('/');
    const name = file.slice(at + 1);
    if (!(name === 'package.json' || adapterList.some((adapter) => adapter.ownsConfig(name))) || inNodeModules(file)) continue;
    const dir = dirAt(file, at);
    const names = byDir.get(dir);
    if (names) names.push(name);
    else byDir.set(dir, [name]);
  }
  for (const [dir, names] of byDir) {
    const manifest = manifestOf(dir);
    const withDeps = { ...manifest, devDependencies: { ...manifestOf(ownerOf(dir))?.devDependencies, ...manifestOf('')?.devDependencies, ...manifest?.devDependencies } };
    for (const adapter of adapterList) {
      const config = adapter.configIn(names, withDeps);
      if (!config) continue;
      // A workspace file takes the place of the config beside it (vitest 1-3).
      const workspace = names.find((name) => /^vitest\.(workspace|projects)\./.test(name));
      const chosen = adapter.name === 'vitest' && workspace ? workspace : config;
      found.push({ runner: adapter.name, file: dir === '' ? chosen : `${dir}/${chosen}` });
    }
  }
  return found.sort((a, b) => a.file.split('/').length - b.file.split('/').length || comparePaths(a.file, b.file));
}

/**
 * The names of the files directly in each of `dirs`, in path order. In sorted files (a scan's are; others are sorted
 * here) a directory's files are the run that starts with its prefix, found by a binary search: no other path is cut up.
 */
function namesIn(listed: readonly string[], dirs: readonly string[]): Map<string, string[]> {
  const files = listed.every((file, i) => i === 0 || listed[i - 1]! < file) ? listed : listed.toSorted(comparePaths);
  const names = new Map<string, string[]>();
  for (const dir of dirs) {
    const prefix = dir === '' ? '' : `${dir}/`;
    const own: string[] = [];
    for (const file of pathsUnder(files, prefix)) if (file.indexOf('/', prefix.length) === -1) own.push(file.slice(prefix.length));
    names.set(dir, own);
  }
  return names;
}

export interface ReadProjectsOptions {
  root: string;
  files: readonly string[];
  /** Workspace package directories, the root (`''`) included. */
  packageDirs: readonly string[];
  /** Where file contents come from (a commit's tree for `--head`); default the work tree. */
  source?: RepoFiles;
  /** What the installed runners answered (the probe): those configs' projects replace static reading. */
  probed?: readonly ProbedEntry[];
  /** Static readings kept from earlier runs (and kept for later ones). */
  readings?: ReadingCache;
  /** The scan `files` and `source` come from, when known: the blob hashes it knows check kept readings unread. */
  scanned?: readonly ScannedFile[];
}

/** A config's projects read from its syntax tree (`readConfig`), from `readings` while what it read is the same. */
export function readConfigStatically(runner: RunnerName, source: ConfigSource, file: string, readings?: ReadingCache): RunnerProject[] | undefined {
  const read = adapters[runner].readConfig;
  if (!read) return undefined;
  return readings ? readings.throughSource(`runner ${runner}`, file, source, (recording) => read(recording, file)) : read(source, file);
}

/** `RunnerProjects` as the readings keep it: each project once, named by its index wherever it appears. */
interface StoredProjects {
  all: RunnerProject[];
  projects: number[];
  configs: (Omit<TopConfig, 'projects'> & { projects: number[] })[];
  defaults: number[];
  unknownRunner: string[];
  unreadScripts: UnreadScript[];
  configFiles: string[];
}

function storedProjects(read: RunnerProjects): StoredProjects {
  const index = new Map<RunnerProject, number>();
  const at = (project: RunnerProject) => {
    let found = index.get(project);
    if (found === undefined) index.set(project, (found = index.size));
    return found;
  };
  const stored = {
    projects: read.projects.map(at),
    configs: read.configs.map((config) => ({ ...config, projects: config.projects.map(at) })),
    defaults: read.defaults.map(at),
    unknownRunner: read.unknownRunner,
    unreadScripts: read.unreadScripts,
    configFiles: read.configFiles,
  };
  return { all: [...index.keys()], ...stored };
}

function complete(list: (RunnerProject | undefined)[]): list is RunnerProject[] {
  return list.every((project) => project !== undefined);
}

/** The projects back from their stored form, one object per project as reading made them; undefined for an index that names none. */
function fromStored(stored: StoredProjects): RunnerProjects | undefined {
  const { all } = stored;
  const projectsAt = (indexes: readonly number[]) => indexes.map((at) => all[at]);
  const projects = projectsAt(stored.projects);
  const defaults = projectsAt(stored.defaults);
  const configs: TopConfig[] = [];
  for (const config of stored.configs) {
    const own = projectsAt(config.projects);
    if (!complete(own)) return undefined;
    configs.push({ ...config, projects: own });
  }
  if (!complete(projects) || !complete(defaults) || !Array.isArray(stored.unreadScripts)) return undefined;
  return { projects, configs, defaults, unknownRunner: stored.unknownRunner, unreadScripts: stored.unreadScripts, configFiles: stored.configFiles };
}

/**
 * Reads every runner project of the repository statically (the probe, where it runs, replaces `readConfig`). Kept in
 * `readings` while the file list, the package directories, the probe's answers and every file read are the same: a
 * warm run where files were edited, none added or removed, neither lists the configs nor reads their manifests' runners.
 */
export function readRunnerProjects(options: ReadProjectsOptions): RunnerProjects {
  const source = configSource(options.root, options.files, options.source, options.scanned);
  if (!options.readings) return readProjects(options, source);
  const inputs = JSON.stringify({ packageDirs: options.packageDirs, answered: [...probeAnswers(options.probed ?? []).answered] });
  const stored = options.readings.throughList('runner projects', inputs, options.files, source, (recording) => storedProjects(readProjects(options, recording)));
  return fromStored(stored) ?? readProjects({ ...options, readings: undefined }, source);
}

function readProjects(options: ReadProjectsOptions, source: ConfigSource): RunnerProjects {
  const manifestOf = manifestReader(source);
  const { answered } = probeAnswers(options.probed ?? []);
  const packageDirs = [...new Set(['', ...options.packageDirs])];
  const consumed = new Set<string>();
  const configs: TopConfig[] = [];
  for (const { runner, file } of configFilesOf(options.files, packageDirs, manifestOf)) {
    if (consumed.has(file)) continue;
    const projects = answered.get(file) ?? readConfigStatically(runner, source, file, options.readings);
    if (!projects) continue;
    for (const project of projects) if (project.configFile !== file && project.configFile !== '') consumed.add(project.configFile);
    const declaresProjects = projects.some((project) => project.configFile !== file) || projects.length > 1 || /workspace|projects/.test(path.posix.basename(file));
    configs.push({ runner, configFile: file, dir: dirOf(file), projects, declaresProjects });
  }
  // A config another config includes (a project of a root config) is not started on its own.
  const top = configs.filter((config) => !consumed.has(config.configFile));
  // Lookups by directory: is a top config at or above a directory, at or below it, of a runner at or above it.
  const topDirs = new Set(top.map((config) => config.dir));
  const aboveTopDirs = new Set(top.flatMap((config) => selfAndAncestors(config.dir)));
  const topDirsOf = new Map<RunnerName, Set<string>>();
  for (const config of top) topDirsOf.set(config.runner, (topDirsOf.get(config.runner) ?? new Set()).add(config.dir));
  const names = namesIn(options.files, packageDirs);
  const defaults: RunnerProject[] = [];
  const unknownRunner: string[] = [];
  const unreadScripts: UnreadScript[] = [];
  for (const dir of packageDirs.toSorted()) {
    const manifest = manifestOf(dir);
    const script = testScriptOf(manifest?.scripts);
    const byScript = script ? adapterList.map((adapter) => ({ adapter, at: adapter.inScript(script) })).filter((m) => m.at !== undefined).sort((a, b) => (a.at ?? 0) - (b.at ?? 0))[0]?.adapter : undefined;
    // A workspace root's dependencies name the runner its packages use; its own tests need its test script to say so.
    const isWorkspaceRoot = dir === '' && packageDirs.length > 1;
    // Whatever runner detection finds below, such a script may run files no config takes.
    if (!byScript && isUnreadTestScript(manifest?.scripts, { workspaceRoot: isWorkspaceRoot })) unreadScripts.push({ dir, script: manifest?.scripts?.test ?? '' });
    const detected = byScript?.name ?? (isWorkspaceRoot ? undefined : (runnerOfDirectory(names.get(dir) ?? [], manifest)?.name ?? (dir === '' ? undefined : runnerOfDirectory([], manifestOf(''))?.name)));
    if (!detected) {
      if (!selfAndAncestors(dir).some((above) => topDirs.has(above)) && !aboveTopDirs.has(dir)) unknownRunner.push(dir);
      continue;
    }
    // mocha finds an ancestor's .mocharc but takes its spec from the package's own script: the package is its own project.
    const ownScript = detected === 'mocha' && byScript !== undefined;
    const runnerDirs = topDirsOf.get(detected);
    if (runnerDirs && (ownScript ? runnerDirs.has(dir) : selfAndAncestors(dir).some((above) => runnerDirs.has(above)))) continue;
    defaults.push(adapters[detected].defaults(source, dir));
  }
  const projects = [...top.flatMap((config) => config.projects), ...defaults];
  const configFiles = [...new Set(configs.map((config) => config.configFile))].sort();
  return { projects, configs: top, defaults, unknownRunner, unreadScripts, configFiles };
}

/** The projects' resolution aliases, deepest directory first, for the graph's resolver. */
export function aliasScopes(projects: readonly RunnerProject[]): AliasScope[] {
  return projects
    .filter((project) => project.aliases.length > 0)
    .map((project) => ({ dir: project.dir, aliases: project.aliases }))
    .sort((a, b) => b.dir.length - a.dir.length || comparePaths(a.dir, b.dir));
}

/** Whether a project can own a file at all (the file is below its directory or one of its roots), given the directories a file is inside. */
function covers(project: RunnerProject, within: ReadonlySet<string>): boolean {
  return within.has(project.dir) || project.roots.some((dir) => within.has(dir)) || project.include.some((glob) => glob.startsWith('../'));
}

/** One runner's candidates for the files of a directory: the outer projects first, the nearest ones for what they do not take. */
interface Choice {
  outer: readonly RunnerProject[];
  nearest: readonly RunnerProject[];
}

/** What a runner's projects look like from where a file is: its configs by directory (in `configs` order) and its defaults. */
interface RunnerIndex {
  configsAt: Map<string, TopConfig[]>;
  defaultsAt: Map<string, RunnerProject[]>;
}

function pushAt<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * The projects of one runner that may run a file inside the directories `within` (the file's own path and every
 * directory above it, deepest first), as two choices: `outer`, the projects of the outermost config that declares
 * projects covering the file, and `nearest`, those of the nearest config above it, else the defaults of the file's
 * package (or those defaults when they are deeper than that config). A file the outer projects take for a test is
 * theirs; one they do not take is the nearest config's (a package config no `projects` list names, run by its own
 * package's script).
 */
function candidatesOf(index: RunnerIndex, order: ReadonlyMap<TopConfig, number>, within: readonly string[], withinSet: ReadonlySet<string>): Choice {
  const configs = within.flatMap((dir) => index.configsAt.get(dir) ?? []).sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  const outer = configs.find((config) => config.declaresProjects && config.projects.some((project) => covers(project, withinSet)))?.projects ?? [];
  // The first directory of `within` with a config (or defaults) is the nearest one.
  const nearestDir = within.find((dir) => index.configsAt.has(dir));
  const nearest = nearestDir === undefined ? undefined : configs.find((config) => config.dir === nearestDir);
  const defaultsDir = within.find((dir) => index.defaultsAt.has(dir));
  const ownDefaults = defaultsDir === undefined ? [] : (index.defaultsAt.get(defaultsDir) ?? []).slice(0, 1);
  // A package's own defaults (mocha with its script's spec) below the nearest config run its files.
  const deeper = ownDefaults[0] !== undefined && (nearest === undefined || ownDefaults[0].dir.length > nearest.dir.length);
  return { outer, nearest: deeper ? ownDefaults : (nearest?.projects ?? ownDefaults) };
}

/**
 * The projects that run each file, as each runner would: per runner, the outermost config that declares projects one
 * of which takes the file for a test, else the nearest config above it, else the defaults of the file's package. Which projects may
 * run a file depends only on the directories it is in, so that is worked out once per directory (and only projects
 * whose scope holds the directory are kept); a file whose own path names a project directory or root (never in
 * practice: those are directories) is worked out on its own.
 */
export function testsOfProjects(root: string, files: readonly string[], read: RunnerProjects): Map<string, RunnerProject[]> {
  const matchers = new Map<RunnerProject, (file: string) => boolean>();
  const matches = (project: RunnerProject, file: string) => {
    let matcher = matchers.get(project);
    if (!matcher) matchers.set(project, (matcher = projectMatcher(root, project)));
    return matcher(file);
  };
  const indexes = new Map<RunnerName, RunnerIndex>();
  const indexOf = (runner: RunnerName): RunnerIndex => {
    let index = indexes.get(runner);
    if (!index) indexes.set(runner, (index = { configsAt: new Map(), defaultsAt: new Map() }));
    return index;
  };
  for (const config of read.configs) pushAt(indexOf(config.runner).configsAt, config.dir, config);
  for (const project of read.defaults) pushAt(indexOf(project.runner).defaultsAt, project.dir, project);
  const order = new Map(read.configs.map((config, at) => [config, at]));
  // Every directory where what may run a file changes: configs, project directories and roots, defaults.
  const named = new Set([...read.configs.flatMap((config) => [config.dir, ...config.projects.flatMap((project) => [project.dir, ...project.roots])]), ...read.defaults.flatMap((project) => [project.dir, ...project.roots])]);
  const candidates = (dir: string, file?: string): Choice[] => {
    const dirs = selfAndAncestors(dir);
    const dirSet = new Set(dirs);
    const within = file === undefined ? dirs : [file, ...dirs];
    const withinSet = file === undefined ? dirSet : new Set(within);
    const inScope = (project: RunnerProject) => projectScope(project).some((scope) => dirSet.has(scope));
    return [...indexes.values()].map((index) => {
      const { outer, nearest } = candidatesOf(index, order, within, withinSet);
      return { outer: outer.filter(inScope), nearest: nearest.filter(inScope) };
    });
  };
  // A directory that is none of those has its parent's projects.
  const byDir = new Map<string, Choice[]>();
  const ofDir = (dir: string): Choice[] => {
    let projects = byDir.get(dir);
    if (!projects) byDir.set(dir, (projects = dir !== '' && !named.has(dir) ? ofDir(dirAt(dir, dir.lastIndexOf('/'))) : candidates(dir)));
    return projects;
  };
  const owners = new Map<string, RunnerProject[]>();
  // Files come sorted, so most have the directory of the one before: it is not looked up again.
  let lastDir: string | undefined;
  let lastProjects: Choice[] = [];
  for (const file of files) {
    const at = file.lastIndexOf('/');
    if (lastDir === undefined || at !== lastDir.length || (at > 0 && !file.startsWith(lastDir))) {
      lastDir = dirAt(file, at);
      lastProjects = ofDir(lastDir);
    }
    for (const { outer, nearest } of named.has(file) ? candidates(lastDir, file) : lastProjects) {
      const takes = (candidate: RunnerProject) => matches(candidate, file);
      const taken = outer.filter(takes);
      // The nearest config's projects are often the outer ones (a package config the root's `projects` names): those
      // took the file already or not; asked again, minimatch takes its slow path (medusa: 3,350 of 7,927 matches).
      for (const project of taken.length > 0 ? taken : nearest.filter((candidate) => !outer.includes(candidate) && takes(candidate))) {
        const list = owners.get(file);
        if (list) list.push(project);
        else owners.set(file, [project]);
      }
    }
  }
  return owners;
}

/**
 * `testsOfProjects`, kept in `readings` between runs: the owners follow from the file list and the projects alone, so
 * while neither changed (a warm run where files were edited, none added or removed) no file is matched again. Stored
 * by file index and project index (the file list and the projects are the key), given back as the projects of `read`.
 */
export function testsOfProjectsKept(root: string, files: readonly string[], read: RunnerProjects, readings?: ReadingCache): Map<string, RunnerProject[]> {
  if (!readings) return testsOfProjects(root, files, read);
  // Every project a file can be given (as `candidatesOf` takes them), in one order, by identity.
  const projects = [...new Set([...read.configs.flatMap((config) => config.projects), ...read.defaults])];
  const inputs = JSON.stringify({ root, configs: read.configs.map(({ projects: own, ...config }) => ({ ...config, projects: own.map((project) => projects.indexOf(project)) })), projects, files: listHash(files) });
  const stored = readings.byContent('test owners', '', inputs, () => {
    const index = new Map(projects.map((project, at) => [project, at]));
    const owners = testsOfProjects(root, files, read);
    const at = new Map(files.map((file, position) => [file, position]));
    return [...owners].map(([file, own]) => [at.get(file) ?? -1, ...own.map((project) => index.get(project) ?? -1)]);
  });
  const owners = new Map<string, RunnerProject[]>();
  for (const [file, ...own] of stored) {
    const test = files[file ?? -1];
    const found = own.map((at) => projects[at]);
    // An index that names nothing (never written so): the cache is not trusted, every file is matched.
    if (test === undefined || found.some((project) => project === undefined)) return testsOfProjects(root, files, read);
    owners.set(test, found as RunnerProject[]);
  }
  return owners;
}
