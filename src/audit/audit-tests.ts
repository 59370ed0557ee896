// `impacted audit`: runs test files alone under V8 coverage and compares what they loaded with what selection would catch.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { minimatch } from 'minimatch';
import { resolveConfig, type Config } from '../config/load-config.js';
import { ImpactedError } from '../errors.js';
import { buildGraph } from '../graph/build-graph.js';
import { scanFiles } from '../graph/scan-files.js';
import { aliasScopes } from '../runners/read-projects.js';
import { withSetupEdges } from '../runners/setup-edges.js';
import { discoverTests } from '../select/discover-tests.js';
import type { ImportGraph } from '../types.js';
import { attributeCoverage } from './attribute-coverage.js';
import { observedFiles, type ObservedFiles } from './observed-files.js';
import { runWithCoverage, type CoverageRun } from './run-with-coverage.js';
import { sampleTests } from './sample-tests.js';
import { staticReach, type StaticReach } from './static-reach.js';
import { repoFileMapper } from './to-repo-files.js';
import type { AuditedTest, AuditEvent, AuditReport } from './types.js';

export interface AuditOptions {
  /** The repository root (absolute). */
  cwd: string;
  /** An explicit config file; default impacted.config.json or package.json "impacted". */
  configFile?: string;
  /** Repository-relative test files to audit; default every test file. */
  tests?: string[];
  /** Audit this many test files, spread evenly over the sorted list. */
  sample?: number;
  /** Test files run at once (default 2: each run is a whole runner start, often with its own workers). */
  concurrency?: number;
  /** `false` (`--no-probe`): read runner configs statically instead of asking the installed runners. */
  probe?: boolean;
  /** Extra environment for the runners. */
  env?: Record<string, string | undefined>;
  signal?: AbortSignal;
  onEvent?: (event: AuditEvent) => void;
}

/** The config and graph the audit compared against, for `--fix` and for callers that want to explain a result. */
export interface AuditResult {
  report: AuditReport;
  config: Config;
  graph: ImportGraph;
  /** What each audited test whose coverage was captured really executed and read, for `impacted record`. */
  observed: Map<string, ObservedFiles>;
}

const matchOptions = { dot: true };

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareRun(
  test: string,
  run: CoverageRun,
  reach: StaticReach,
  toRepoFile: (file: string) => string | undefined,
  ignore: readonly string[],
): { audited: AuditedTest; observed: ObservedFiles } {
  const attributed = attributeCoverage(run.coverage, (file) => toRepoFile(file) === test);
  const observed = observedFiles(attributed, toRepoFile);
  const ran = new Set(observed.executed);
  // An ignored file is never a change, by the user's choice: no rule could make its change select anything.
  const missed = [...observed.executed, ...observed.read]
    .filter((file) => file !== test && !ignore.some((glob) => minimatch(file, glob, matchOptions)) && !reach.selects(file, test))
    .sort(compare);
  const reached = reach.reachedFrom(test);
  const overSelected = [...reached].filter((file) => !ran.has(file)).length;
  const audited: AuditedTest = {
    path: test,
    missed,
    overSelected,
    reached: reached.size,
    ran: ran.size,
    read: observed.read.length,
    captured: attributed.captured,
    exitCode: run.exitCode,
    ...(run.error ? { error: run.error } : {}),
  };
  return { audited, observed };
}

function pickTests(all: readonly string[], options: AuditOptions): string[] {
  if (options.sample !== undefined && (!Number.isInteger(options.sample) || options.sample < 1)) {
    throw new ImpactedError('USAGE', `the sample size must be a positive whole number, not ${options.sample}.`);
  }
  if (!options.tests || options.tests.length === 0) return sampleTests(all, options.sample);
  const known = new Set(all);
  const unknown = options.tests.find((test) => !known.has(test));
  if (unknown !== undefined) throw new ImpactedError('FILE', `${unknown} is not a test file of this repository. Check the path, or "tests" in the config.`);
  return sampleTests([...new Set(options.tests)], options.sample);
}

/** Runs each chosen test file alone with coverage and reports, per test, the files that ran but would not select it. */
export async function auditTests(options: AuditOptions): Promise<AuditResult> {
  const started = performance.now();
  const root = options.cwd;
  const config = await resolveConfig(root, { configFile: options.configFile });
  const scan = await scanFiles(root);
  // The graph `list` selects with: the runners' aliases take part in resolution, and each test depends on its projects'
  // setup files (without them every setup file, trpc's packages/tests/setupTests.ts, showed as a missed edge).
  const discovery = await discoverTests({ root, scanned: scan.files, files: scan.files.map((file) => file.path), config, source: scan.source, probe: options.probe });
  const aliases = Promise.resolve(aliasScopes(discovery.projects));
  const graph = withSetupEdges(await buildGraph({ cwd: root, scan: Promise.resolve(scan), aliases, implicitDependencies: config.implicitDependencies }), discovery);
  const chosen = pickTests(discovery.tests, options);
  options.onEvent?.({ type: 'plan', tests: chosen, total: discovery.tests.length });

  const reach = staticReach(graph, config, discovery);
  const toRepoFile = repoFileMapper(root, new Set(graph.files));
  const results: AuditedTest[] = [];
  const observed = new Map<string, ObservedFiles>();
  const workDir = await mkdtemp(path.join(tmpdir(), 'impacted-audit-'));
  try {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < chosen.length && !options.signal?.aborted) {
        const index = next++;
        const test = chosen[index]!;
        options.onEvent?.({ type: 'test-start', path: test, index, total: chosen.length });
        const testStarted = performance.now();
        const run = await runWithCoverage({
          root,
          test,
          packages: graph.packages,
          runner: config.runner,
          workDir,
          env: options.env,
          signal: options.signal,
        });
        const { audited, observed: files } = compareRun(test, run, reach, toRepoFile, config.ignore);
        results[index] = audited;
        if (audited.captured) observed.set(test, files);
        const ms = Math.round(performance.now() - testStarted);
        options.onEvent?.({ type: 'test-end', test: audited, index, total: chosen.length, ms, output: run.output });
      }
    };
    const concurrency = Math.max(1, Math.min(options.concurrency ?? 2, chosen.length));
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }

  const tests = results.filter((result): result is AuditedTest => result !== undefined);
  const reached = tests.reduce((sum, test) => sum + test.reached, 0);
  const overSelected = tests.reduce((sum, test) => sum + test.overSelected, 0);
  const report: AuditReport = {
    version: 1,
    tests,
    summary: {
      audited: tests.length,
      total: discovery.tests.length,
      missedEdges: tests.reduce((sum, test) => sum + test.missed.length, 0),
      overSelectionRatio: reached === 0 ? 0 : Math.round((overSelected / reached) * 1000) / 1000,
      failed: tests.filter((test) => test.exitCode !== 0).length,
      uncaptured: tests.filter((test) => !test.captured).length,
      ms: Math.round(performance.now() - started),
    },
  };
  return { report, config, graph, observed };
}
