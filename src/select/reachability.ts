// Reverse reachability over the import graph: from a changed file to every file that (transitively) imports it.
import type { GraphEdge } from '../types.js';

/** Adjacency lists: for reverse edges, the files that import a file directly; for forward edges, what it imports. */
export type Adjacency = Map<string, string[]>;

function adjacency(edges: readonly GraphEdge[], includeTypeOnly: boolean, direction: 'forward' | 'reverse'): Adjacency {
  const lists: Adjacency = new Map();
  for (const edge of edges) {
    if (!includeTypeOnly && edge.kind === 'type') continue;
    const [key, value] = direction === 'reverse' ? [edge.to, edge.from] : [edge.from, edge.to];
    let list = lists.get(key);
    if (!list) lists.set(key, (list = []));
    list.push(value);
  }
  return lists;
}

export function reverseEdges(edges: readonly GraphEdge[], includeTypeOnly: boolean): Adjacency {
  return adjacency(edges, includeTypeOnly, 'reverse');
}

export function forwardEdges(edges: readonly GraphEdge[], includeTypeOnly: boolean): Adjacency {
  return adjacency(edges, includeTypeOnly, 'forward');
}

/**
 * Breadth-first from `start` over an adjacency (importers, or imports); returns, for every reached file, the
 * next file on one shortest path back to `start` (`start` maps to itself). Following the map gives a chain.
 */
export function reachFrom(start: string, importers: Adjacency): Map<string, string> {
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
