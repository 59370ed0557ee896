// Test discovery with the runners asked first: probe each runner config (cached), then find the tests with what the
// runners resolved, reading the configs whose runner could not be asked statically.
import path from 'node:path';
import type { Config } from '../config/load-config.js';
import { defaultCacheDir } from '../graph/cache-dir.js';
import type { RepoFiles } from '../files/repo-files.js';
import type { ScannedFile } from '../graph/scan-files.js';
import { probeEntries } from '../runners/probe/probe-entries.js';
import { type ProbedEntry, probeProjects } from '../runners/probe/probe-projects.js';
import type { ReadingCache } from '../graph/reading-cache.js';
import { configSource, readConfigStatically, readRunnerProjects, type RunnerProjects } from '../runners/read-projects.js';
import type { ConfigSource } from '../runners/types.js';
import { findWorkspaces } from '../graph/workspaces.js';
import { findTests, type TestDiscovery } from './find-tests.js';

export interface DiscoverTestsOptions {
  root: string;
  /** The scanned work tree: the files whose content keys the probe cache. */
  scanned: readonly ScannedFile[];
  /** The graph's files (the scanned ones, plus deleted files kept resolvable). */
  files: readonly string[];
  config: Config;
  /** Where file contents are read from (the scan's), as for static reading. */
  source?: RepoFiles;
  /** `false` (`--no-probe`): static reading only. The config's `probe` applies otherwise. */
  probe?: boolean;
  /** Probe cache directory, absolute or relative to `root` (default: the graph's cache dir); `cache: false`: none. */
  cacheDir?: string;
  cache?: boolean;
  /** Static readings of runner configs kept between runs. */
  readings?: ReadingCache;
}

export interface ProbedProjects {
  /** The runner configs asked (or answered from the cache); not those another config's answer includes. */
  probed: ProbedEntry[];
  projects: RunnerProjects;
}

export interface ProbedProjectsOptions extends DiscoverTestsOptions {
  /** Workspace package directories, the root (`''`) included. */
  packageDirs: readonly string[];
  /** Called once the runners have answered (or the cache), before the configs are read: for the stage timings. */
  onAnswered?: () => void;
}

/**
 * Every runner project: what the installed runners answer for their configs (cached; none with `--no-probe` or
 * `"probe": false`), the other configs read statically. A config that an answered config includes (or, where the
 * runner could not answer, the config's static reading) is not asked: it is not started on its own. Should static
 * reading reach it all the same (its includer is itself included by a config read statically, say), it is asked then,
 * so the projects are those that asking every config gives.
 */
export async function probedRunnerProjects(options: ProbedProjectsOptions): Promise<ProbedProjects> {
  const { root, config } = options;
  const read = (probed: ProbedEntry[]) => readRunnerProjects({ root, files: options.files, packageDirs: options.packageDirs, source: options.source, probed, readings: options.readings, scanned: options.scanned });
  if (options.probe === false || !config.probe) {
    options.onAnswered?.();
    return { probed: [], projects: read([]) };
  }
  let last: ProbedProjects | undefined;
  let source: ConfigSource | undefined;
  const all = await probeProjects({
    root,
    files: options.scanned,
    entries: probeEntries(options.scanned.map((file) => file.path)),
    cacheDir: options.cache === false ? undefined : path.resolve(root, options.cacheDir ?? defaultCacheDir(root)),
    readStatically(entry) {
      source ??= configSource(root, options.files, options.source, options.scanned);
      return readConfigStatically(entry.runner, source, entry.owner ?? entry.configFile, options.readings);
    },
    askAfterAll(entries) {
      if (!last) options.onAnswered?.();
      const probed = entries.filter((entry) => entry.includedBy === undefined);
      last = { probed, projects: read(probed) };
      const readFiles = new Set(last.projects.configFiles);
      return entries.filter((entry) => entry.includedBy !== undefined && readFiles.has(entry.owner ?? entry.configFile));
    },
  });
  // The last call saw the final answers.
  return last ?? { probed: all, projects: read(all) };
}

export async function discoverTests(options: DiscoverTestsOptions): Promise<TestDiscovery> {
  const packageDirs = findWorkspaces(options.root, options.files).packages.map((pkg) => pkg.dir);
  const { probed, projects } = await probedRunnerProjects({ ...options, packageDirs });
  return findTests(options.root, options.files, { tests: options.config.tests, unreadTestScripts: options.config.unreadTestScripts, source: options.source, probed, projects });
}
