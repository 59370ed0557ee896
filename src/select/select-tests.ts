// Selection: maps changed files to the tests they can break, applying DESIGN.md's rules, with a reason per test.
import path from 'node:path';
import { compileGlobs } from '../config/globs.js';
import { plural } from '../report/plural.js';
import type { Config } from '../config/load-config.js';
import { codeExtensions } from '../graph/build-graph.js';
import { packageOwner } from '../graph/package-owner.js';
import type { ChangeSet, ImportGraph, Selection, SelectionReason } from '../types.js';
import type { TestDiscovery } from './find-tests.js';
import { PackageScope } from './package-scope.js';
import { chainBetween, forwardEdges, reachFrom, reverseEdges } from './reachability.js';
import { runnerConfigPattern } from './runner-config.js';

export interface SelectInput {
  graph: ImportGraph;
  changes: ChangeSet;
  config: Pick<Config, 'runAll' | 'ignore' | 'typeOnly'>;
  discovery: TestDiscovery;
}

const lockfileNames = new Set(['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml']);

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Forward closure of the setup files each package's runner configs declare: a change there is a scoped trigger. */
function setupClosures(input: SelectInput, scope: PackageScope): Map<string, Set<string>> {
  const files = new Set(input.graph.files);
  const imports = forwardEdges(input.graph.edges, true);
  const byFile = new Map<string, Set<string>>();
  for (const config of input.discovery.runnerConfigs) {
    const pkg = scope.ownerDir(config.file);
    for (const setup of config.setupFiles) {
      const start = [setup, ...['.ts', '.js', '.mts', '.mjs', '.tsx'].map((ext) => setup + ext)].find((f) => files.has(f));
      if (!start) continue;
      for (const file of reachFrom(start, imports).keys()) {
        let owners = byFile.get(file);
        if (!owners) byFile.set(file, (owners = new Set()));
        owners.add(pkg);
      }
    }
  }
  return byFile;
}

/**
 * The tests a change set can break: reverse reachability from every changed file over the graph, plus the rules
 * (runAll, ignore, lockfiles, manifests, scoped config and setup triggers, unknown files, unparsable files), each
 * selected test with its reasons. Pure: no I/O.
 */
