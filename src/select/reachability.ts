// Reverse reachability over the import graph: from a changed file to every file that (transitively) imports it.
// The graph is numbered once (one id per file) and kept as typed arrays, so a walk allocates no strings or maps.
import type { GraphEdge } from '../types.js';

/** Adjacency lists by file id: for reverse edges, the files that import a file directly; for forward edges, what it imports. */
export interface Adjacency {
  /** Every file on an edge, by id. */
  readonly names: readonly string[];
  /** The id of a file on an edge. */
  readonly ids: ReadonlyMap<string, number>;
  /** The neighbours of id `i` are `targets[offsets[i]]` up to `targets[offsets[i + 1]]`, in edge order. */
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
  /** Whether `file` has a neighbour (reverse: something imports it). */
  has(file: string): boolean;
}

function adjacency(edges: readonly GraphEdge[], includeTypeOnly: boolean, direction: 'forward' | 'reverse'): Adjacency {
  const ids = new Map<string, number>();
  const names: string[] = [];
  const idOf = (name: string): number => {
    let id = ids.get(name);
    if (id === undefined) {
      id = names.length;
      ids.set(name, id);
      names.push(name);
    }
    return id;
  };
  const keys = new Int32Array(edges.length);
  const values = new Int32Array(edges.length);
  let count = 0;
  // Edges come grouped by `from`: its id is looked up once per group.
  let lastFrom: string | undefined;
  let fromId = -1;
  for (const edge of edges) {
    if (!includeTypeOnly && edge.kind === 'type') continue;
    if (edge.from !== lastFrom) {
      lastFrom = edge.from;
      fromId = idOf(edge.from);
    }
    const toId = idOf(edge.to);
    keys[count] = direction === 'reverse' ? toId : fromId;
    values[count] = direction === 'reverse' ? fromId : toId;
    count++;
  }
  // A counting sort by key that keeps the edge order within each key.
  const offsets = new Int32Array(names.length + 1);
  for (let e = 0; e < count; e++) offsets[keys[e]! + 1]!++;
  for (let i = 0; i < names.length; i++) offsets[i + 1]! += offsets[i]!;
  const fill = offsets.slice(0, names.length);
  const targets = new Int32Array(count);
  for (let e = 0; e < count; e++) targets[fill[keys[e]!]!++] = values[e]!;
  return {
    names,
    ids,
    offsets,
    targets,
    has(file) {
      const id = ids.get(file);
      return id !== undefined && offsets[id + 1]! > offsets[id]!;
    },
  };
}

export function reverseEdges(edges: readonly GraphEdge[], includeTypeOnly: boolean): Adjacency {
  return adjacency(edges, includeTypeOnly, 'reverse');
}

export function forwardEdges(edges: readonly GraphEdge[], includeTypeOnly: boolean): Adjacency {
  return adjacency(edges, includeTypeOnly, 'forward');
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
export function reachFrom(start: string, { names, ids, offsets, targets }: Adjacency): Reach {
  const startId = ids.get(start);
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
      const id = ids.get(file);
      return id !== undefined && id < next.length && next[id] !== 0;
    },
    chain(file) {
      const id = ids.get(file);
      return file === start || id === undefined ? [] : chainOf(id);
    },
    chainOf,
  };
}

/** The files between `from` and the start of a `reachFrom` walk, nearest to the start first. */
export function chainBetween(from: string, reach: Reach): string[] {
  return reach.chain(from);
}
