// The static side of the audit: what selection would do for a change to one file, and what the graph reaches from a test.
import { codeExtensions } from '../graph/build-graph.js';
import type { TestDiscovery } from '../select/find-tests.js';
import { selectTests, type SelectInput } from '../select/select-tests.js';
import type { ChangeSet, ImportGraph } from '../types.js';

export interface StaticReach {
  /** Whether a change to `file` alone selects `test`, by import chains or by any selection rule. */
  selects: (file: string, test: string) => boolean;
  /** The code files the graph reaches from `test` through imports (forward, the test excluded), as selection counts them. */
  reachedFrom: (test: string) => Set<string>;
}

const declarationFile = /\.d\.[cm]?ts$/;

export function staticReach(graph: ImportGraph, config: SelectInput['config'], discovery: TestDiscovery): StaticReach {
  // Asking selection itself, one changed file at a time, keeps the audit's notion of "reaches" identical to `list`'s.
  const selectedBy = new Map<string, 'all' | Set<string>>();
  const selects = (file: string, test: string): boolean => {
    let selected = selectedBy.get(file);
    if (!selected) {
      const changes: ChangeSet = {
        mode: 'affected',
        baseRef: '',
        base: '',
        head: 'worktree',
        changed: [{ path: file, status: 'modified' }],
        lockfiles: [],
      };
      const selection = selectTests({ graph, changes, config, discovery });
      selected = selection.mode === 'all' ? 'all' : new Set(selection.tests.map((t) => t.path));
      selectedBy.set(file, selected);
    }
    return selected === 'all' || selected.has(test);
  };

  const imports = new Map<string, string[]>();
  for (const edge of graph.edges) {
    if (edge.kind === 'type' && config.typeOnly === 'ignore') continue;
    // Setup edges are for `selects` above; over-selection counts what the imports reach (a global setup runs in the
    // runner's own process, where a test's coverage does not look).
    if (edge.kind === 'setup') continue;
    let list = imports.get(edge.from);
    if (!list) imports.set(edge.from, (list = []));
    list.push(edge.to);
  }
  const reachedFrom = (test: string): Set<string> => {
    const seen = new Set([test]);
    const queue = [test];
    for (let i = 0; i < queue.length; i++) {
      for (const next of imports.get(queue[i]!) ?? []) {
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    seen.delete(test);
    // Only code can show up in coverage; assets and declaration files never "run".
    return new Set([...seen].filter((file) => codeExtensions.test(file) && !declarationFile.test(file)));
  };
  return { selects, reachedFrom };
}