export function selectTests(input: SelectInput): Selection {
  const started = performance.now();
  const { graph, changes, config, discovery } = input;
  const tests = [...discovery.tests].sort(compare);
  const testSet = new Set(tests);
  const header = { base: changes.base, head: changes.head, changed: changes.changed };
  const stats = () => ({ files: graph.stats.files, edges: graph.stats.edges, tests: tests.length, ms: Math.round(graph.stats.ms + performance.now() - started) });
  const everything = (reason: string): Selection => ({
    version: 1,
    mode: 'all',
    reason,
    ...header,
    tests: tests.map((p) => ({ path: p, reasons: [] })),
    stats: stats(),
  });
  if (changes.mode === 'all') return everything(changes.reason ?? 'running every test');

  const scope = new PackageScope(graph);
  const importers = reverseEdges(graph.edges, config.typeOnly === 'include');
  const setupOwners = setupClosures(input, scope);
  const graphFiles = new Set(graph.files);
  const reasons = new Map<string, SelectionReason[]>();
  const addReason = (test: string, reason: SelectionReason) => {
    let list = reasons.get(test);
    if (!list) reasons.set(test, (list = []));
    if (!list.some((r) => r.changed === reason.changed)) list.push(reason);
  };
  const propagate = (seed: string, changed: string, rule?: string) => {
    const next = reachFrom(seed, importers);
    for (const file of next.keys()) {
      if (!testSet.has(file)) continue;
      const chain = file === seed ? [] : chainBetween(file, next);
      const via = seed === changed || file === seed ? chain : [seed, ...chain];
      addReason(file, rule ? { changed, via, rule } : { changed, via });
    }
  };
  let packageImporters: Map<string, string[]> | undefined;
  const importersOfPackage = () => {
    if (!packageImporters) {
      packageImporters = new Map();
      for (const { from, package: name } of graph.external) {
        const list = packageImporters.get(name);
        if (list) list.push(from);
        else packageImporters.set(name, [from]);
      }
    }
    return packageImporters;
  };
  const selectPackage = (dir: string, changed: string, rule: string) => {
    const dirs = scope.withDependents(dir);
    for (const test of tests) if (dirs.has(scope.ownerDir(test))) addReason(test, { changed, via: [], rule });
  };

  let runAllReason: string | undefined;
  const paths = [...new Set(changes.changed.flatMap((c) => (c.from ? [c.path, c.from] : [c.path])))].sort(compare);
  const ignore = compileGlobs(config.ignore);
  const runAllGlobs = compileGlobs(config.runAll);
  const counted = paths.filter((p) => !ignore.test(p));
  for (const file of counted) {
    const name = path.posix.basename(file);
    const dir = path.posix.dirname(file) === '.' ? '' : path.posix.dirname(file);
    const runAll = runAllGlobs.match(file);
    if (runAll) {
      runAllReason ??= `${file} matches runAll pattern "${runAll}": running every test`;
      continue;
    }
    if (lockfileNames.has(name)) {
      const lockfile = changes.lockfiles.find((l) => l.lockfile === file);
      if (!lockfile || lockfile.error) {
        runAllReason ??= `${file} could not be read (${lockfile?.error ?? 'not analysed'}): running every test`;
        continue;
      }
      for (const pkg of lockfile.packages) {
        for (const importer of importersOfPackage().get(pkg) ?? []) propagate(importer, file, `locked version of ${pkg} changed`);
      }
      continue;
    }
    if (name === 'package.json' && scope.isPackageDir(dir)) {
      if (dir === '') runAllReason ??= `the root package.json changed: running every test`;
      else selectPackage(dir, file, `the manifest of ${dir} changed`);
      continue;
    }
    const owner = scope.ownerDir(file);
    if (runnerConfigPattern.test(file) || /^tsconfig.*\.json$/.test(name)) {
      if (owner === '') runAllReason ??= `${file} configures the whole repository: running every test`;
      else selectPackage(owner, file, `${name} configures ${owner}`);
      continue;
    }
    for (const pkg of setupOwners.get(file) ?? []) {
      // A root setup (a global setup of the root runner config) runs before every test.
      if (pkg === '') runAllReason ??= `${file} is part of the repository's test setup: running every test`;
      else selectPackage(pkg, file, `test setup of ${pkg}`);
    }
    const understood = codeExtensions.test(file) || importers.has(file) || setupOwners.has(file);
    if (understood) propagate(file, file);
    else if (owner === '') runAllReason ??= `${file} is not code and nothing imports it: running every test`;
    else selectPackage(owner, file, `${file} is not code and nothing imports it: selecting the tests of ${owner}`);
  }

  // A file whose imports could not all be read may depend on any changed file of its package: the nearest
  // directory with a package.json, which is its workspace package or a smaller unit inside it.
  const unitOf = packageOwner(graph.files.filter((f) => f.endsWith('/package.json')).map((f) => f.slice(0, -'/package.json'.length)));
  const changedUnits = new Map<string, string>();
  for (const file of counted) if (!changedUnits.has(unitOf(file))) changedUnits.set(unitOf(file), file);
  for (const problem of graph.problems) {
    const changed = changedUnits.get(unitOf(problem.file));
    if (changed !== undefined && graphFiles.has(problem.file) && codeExtensions.test(problem.file)) {
      propagate(problem.file, changed, `${problem.file} could not be fully parsed`);
    }
  }

  if (runAllReason) return everything(runAllReason);
  const selected = [...reasons.entries()]
    .sort(([a], [b]) => compare(a, b))
    .map(([test, list]) => ({ path: test, reasons: list.sort((a, b) => compare(a.changed, b.changed)) }));
  const ignored = paths.length - counted.length;
  const verb = changes.changed.length === 1 ? 'affects' : 'affect';
  const reason = `${plural(changes.changed.length, 'changed file')} ${verb} ${selected.length} of ${plural(tests.length, 'test')}${ignored > 0 ? ` (${ignored} ignored)` : ''}`;
  return { version: 1, mode: 'affected', reason, ...header, tests: selected, stats: stats() };
}
