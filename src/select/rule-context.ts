// The context selection rules read and select through, and what they selected.
import { nodeFlags } from '../graph/edge-table.js';
import { edgeTableOf } from '../graph/graph-edges.js';
import type { InertFile, SelectionReason } from '../types.js';
import { inertMatcher } from './inert-files.js';
import { PackageScope } from './package-scope.js';
import { reachFrom, reverseEdges } from './reachability.js';
import type { RuleContext, SelectInput } from './rules/rule.js';

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

interface RunAllReason {
  changed: string;
  reason: string;
}

/** The context the rules select through (`tests` sorted), and what they selected. */
export function ruleContext(
  input: SelectInput,
  tests: readonly string[],
): RuleContext & { reasons: Map<string, SelectionReason[]>; runAllReasons(): RunAllReason[]; inertFiles(): InertFile[] } {
  const { graph, config } = input;
  const testSet = new Set(tests);
  const edges = edgeTableOf(graph);
  const scope = new PackageScope(graph, edges);
  const importers = reverseEdges(edges, config.typeOnly === 'include');
  const reasons = new Map<string, SelectionReason[]>();
  const runAllReasons: RunAllReason[] = [];
  const inertFiles: InertFile[] = [];
  let packageImporters: Map<string, string[]> | undefined;
  // Which of the importers' ids are tests: a walk checks a number, not a path.
  let testIds: Uint8Array | undefined;
  const isTestId = (id: number): boolean => {
    testIds ??= nodeFlags(edges, tests);
    return testIds[id] === 1;
  };
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
    inertFiles: () => inertFiles,
    inertPattern: inertMatcher(config.inert, scope, graph.packages.some((pkg) => pkg.dir !== '')),
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
      const reach = reachFrom(seed, importers);
      for (const id of reach.order) {
        // -1: the seed is on no edge, and the only file reached.
        if (id < 0 ? !testSet.has(seed) : !isTestId(id)) continue;
        const file = id < 0 ? seed : importers.names[id]!;
        const chain = file === seed ? [] : reach.chainOf(id);
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
    inert(changed, pattern) {
      inertFiles.push({ path: changed, pattern });
    },
  };
}
