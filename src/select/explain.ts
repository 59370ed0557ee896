// `why`: explains a selection for one file — the chains that select a test, or the tests a source file reaches.
import type { Analysis } from '../affected-tests.js';
import type { SelectionReason } from '../types.js';
import { chainBetween, forwardEdges, reachFrom, reverseEdges } from './reachability.js';

export type Explanation =
  | { kind: 'selected-test'; file: string; mode: 'affected' | 'all'; reason: string; reasons: SelectionReason[] }
  | { kind: 'unselected-test'; file: string; changed: number; dependencies: number }
  | { kind: 'source'; file: string; tests: { path: string; via: string[] }[] };

export function explain(analysis: Analysis, file: string): Explanation {
  const { selection, graph, discovery, config } = analysis;
  if (discovery.tests.includes(file)) {
    const selected = selection.tests.find((t) => t.path === file);
    if (selected) return { kind: 'selected-test', file, mode: selection.mode, reason: selection.reason, reasons: selected.reasons };
    const dependencies = reachFrom(file, forwardEdges(graph.edges, config.typeOnly === 'include')).size - 1;
    return { kind: 'unselected-test', file, changed: selection.changed.length, dependencies };
  }
  const next = reachFrom(file, reverseEdges(graph.edges, config.typeOnly === 'include'));
  const tests = discovery.tests.filter((test) => next.has(test)).map((test) => ({ path: test, via: chainBetween(test, next) }));
  return { kind: 'source', file, tests };
}
