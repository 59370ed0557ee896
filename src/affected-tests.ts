// The whole selection pipeline in one call: config -> changes -> graph -> tests -> selection.
import { statSync } from 'node:fs';
import { resolveConfig, type Config } from './config/load-config.js';
import { ImpactedError } from './errors.js';
import { detectChanges } from './git/detect-changes.js';
import path from 'node:path';
import { buildGraph } from './graph/build-graph.js';
import { defaultCacheDir } from './graph/cache-dir.js';
import { readStoredGraph, type StoredGraph } from './graph/graph-cache.js';
import { openReadingCache } from './graph/reading-cache.js';
import { linksOf, scanCommit, scanFiles, type ScanResult } from './graph/scan-files.js';
import { indexArgs } from './git/git-ahead.js';
import { gitBytes, splitNul } from './git/git-process.js';
import { listUntracked } from './git/untracked-ahead.js';
import { findWorkspacesKept } from './graph/workspaces-kept.js';
import { pipelineClock, probeClock, type PipelineTimings } from './pipeline-timings.js';
import { aliasScopes } from './runners/read-projects.js';
import { testSetWarnings } from './runners/sanity-checks.js';
import { withSetupEdges } from './runners/setup-edges.js';
import { probedRunnerProjects } from './select/discover-tests.js';
import { findTests, type TestDiscovery } from './select/find-tests.js';
import { loadRecordedDependencies } from './record/recorded-dependencies.js';
import { filesNothingImports, selectTests } from './select/select-tests.js';
import type { ChangeSet, ImportGraph, ProgressListener, Selection } from './types.js';

export interface AffectedTestsOptions {
  /** The repository root (absolute, or relative to the process's working directory). */
  cwd: string;
  /** The ref to compare against (default: IMPACTED_BASE, CI variables, then the default branch). */
  base?: string;
  /** A ref to compare instead of the work tree. */
  head?: string;
  /** An explicit config file; default impacted.config.json or package.json "impacted". */
  configFile?: string;
  /** Where CI variables are read from; default process.env. */
  env?: Record<string, string | undefined>;
  /** Graph cache directory (absolute, or relative to cwd); default <cwd>/node_modules/.cache/impacted. */
  cacheDir?: string;
  /** `false`: build the graph without reading or writing the cache. */
  cache?: boolean;
  /**
   * `false` (`--no-probe`): read runner configs statically instead of asking the installed runners, which loads the
   * configs (repository code) as running the tests does. Default: the config's `probe` (true).
   */
  probe?: boolean;
  /**
   * `true`: the graph holds every code file's imports (for commands that show the graph). Default: only what the tests,
   * their setup files and the runner configs reach is read and resolved, which is all a selection depends on.
   */
  wholeGraph?: boolean;
  onProgress?: ProgressListener;
}

/** Everything the pipeline produced, for commands that explain a selection. */
export interface Analysis {
  config: Config;
  changes: ChangeSet;
  graph: ImportGraph;
  discovery: TestDiscovery;
  selection: Selection;
  /** Where the time went, stage by stage (their sum is `selection.stats.ms`). */
  timings: PipelineTimings;
}

/** A `cwd` that is not a directory fails here with what to pass, not deep in a stage with a bare ENOENT. */
function assertDirectory(cwd: string): void {
  let isDirectory = false;
  try {
    isDirectory = statSync(cwd).isDirectory();
  } catch {
    // reported below
  }
  if (!isDirectory) throw new ImpactedError('CWD', `cwd ${cwd} is not a directory: pass the root of a repository as cwd.`);
}

