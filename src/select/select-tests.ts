// Selection: maps changed files to the tests they can break by running the rules of rules/index.ts, with reasons.
import { compileGlobs } from '../config/globs.js';
import { graphProblems } from '../graph/graph-problems.js';
import { plural } from '../report/plural.js';
import type { Selection, SelectionReason } from '../types.js';
import { PackageScope } from './package-scope.js';
import { chainBetween, reachFrom, reverseEdges } from './reachability.js';
import { rules } from './rules/index.js';
import type { RuleContext, SelectInput, SelectionRule } from './rules/rule.js';
import { setupClosures } from './setup-closures.js';

export type { SelectInput } from './rules/rule.js';

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The tests a change set can break: every changed, not ignored, file goes to the rules (rules/index.ts) that claim
 * it, which select tests with reasons or ask to run every test. Pure: no I/O.
 */
export function selectTests(input: SelectInput): Selection {
  const started = performance.now();
  const { graph, changes, config, discovery } = input;
  const tests = [...discovery.tests].sort(compare);
  const header = { base: changes.base, head: changes.head, changed: changes.changed };
  const recorded = input.recorded;
  const summary = recorded
    ? { recorded: { file: recorded.file, ...(recorded.missing ? { missing: true } : {}), commit: recorded.commit, recordedAt: recorded.recordedAt, tests: recorded.tests, stale: recorded.stale } }
    : {};
  const problems = graphProblems(graph);
  const stats = () => ({ files: graph.stats.files, edges: graph.stats.edges, tests: tests.length, ms: Math.round(graph.stats.ms + performance.now() - started) });
  const everything = (reason: string): Selection => ({
    version: 1,
    mode: 'all',
    reason,
    ...header,
    tests: tests.map((p) => ({ path: p, reasons: [] })),
    problems,
    stats: stats(),
    ...summary,
  });
  if (changes.mode === 'all') return everything(changes.reason ?? 'running every test');

  const context = ruleContext(input, tests);
  const paths = [...new Set(changes.changed.flatMap((c) => (c.from ? [c.path, c.from] : [c.path])))].sort(compare);
  const ignore = compileGlobs(config.ignore);
  const counted = paths.filter((p) => !ignore.test(p));
  const claimed = new Map<SelectionRule, string[]>(rules.map((rule) => [rule, rule.claims ? [] : counted]));
  for (const file of counted) {
    for (const rule of rules) {
      if (!rule.claims?.(file, context)) continue;
      claimed.get(rule)!.push(file);
      if (rule.stop) break;
    }
  }
  for (const rule of rules) rule.select(claimed.get(rule)!, context);

  const runAllReason = context.runAllReasons().sort((a, b) => compare(a.changed, b.changed))[0]?.reason;
  if (runAllReason) return everything(runAllReason);
  const selected = [...context.reasons.entries()]
    .sort(([a], [b]) => compare(a, b))
    .map(([test, list]) => ({ path: test, reasons: list.sort((a, b) => compare(a.changed, b.changed)) }));
  const ignored = paths.length - counted.length;
  const verb = changes.changed.length === 1 ? 'affects' : 'affect';
  const reason = `${plural(changes.changed.length, 'changed file')} ${verb} ${selected.length} of ${plural(tests.length, 'test')}${ignored > 0 ? ` (${ignored} ignored)` : ''}`;
  return { version: 1, mode: 'affected', reason, ...header, tests: selected, problems, stats: stats(), ...summary };
}

interface RunAllReason {
  changed: string;
  reason: string;
}

/** The context the rules select through, and what they selected. */
function ruleContext(input: SelectInput, tests: readonly string[]): RuleContext & { reasons: Map<string, SelectionReason[]>; runAllReasons(): RunAllReason[] } {
  const { graph, config, discovery } = input;
  const testSet = new Set(tests);
  const scope = new PackageScope(graph);
  const importers = reverseEdges(graph.edges, config.typeOnly === 'include');
  const reasons = new Map<string, SelectionReason[]>();
  const runAllReasons: RunAllReason[] = [];
  let setupOwners: Map<string, Set<string>> | undefined;
  let packageImporters: Map<string, string[]> | undefined;
  const addReason = (test: string, reason: SelectionReason) => {
    let list = reasons.get(test);
    if (!list) reasons.set(test, (list = []));
    if (!list.some((r) => r.changed === reason.changed)) list.push(reason);
  };
  return {
    ...input,
    tests,
    testSet,
    scope,
    importers,
    reasons,
    runAllReasons: () => runAllReasons,
    setupOwners: () => (setupOwners ??= setupClosures(graph, discovery, scope)),
    importersOfPackage() {
      if (!packageImporters) {
        packageImporters = new Map();
        for (const { from, package: name } of graph.external) {
          const list = packageImporters.get(name);
          if (list) list.push(from);
          else packageImporters.set(name, [from]);
        }
      }
      return packageImporters;
    },
    addReason,
    propagate(seed, changed, rule) {
      const next = reachFrom(seed, importers);
      for (const file of next.keys()) {
        if (!testSet.has(file)) continue;
        const chain = file === seed ? [] : chainBetween(file, next);
        const via = seed === changed || file === seed ? chain : [seed, ...chain];
        addReason(file, rule ? { changed, via, rule } : { changed, via });
      }
    },
    selectPackage(dir, changed, rule) {
      const dirs = scope.withDependents(dir);
      for (const test of tests) if (dirs.has(scope.ownerDir(test))) addReason(test, { changed, via: [], rule });
    },
    runAll(changed, reason) {
      runAllReasons.push({ changed, reason });
    },
  };
}
