// `why`: explains a selection for one file — the chains that select a test, or the tests a file selects or reaches.
import type { Analysis } from '../affected-tests.js';
import { compileGlobs } from '../config/globs.js';
import { edgeKinds, nodeId, type EdgeTable } from '../graph/edge-table.js';
import { edgeTableOf } from '../graph/graph-edges.js';
import type { EdgeKind, InertFile, SelectedTest, SelectionReason } from '../types.js';
import { compare, ruleContext } from './rule-context.js';
import { inertFile } from './rules/inert-file.js';
import { rulesClaiming } from './select-tests.js';
import { chainBetween, forwardEdges, reachFrom, reverseEdges, type Reach } from './reachability.js';

/** A reason as `why` shows it: for each arrow of `changed -> ...via -> test`, the kind of import it is (if one). */
export interface ExplainedReason extends SelectionReason {
  hops: (EdgeKind | undefined)[];
}

export interface ExplainedTest extends SelectedTest {
  reasons: ExplainedReason[];
}

export type Explanation =
  | { kind: 'selected-test'; file: string; mode: 'affected' | 'all'; reason: string; reasons: ExplainedReason[] }
  | { kind: 'unselected-test'; file: string; changed: number; dependencies: number }
  | { kind: 'ignored'; file: string }
  /** A known-inert file (changed or not): a change to it selects no test. */
  | { kind: 'inert'; file: string; pattern: string }
  /** A changed file: the tests it selects, by import chains or by rules, exactly as `list` decided. */
  | { kind: 'changed'; file: string; mode: 'affected' | 'all'; reason: string; tests: ExplainedTest[] }
  /** An unchanged file: the tests a change to it would reach through imports. */
  | { kind: 'source'; file: string; tests: ExplainedTest[] };

/**
 * Adds to each reason the kind of every hop, and where a rule or an `implicitDependencies` edge selected the test,
 * the import chain too when there is one: a rule never hides that the code itself depends on the change.
 */
function explainReasons(edges: EdgeTable, includeTypeOnly: boolean): (test: string, reasons: readonly SelectionReason[]) => ExplainedReason[] {
  // The kind of the first edge between two files, by `from * nodes + to`.
  const size = edges.nodes.length;
  const kinds = new Map<number, EdgeKind>();
  for (let e = 0; e < edges.length; e++) {
    const key = edges.from[e]! * size + edges.to[e]!;
    if (!kinds.has(key)) kinds.set(key, edgeKinds[edges.kinds[e]!]!);
  }
  const kindOf = (from: string, to: string): EdgeKind | undefined => {
    const fromId = nodeId(edges, from);
    const toId = nodeId(edges, to);
    return fromId === undefined || toId === undefined ? undefined : kinds.get(fromId * size + toId);
  };
  const importers = reverseEdges(edges, includeTypeOnly, ['implicit']);
  const reached = new Map<string, Reach>();
  const withHops = (reason: SelectionReason, test: string): ExplainedReason => {
    const files = [reason.changed, ...reason.via, test];
    return { ...reason, hops: files.slice(1).map((file, index) => kindOf(file, files[index]!)) };
  };
  return (test, reasons) =>
    reasons.flatMap((reason) => {
      const explained = withHops(reason, test);
      if (reason.rule === undefined && !explained.hops.includes('implicit')) return [explained];
      let next = reached.get(reason.changed);
      if (!next) reached.set(reason.changed, (next = reachFrom(reason.changed, importers)));
      if (!next.has(test) || test === reason.changed) return [explained];
      return [explained, withHops({ changed: reason.changed, via: chainBetween(test, next) }, test)];
    });
}

/** Whether a change to `file` would be inert: the rules, asked as selection asks them, hand it to the inert rule. */
function inertChange({ graph, changes, discovery, config }: Analysis, file: string): InertFile | undefined {
  const context = ruleContext({ graph, changes, config, discovery }, [...discovery.tests].sort(compare));
  return rulesClaiming(file, context).includes(inertFile) ? { path: file, pattern: context.inertPattern(file)! } : undefined;
}

export function explain(analysis: Analysis, file: string): Explanation {
  const { selection, graph, discovery, config } = analysis;
  const edges = edgeTableOf(graph);
  const explained = explainReasons(edges, config.typeOnly === 'include');
  if (discovery.tests.includes(file)) {
    const selected = selection.tests.find((t) => t.path === file);
    if (selected) return { kind: 'selected-test', file, mode: selection.mode, reason: selection.reason, reasons: explained(file, selected.reasons) };
    const dependencies = reachFrom(file, forwardEdges(edges, config.typeOnly === 'include')).size - 1;
    return { kind: 'unselected-test', file, changed: selection.changed.length, dependencies };
  }
  if (compileGlobs(config.ignore).test(file)) return { kind: 'ignored', file };
  const changed = selection.changed.some((c) => c.path === file || c.from === file);
  const inert = changed ? selection.inert?.find((f) => f.path === file) : inertChange(analysis, file);
  if (inert) return { kind: 'inert', file, pattern: inert.pattern };
  if (changed) {
    const tests = selection.tests
      .map((test) => ({ path: test.path, reasons: explained(test.path, test.reasons.filter((r) => r.changed === file)) }))
      .filter((test) => test.reasons.length > 0);
    return { kind: 'changed', file, mode: selection.mode, reason: selection.reason, tests };
  }
  const next = reachFrom(file, reverseEdges(edges, config.typeOnly === 'include'));
  const tests = discovery.tests
    .filter((test) => next.has(test))
    .map((test) => ({ path: test, reasons: explained(test, [{ changed: file, via: chainBetween(test, next) }]) }));
  return { kind: 'source', file, tests };
}
