// `impacted doctor`: runs each runner's own listing of its tests and compares it with impacted's test set, so a wrong
// idea of which files are tests shows before it selects too little.
import { resolveConfig } from '../config/load-config.js';
import { scanFiles } from '../graph/scan-files.js';
import { probeEntries } from '../runners/probe/probe-entries.js';
import { runnerProbes } from '../runners/probe/probe-projects.js';
import { discoverTests } from '../select/discover-tests.js';

export interface DoctorOptions {
  /** Absolute repository root. */
  cwd: string;
  configFile?: string;
  /** `false`: impacted's side is read statically (what `--no-probe` would select from). */
  probe?: boolean;
  /** Probe cache directory, absolute (default: <cwd>/node_modules/.cache/impacted). */
  cacheDir?: string;
}

export interface CheckedConfig {
  runner: string;
  /** The config file (or the directory's workspace file) the runner was asked about. */
  configFile: string;
  /** The runner's version and the tests it lists, or why it could not be asked. */
  version?: string;
  listed?: string[];
  reason?: string;
}

export interface DoctorReport {
  configs: CheckedConfig[];
  /** impacted's test files. */
  tests: string[];
  /** Listed by a runner but not a test to impacted: a change to what they run would not select them. */
  missing: string[];
  /** Tests to impacted below a checked config that no runner lists: `run` would hand them to a runner that finds none. */
  extra: string[];
  /** Directories where a runner lists tests and impacted finds none. */
  emptyDirs: string[];
}

function dirOf(file: string): string {
  const slash = file.lastIndexOf('/');
  return slash === -1 ? '' : file.slice(0, slash);
}

function isBelow(dir: string, file: string): boolean {
  return dir === '' || file.startsWith(`${dir}/`);
}

export async function doctor(options: DoctorOptions): Promise<DoctorReport> {
  const root = options.cwd;
  const config = await resolveConfig(root, { configFile: options.configFile });
  const scan = await scanFiles(root);
  const files = scan.files.map((file) => file.path);
  const discovery = await discoverTests({ root, scanned: scan.files, files, config, source: scan.source, probe: options.probe, cacheDir: options.cacheDir });
  const configs: CheckedConfig[] = [];
  for (const entry of probeEntries(files)) {
    const runner = runnerProbes[entry.runner];
    const configFile = entry.owner ?? entry.configFile;
    if (!runner) continue;
    const listed = await runner.probe.list({ root, configFile: entry.configFile, cwd: entry.cwd });
    // A vite config is vitest's only where vitest is installed.
    if (!listed.ok && entry.optional) continue;
    configs.push(listed.ok ? { runner: entry.runner, configFile, version: listed.version, listed: [...listed.files].sort() } : { runner: entry.runner, configFile, reason: listed.reason });
  }
  const tests = new Set(discovery.tests);
  const listed = new Set(configs.flatMap((checked) => checked.listed ?? []));
  const checkedDirs = configs.filter((checked) => checked.listed).map((checked) => dirOf(checked.configFile));
  const missing = [...listed].filter((file) => !tests.has(file)).sort();
  const extra = discovery.tests.filter((file) => !listed.has(file) && checkedDirs.some((dir) => isBelow(dir, file)));
  const emptyDirs = configs
    .filter((checked) => (checked.listed?.length ?? 0) > 0 && !discovery.tests.some((file) => isBelow(dirOf(checked.configFile), file)))
    .map((checked) => dirOf(checked.configFile));
  return { configs, tests: discovery.tests, missing, extra, emptyDirs: [...new Set(emptyDirs)] };
}
