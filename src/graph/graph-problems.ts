// Everything the graph could not read or resolve, one record each: what `list --json`, `graph --problems` and the
// stderr line report, and what selection widens for.
import type { GraphProblem, ImportGraph } from '../types.js';

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function graphProblems(graph: Pick<ImportGraph, 'unresolved' | 'problems'>): GraphProblem[] {
  const problems: GraphProblem[] = graph.unresolved.map(({ from, specifier, package: dir }) =>
    dir === undefined
      ? { kind: 'unresolved', file: from, specifier, message: `"${specifier}" resolves to no file: selection widens to what could depend on ${from}` }
      : { kind: 'whole-package', file: from, specifier, message: `"${specifier}" names no file of ${dir || 'the root package'}: depending on the whole package` },
  );
  for (const { file, kind, message } of graph.problems) problems.push({ kind, file, message });
  return problems.sort((a, b) => compare(a.file, b.file) || compare(a.kind, b.kind) || compare(a.specifier ?? '', b.specifier ?? ''));
}
