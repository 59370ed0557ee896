// `impacted record`: what each test really executed and read, from its own coverage run or from the user's test run.
import path from 'node:path';
import { attributeByTest } from '../audit/attribute-coverage.js';
import { auditTests, type AuditOptions } from '../audit/audit-tests.js';
import { observedFiles, type ObservedFiles } from '../audit/observed-files.js';
import { readCoverage } from '../audit/read-coverage.js';
import { repoFileMapper } from '../audit/to-repo-files.js';
import type { AuditReport } from '../audit/types.js';
import { resolveConfig, type Config } from '../config/load-config.js';
import { ImpactedError } from '../errors.js';
import { createGitClient } from '../git/git-client.js';
import { buildGraph } from '../graph/build-graph.js';
import { findTests } from '../select/find-tests.js';
import type { ImportGraph } from '../types.js';
import { contentHash } from './recorded-dependencies.js';
import type { RecordedMap } from './recorded-map.js';

export interface RecordOptions extends AuditOptions {
  /**
   * A `NODE_V8_COVERAGE` directory written by the user's own test run with impacted's preload: the map is made from it
   * and nothing runs. Without it, every chosen test file runs alone under coverage, as `impacted audit` runs it.
   */
  fromCoverage?: string;
}

export interface RecordResult {
  map: RecordedMap;
  config: Config;
  graph: ImportGraph;
  /** The audit of the tests that ran (absent with `fromCoverage`). */
  report?: AuditReport;
}

/** Per test, from a directory of coverage files: a thread that ran several tests counts for each of them. */
async function observedInCoverage(root: string, dir: string, graph: ImportGraph, tests: readonly string[]): Promise<Map<string, ObservedFiles>> {
  const coverage = await readCoverage(dir);
  if (coverage.units.length === 0) {
    throw new ImpactedError('FILE', `${dir} holds no coverage files. Run the tests with NODE_V8_COVERAGE=${dir} and impacted's preload (see the README, "Static and recorded").`);
  }
  const toRepoFile = repoFileMapper(root, new Set(graph.files));
  const testSet = new Set(tests);
  const byPath = attributeByTest(coverage, (file) => testSet.has(toRepoFile(file) ?? ''));
  const merged = new Map<string, { loaded: Set<string>; read: Set<string> }>();
  for (const [file, found] of byPath) {
    const test = toRepoFile(file)!;
    const into = merged.get(test) ?? { loaded: new Set<string>(), read: new Set<string>() };
    for (const loaded of found.loaded) into.loaded.add(loaded);
    for (const read of found.read) into.read.add(read);
    merged.set(test, into);
  }
  return new Map([...merged].map(([test, found]) => [test, observedFiles(found, toRepoFile)]));
}

/** Records the chosen tests (every test by default) and returns the map; writing it is the caller's choice. */
export async function recordTests(options: RecordOptions): Promise<RecordResult> {
  const root = options.cwd;
  let observed: Map<string, ObservedFiles>;
  let config: Config;
  let graph: ImportGraph;
  let report: AuditReport | undefined;
  if (options.fromCoverage) {
    config = await resolveConfig(root, { configFile: options.configFile });
    graph = await buildGraph({ cwd: root, implicitDependencies: config.implicitDependencies });
    const { tests } = findTests(root, graph.files, { tests: config.tests, unreadTestScripts: config.unreadTestScripts });
    observed = await observedInCoverage(root, path.resolve(root, options.fromCoverage), graph, tests);
  } else {
    ({ observed, config, graph, report } = await auditTests(options));
  }
  const commit = (await createGitClient(root).attempt(['rev-parse', '--verify', '--quiet', 'HEAD'])).stdout.trim();
  const files = new Set<string>();
  for (const [test, seen] of observed) for (const file of [test, ...seen.executed, ...seen.read]) files.add(file);
  const hashes = new Map<string, string>();
  for (const file of files) hashes.set(file, contentHash(path.join(root, file)) ?? '');
  const tests = new Map([...observed].map(([test, seen]) => [test, { ...seen, hash: hashes.get(test) ?? '' }]));
  return { map: { version: 1, commit, recordedAt: new Date().toISOString(), tests, hashes }, config, graph, report };
}
