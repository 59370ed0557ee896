// Test discovery with the runners asked first: probe each runner config (cached), then find the tests with what the
// runners resolved, reading the configs whose runner could not be asked statically.
import path from 'node:path';
import type { Config } from '../config/load-config.js';
import { defaultCacheDir } from '../graph/build-graph.js';
import type { RepoFiles } from '../files/repo-files.js';
import type { ScannedFile } from '../graph/scan-files.js';
import { probeEntries } from '../runners/probe/probe-entries.js';
import { type ProbedEntry, probeProjects } from '../runners/probe/probe-projects.js';
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
}

/** What the installed runners answer for each runner config (cached); none with `--no-probe` or `"probe": false`. */
export async function probeRunnerConfigs(options: Omit<DiscoverTestsOptions, 'files' | 'source'>): Promise<ProbedEntry[]> {
  const { root, config } = options;
  if (options.probe === false || !config.probe) return [];
  return probeProjects({
    root,
    files: options.scanned,
    entries: probeEntries(options.scanned.map((file) => file.path)),
    cacheDir: options.cache === false ? undefined : path.resolve(root, options.cacheDir ?? defaultCacheDir(root)),
  });
}

export async function discoverTests(options: DiscoverTestsOptions): Promise<TestDiscovery> {
  return findTests(options.root, options.files, options.config.tests, options.source, await probeRunnerConfigs(options));
}
