// `why`: explains a selection for one file — the chains that select a test, or the tests a file selects or reaches.
import type { Analysis } from '../affected-tests.js';
import { compileGlobs } from '../config/globs.js';
import type { SelectedTest, SelectionReason } from '../types.js';
import { chainBetween, forwardEdges, reachFrom, reverseEdges } from './reachability.js';

export type Explanation =
  | { kind: 'selected-test'; file: string; mode: 'affected' | 'all'; reason: string; reasons: SelectionReason[] }
  | { kind: 'unselected-test'; file: string; changed: number; dependencies: number }
  | { kind: 'ignored'; file: string }
  /** A changed file: the tests it selects, by import chains or by rules, exactly as `list` decided. */
  | { kind: 'changed'; file: string; mode: 'affected' | 'all'; reason: string; tests: SelectedTest[] }
  /** An unchanged file: the tests a change to it would reach through imports. */
  | { kind: 'source'; file: string; tests: SelectedTest[] };

export function explain(analysis: Analysis, file: string): Explanation {
  const { selection, graph, discovery, config } = analysis;
  if (discovery.tests.includes(file)) {
    const selected = selection.tests.find((t) => t.path === file);
    if (selected) return { kind: 'selected-test', file, mode: selection.mode, reason: selection.reason, reasons: selected.reasons };
    const dependencies = reachFrom(file, forwardEdges(graph.edges, config.typeOnly === 'include')).size - 1;
    return { kind: 'unselected-test', file, changed: selection.changed.length, dependencies };
  }
  if (compileGlobs(config.ignore).test(file)) return { kind: 'ignored', file };
  if (selection.changed.some((c) => c.path === file || c.from === file)) {
    const tests = selection.tests
      .map((test) => ({ path: test.path, reasons: test.reasons.filter((r) => r.changed === file) }))
      .filter((test) => test.reasons.length > 0);
    return { kind: 'changed', file, mode: selection.mode, reason: selection.reason, tests };
  }
  const next = reachFrom(file, reverseEdges(graph.edges, config.typeOnly === 'include'));
  const tests = discovery.tests
    .filter((test) => next.has(test))
    .map((test) => ({ path: test, reasons: [{ changed: file, via: chainBetween(test, next) }] }));
  return { kind: 'source', file, tests };
}
