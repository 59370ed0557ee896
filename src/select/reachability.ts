// Reverse reachability over the import graph: from a changed file to every file that (transitively) imports it.
// The graph's edge table (graph/edge-table.ts) gives the ids; a walk allocates no strings or maps.
import { edgeKindCodes, nodeId, type EdgeTable } from '../graph/edge-table.js';
import type { EdgeKind } from '../types.js';

/** Adjacency lists by node id (edge-table.ts): for reverse edges, the files that import a file directly; for forward edges, what it imports. */
export interface Adjacency {
  /** Every node, by id (sorted). */
  readonly names: readonly string[];
  /** The id of a node. */
  idOf(file: string): number | undefined;
  /** The neighbours of id `i` are `targets[offsets[i]]` up to `targets[offsets[i + 1]]`, in edge order. */
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
  /** Whether `file` has a neighbour (reverse: something imports it). */
  has(file: string): boolean;
}

function adjacency(table: EdgeTable, skipped: readonly EdgeKind[], direction: 'forward' | 'reverse'): Adjacency {
  const { nodes, length, kinds } = table;
  const keys = direction === 'reverse' ? table.to : table.from;
  const values = direction === 'reverse' ? table.from : table.to;
  const skip = new Uint8Array(Object.keys(edgeKindCodes).length);
  for (const kind of skipped) skip[edgeKindCodes[kind]] = 1;
  // A counting sort by key that keeps the edge order within each key.
  const offsets = new Int32Array(nodes.length + 1);
  for (let e = 0; e < length; e++) if (skip[kinds[e]!] === 0) offsets[keys[e]! + 1]!++;
  for (let i = 0; i < nodes.length; i++) offsets[i + 1]! += offsets[i]!;
  const fill = offsets.slice(0, nodes.length);
  const targets = new Int32Array(offsets[nodes.length]!);
  for (let e = 0; e < length; e++) if (skip[kinds[e]!] === 0) targets[fill[keys[e]!]!++] = values[e]!;
  const idOf = (file: string) => nodeId(table, file);
  return {
    names: nodes,
    idOf,
    offsets,
    targets,
    has(file) {
      const id = idOf(file);
      return id !== undefined && offsets[id + 1]! > offsets[id]!;
    },
  };
}

/** The edges of kinds that count, by the file they lead to: type-only ones unless `includeTypeOnly` is false, and none of `skipped`. */
export function reverseEdges(table: EdgeTable, includeTypeOnly: boolean, skipped: readonly EdgeKind[] = []): Adjacency {
  return adjacency(table, includeTypeOnly ? skipped : [...skipped, 'type'], 'reverse');
}

export function forwardEdges(table: EdgeTable, includeTypeOnly: boolean): Adjacency {
  return adjacency(table, includeTypeOnly ? [] : ['type'], 'forward');
}

/** The files a breadth-first walk reached, with one shortest path back to its start for each. */
export interface Reach {
  /** How many files were reached, the start included. */
  readonly size: number;
  /** The reached files' ids (in the adjacency walked), breadth-first, the start first; -1 for a start on no edge. */
  readonly order: readonly number[];
  has(file: string): boolean;
  /** The files between a reached file and the start, nearest to the start first. */
  chain(file: string): string[];
  /** The same by id, for a walk over `order`. */
  chainOf(id: number): string[];
}

/**
 * Breadth-first from `start` over an adjacency (importers, or imports): every reached file, and for each the next
 * file on one shortest path back to `start` (neighbours in edge order, the first to reach a file wins).
 */
export function reachFrom(start: string, { names, idOf, offsets, targets }: Adjacency): Reach {
  const startId = idOf(start);
  // The next id on the way back, plus one: 0 is not reached (the start points to itself).
  const next = new Int32Array(startId === undefined ? 0 : names.length);
  const order: number[] = [];
  if (startId !== undefined) {
    next[startId] = startId + 1;
    order.push(startId);
    for (let i = 0; i < order.length; i++) {
      const id = order[i]!;
      for (let e = offsets[id]!, end = offsets[id + 1]!; e < end; e++) {
        const neighbour = targets[e]!;
        if (next[neighbour] !== 0) continue;
        next[neighbour] = id + 1;
        order.push(neighbour);
      }
    }
  }
  const chainOf = (id: number): string[] => {
    const via: string[] = [];
    if (id < 0 || next[id] === 0) return via;
    for (let at = next[id]! - 1; at !== startId; at = next[at]! - 1) via.push(names[at]!);
    return via.reverse();
  };
  return {
    size: startId === undefined ? 1 : order.length,
    order: startId === undefined ? [-1] : order,
    has(file) {
      if (file === start) return true;
      const id = idOf(file);
      return id !== undefined && id < next.length && next[id] !== 0;
    },
    chain(file) {
      const id = idOf(file);
      return file === start || id === undefined ? [] : chainOf(id);
    },
    chainOf,
  };
}

/** The files between `from` and the start of a `reachFrom` walk, nearest to the start first. */
export function chainBetween(from: string, reach: Reach): string[] {
  return reach.chain(from);
}