/** Runs the whole pipeline and returns every stage's result, for tools that explain or extend a selection. */
export async function analyze(given: AffectedTestsOptions): Promise<Analysis> {
  const clock = pipelineClock();
  assertDirectory(given.cwd);
  // Runner probes run in the configs' directories: a relative root would be read from there.
  const options = { ...given, cwd: path.resolve(given.cwd) };
  const config = await resolveConfig(options.cwd, { configFile: options.configFile });
  clock.lap('config');
  const cacheDir = path.resolve(options.cwd, options.cacheDir ?? defaultCacheDir(options.cwd));
  const detectOptions = { cwd: options.cwd, base: options.base, head: options.head, env: options.env };
  let scanning: Promise<ScanResult>;
  let detecting: Promise<ChangeSet>;
  if (options.head) {
    // The graph is the head commit's tree, read from git objects, whatever the work tree holds.
    detecting = detectChanges(detectOptions);
    scanning = detecting.then((changes) => scanCommit(options.cwd, changes.head));
  } else {
    // One listing of the untracked files serves the graph's scan and the diff, which runs meanwhile; the diff then
    // tells the scan which index entries the work tree may differ from, so that git does not stat every file twice.
    // The index listing serves the scan and the check of the untracked files kept in the cache directory.
    const index = gitBytes(options.cwd, indexArgs).then(splitNul);
    index.catch(() => undefined);
    const untracked = listUntracked(options.cwd, options.cache === false ? undefined : { cacheDir, index, env: options.env ?? process.env });
    let tellDrifted!: (files: ReadonlySet<string> | undefined) => void;
    const drifted = new Promise<ReadonlySet<string> | undefined>((resolve) => {
      tellDrifted = resolve;
    });
    detecting = detectChanges({
      ...detectOptions,
      // A listing that failed (no git) lists nothing here: change detection then lists for itself.
      untracked: untracked.catch(() => undefined),
      onWorktreeDiff: ({ changed, staged }) => tellDrifted(new Set([...staged, ...changed.flatMap((change) => (change.from ? [change.path, change.from] : [change.path]))])),
    });
    // No work-tree diff (mode all, an error): the scan asks git itself.
    detecting.then(
      () => tellDrifted(undefined),
      () => tellDrifted(undefined),
    );
    scanning = scanFiles(options.cwd, { untracked, drifted, index });
  }
  // Awaited below; if the graph fails first, its error is the one reported, not an unhandled rejection of this one.
  detecting.catch(() => undefined);
  // What static reading found in the runner and bundler configs (and which project owns which test), kept between
  // runs while what it read is the same. Opened while git lists the files, when this thread has nothing else to do.
  // The graph's cache file too (tens of MB at 100,000 files, read and checksummed): the graph indexes it once the files
  // are listed.
  const readings = options.cache === false ? undefined : openReadingCache(cacheDir);
  let storedGraph: StoredGraph | undefined;
  const readStored = () => (storedGraph ??= readStoredGraph(cacheDir));
  if (readings) {
    setImmediate(() => {
      readings.prepare();
      readStored();
    });
  }
  const recorded = config.recorded;
  const recording = recorded
    ? Promise.all([detecting, scanning]).then(([found, scan]) => {
        // The index's blob hashes tell which recorded tests were edited since, without reading them.
        let known: Map<string, string> | undefined;
        const hashOf = (file: string) => (known ??= new Map(scan.files.flatMap((f) => (f.hash ? [[f.path, f.hash] as const] : [])))).get(file);
        return loadRecordedDependencies(options.cwd, recorded, found, hashOf);
      })
    : undefined;
  recording?.catch(() => undefined);
  // The runners' aliases take part in resolution, not in reading the files: the runners are asked (child processes)
  // while the graph extracts imports, and the graph waits for their projects only before it resolves. A compared
  // commit (`--head`) has its own configs, which the work tree's runners never loaded: they are read statically.
  const scanned = await scanning;
  const scannedPaths = scanned.files.map((file) => file.path);
  clock.lap('scan');
  // With --head the manifests are the commit's, like the files. Found once for the runners and the graph, unless a
  // workspace folder is a symbolic link: the graph then has the package where the link leads.
  const links = linksOf(scanned.files);
  const workspaces = findWorkspacesKept(options.cwd, scanned.files, scanned.source, links, readings);
  const packageDirs = (links.size === 0 ? workspaces : findWorkspacesKept(options.cwd, scanned.files, scanned.source, new Map(), readings)).packages.map((pkg) => pkg.dir);
  const probeTime = probeClock();
  const runnerProjects = probedRunnerProjects({
    root: options.cwd,
    scanned: scanned.files,
    files: scannedPaths,
    packageDirs,
    source: scanned.source,
    config,
    probe: options.head === undefined ? options.probe : false,
    cacheDir: options.cacheDir,
    cache: options.cache,
    readings,
    onAnswered: probeTime.answered,
  })
    .then((found) => ({ ...found, aliases: aliasScopes(found.projects.projects) }))
    .finally(probeTime.ready);
  // Awaited below; if the graph fails first, its error is the one reported.
  runnerProjects.catch(() => undefined);
  // Deleted files and the old side of renames are only needed after the scan, and stay resolvable so that their
  // former importers are found.
  const virtualFiles = detecting.then((found) => found.changed.flatMap((c) => (c.status === 'deleted' ? [c.path] : c.from ? [c.from] : [])));
  // The tests are found as soon as the runners have answered, while the graph reads the files: what the tests, their
  // setup files and the runner configs reach is all the graph then reads.
  const discovering = runnerProjects.then(({ probed, projects }) =>
    findTests(options.cwd, scannedPaths, { tests: config.tests, unreadTestScripts: config.unreadTestScripts, source: scanned.source, probed, projects, readings }),
  );
  discovering.catch(() => undefined);
  const graphOptions = {
    cwd: options.cwd,
    scan: scanning,
    aliases: runnerProjects.then(({ aliases }) => aliases),
    virtualFiles,
    implicitDependencies: config.implicitDependencies,
    cacheDir: options.cacheDir,
    cache: options.cache,
    readings,
    workspaces,
    onProgress: options.onProgress,
  };
  // A run of every test (the default branch, no merge base) depends on no import: nothing is read, once that is known.
  const reach = options.wholeGraph ? undefined : detecting.then((found) => (found.mode === 'all' ? [] : discovering.then(reachedFrom)));
  let built = await buildGraph({ ...graphOptions, storedGraph: readStored, ...(reach ? { reach } : {}) });
  clock.lap('graph');
  clock.waited(probeTime.span(), built.stats.stages.aliases);
  const changes = await detecting;
  clock.lap('diff');
  const discovery = await discovering;
  readings?.save();
  clock.lap('tests');
  // Once the tests are known, each depends on the setup files of the projects that run it.
  let graph = withSetupEdges(built, discovery);
  // A changed file that is not code and that nothing the tests reach imports may yet be imported by a file they do not
  // reach (and then select nothing): only every file's imports tell. The cache written a moment ago holds the rest.
  if (!options.wholeGraph && filesNothingImports({ graph, changes, config, discovery }).length > 0) {
    built = await buildGraph(graphOptions);
    graph = withSetupEdges(built, discovery);
  }
  const selected = selectTests({ graph, changes, config, discovery, recorded: await recording });
  const warnings = testSetWarnings(graph, discovery);
  clock.lap('select');
  // The whole pipeline's time, not only the graph's and the rules'.
  const stats = { ...selected.stats, ms: clock.total() };
  const selection = warnings.length > 0 ? { ...selected, stats, warnings } : { ...selected, stats };
  return { config, changes, graph, discovery, selection, timings: clock.timings };
}

