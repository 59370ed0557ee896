// Reverse reachability over the import graph: from a changed file to every file that (transitively) imports it.
import type { GraphEdge } from '../types.js';

/** importers.get(file) = the files that import `file` directly. */
export type ReverseEdges = Map<string, string[]>;

export function reverseEdges(edges: readonly GraphEdge[], includeTypeOnly: boolean): ReverseEdges {
  const importers: ReverseEdges = new Map();
  for (const edge of edges) {
    if (!includeTypeOnly && edge.kind === 'type') continue;
    let list = importers.get(edge.to);
    if (!list) importers.set(edge.to, (list = []));
    list.push(edge.from);
  }
  return importers;
}

/**
 * Breadth-first from `start` over importers; returns, for every reached file, the next file on one shortest
 * path back to `start` (`start` maps to itself). Following the map from a test gives its chain.
 */
export function reachFrom(start: string, importers: ReverseEdges): Map<string, string> {
  const next = new Map<string, string>([[start, start]]);
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const file = queue[i]!;
    for (const importer of importers.get(file) ?? []) {
      if (next.has(importer)) continue;
      next.set(importer, file);
      queue.push(importer);
    }
  }
  return next;
}

/** The files between `from` and the start of a `reachFrom` map, nearest to the start first. */
export function chainBetween(from: string, next: Map<string, string>): string[] {
  const via: string[] = [];
  for (let file = next.get(from); file !== undefined && next.get(file) !== file; file = next.get(file)) via.push(file);
  return via.reverse();
}
