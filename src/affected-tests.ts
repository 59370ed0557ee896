// The whole selection pipeline in one call: config -> changes -> graph -> tests -> selection.
import { resolveConfig, type Config } from './config/load-config.js';
import { detectChanges } from './git/detect-changes.js';
import { buildGraph } from './graph/build-graph.js';
import { findTests, type TestDiscovery } from './select/find-tests.js';
import { selectTests } from './select/select-tests.js';
import type { ChangeSet, ImportGraph, ProgressListener, Selection } from './types.js';

export interface AffectedTestsOptions {
  /** The repository root (absolute). */
  cwd: string;
  /** The ref to compare against (default: IMPACTED_BASE, CI variables, then the default branch). */
  base?: string;
  /** A ref to compare instead of the work tree. */
  head?: string;
  /** An explicit config file; default impacted.config.json or package.json "impacted". */
  configFile?: string;
  /** Where CI variables are read from; default process.env. */
  env?: Record<string, string | undefined>;
  onProgress?: ProgressListener;
}

/** Everything the pipeline produced, for commands that explain a selection. */
export interface Analysis {
  config: Config;
  changes: ChangeSet;
  graph: ImportGraph;
  discovery: TestDiscovery;
  selection: Selection;
}

/** Runs the whole pipeline and returns every stage's result, for tools that explain or extend a selection. */
export async function analyze(options: AffectedTestsOptions): Promise<Analysis> {
  const config = await resolveConfig(options.cwd, { configFile: options.configFile });
  const changes = await detectChanges({ cwd: options.cwd, base: options.base, head: options.head, env: options.env });
  // Deleted files and the old side of renames stay resolvable, so their former importers are found.
  const virtualFiles = changes.changed.flatMap((c) => (c.status === 'deleted' ? [c.path] : c.from ? [c.from] : []));
  const graph = await buildGraph({
    cwd: options.cwd,
    virtualFiles,
    implicitDependencies: config.implicitDependencies,
    onProgress: options.onProgress,
  });
  const discovery = findTests(options.cwd, graph.files, config.tests);
  const selection = selectTests({ graph, changes, config, discovery });
  return { config, changes, graph, discovery, selection };
}

/** The tests affected by the changes on this branch: the `impacted list --json` object. */
export async function affectedTests(options: AffectedTestsOptions): Promise<Selection> {
  return (await analyze(options)).selection;
}