/**
 * After a run of every test, which reads no import: builds and caches the graph of what the tests reach, as a selection
 * would, so that a later selection on another branch with this cache (a pull request's CI job restoring the default
 * branch's) asks no runner and reads only what changed. `impacted run` builds it once the tests have run. Nothing to do
 * for a selection (its graph is cached already), without a cache, or for a compared commit (`--head`).
 */
export async function cacheTestGraph(options: AffectedTestsOptions, analysis: Analysis): Promise<void> {
  if (analysis.changes.mode !== 'all' || options.cache === false || options.head !== undefined) return;
  const { graph, discovery, config } = analysis;
  await buildGraph({
    cwd: graph.root,
    aliases: aliasScopes(discovery.projects),
    reach: Promise.resolve(reachedFrom(discovery)),
    implicitDependencies: config.implicitDependencies,
    cacheDir: options.cacheDir,
  });
}

/** The files a selection depends on what they reach of: the tests, the setup files that run before them, the runner configs. */
function reachedFrom(discovery: TestDiscovery): string[] {
  const setupFiles = [...new Set([...discovery.testProjects.values()].flat())].flatMap((project) => project.setupFiles);
  const configs = discovery.projects.map((project) => project.configFile).filter((file) => file !== '');
  return [...discovery.tests, ...setupFiles, ...discovery.configFiles, ...configs];
}

/** The tests affected by the changes on this branch: the `impacted list --json` object. */
export async function affectedTests(options: AffectedTestsOptions): Promise<Selection> {
  return (await analyze(options)).selection;
}
