// The graph's edges as numbers: node ids into a sorted list of names, in typed arrays. A warm build decodes the cache's
// edges straight into these, and selection walks them: no object per edge unless something asks for `graph.edges`.
import { lowerBound } from '../files/sorted-paths.js';
import type { EdgeKind, GraphEdge } from '../types.js';

/** Each kind's number, in the table and in the cache file (graph-cache.ts). */
export const edgeKindCodes = { static: 0, type: 1, dynamic: 2, require: 3, mock: 4, asset: 5, implicit: 6, glob: 7, package: 8, setup: 9 } satisfies Record<EdgeKind, number>;
export const edgeKinds = Object.keys(edgeKindCodes) as EdgeKind[];

/** Edges by node id: edge `e` goes from `from[e]` to `to[e]`, of kind `edgeKinds[kinds[e]]`. */
export interface EdgeIds {
  readonly length: number;
  readonly from: Int32Array;
  readonly to: Int32Array;
  readonly kinds: Uint8Array;
}

/** Edges over `nodes`: the ids are indexes there. */
export interface EdgeTable extends EdgeIds {
  /** Sorted (by code unit) and distinct: an id's order is its name's. */
  readonly nodes: readonly string[];
}

/** Edges appended one by one. */
export interface EdgeList extends EdgeIds {
  add(from: number, to: number, kind: number): void;
  /** Drops the edges from `length` on. */
  truncate(length: number): void;
  setKind(edge: number, kind: number): void;
}

/** `larger` holding `array` at its start. */
function doubled<T extends Int32Array | Uint8Array>(array: T, larger: T): T {
  larger.set(array);
  return larger;
}

export function edgeList(): EdgeList {
  let from = new Int32Array(1 << 10);
  let to = new Int32Array(1 << 10);
  let kinds = new Uint8Array(1 << 10);
  let length = 0;
  return {
    get length() {
      return length;
    },
    get from() {
      return from.subarray(0, length);
    },
    get to() {
      return to.subarray(0, length);
    },
    get kinds() {
      return kinds.subarray(0, length);
    },
    add(fromId, toId, kind) {
      if (length === from.length) {
        from = doubled(from, new Int32Array(2 * length));
        to = doubled(to, new Int32Array(2 * length));
        kinds = doubled(kinds, new Uint8Array(2 * length));
      }
      from[length] = fromId;
      to[length] = toId;
      kinds[length++] = kind;
    },
    truncate(at) {
      length = Math.min(length, at);
    },
    setKind(edge, kind) {
      kinds[edge] = kind;
    },
  };
}

/** Lookups before a name map is worth its cost (a map of 100,000 paths takes ~10 ms; a warm build asks about a few). */
const searchedLookups = 1024;

/**
 * Node ids for names: a name of the sorted `known` list is its index there; any other (a package node, a link's
 * target) gets the next id beyond them, until `nodesOf` puts every name in order.
 */
export function nodeIds(known: readonly string[]) {
  let indexOf: Map<string, number> | undefined;
  let lookups = 0;
  const knownId = (name: string): number | undefined => {
    if (indexOf) return indexOf.get(name);
    if (++lookups > searchedLookups) {
      indexOf = new Map();
      for (let i = 0; i < known.length; i++) indexOf.set(known[i]!, i);
      return indexOf.get(name);
    }
    const at = lowerBound(known, name);
    return known[at] === name ? at : undefined;
  };
  const otherId = new Map<string, number>();
  const others: string[] = [];
  return {
    known,
    idOf(name: string): number {
      let id = knownId(name) ?? otherId.get(name);
      if (id === undefined) {
        id = known.length + others.length;
        otherId.set(name, id);
        others.push(name);
      }
      return id;
    },
    nameOf: (id: number): string => (id < known.length ? known[id]! : others[id - known.length]!),
    get size() {
      return known.length + others.length;
    },
    /** Every name, sorted, and each id's place in that list (undefined: the same as the id). */
    nodesOf(): { nodes: readonly string[]; place?: Int32Array } {
      if (others.length === 0) return { nodes: known };
      const order = others.map((_, i) => i).sort((a, b) => (others[a]! < others[b]! ? -1 : 1));
      const nodes: string[] = [];
      const place = new Int32Array(known.length + others.length);
      let k = 0;
      for (const o of order) {
        const name = others[o]!;
        while (k < known.length && known[k]! < name) place[k] = nodes.push(known[k++]!) - 1;
        place[known.length + o] = nodes.push(name) - 1;
      }
      while (k < known.length) place[k] = nodes.push(known[k++]!) - 1;
      return { nodes, place };
    },
  };
}

export type NodeIds = ReturnType<typeof nodeIds>;

/**
 * The edges of `lists` (ids of `ids`), one list after the other, over the sorted names: sorted by `from`, then `to`
 * (by name), edges that compare equal in the order they came (what a stable sort of their objects gives).
 */
export function sortedTable(ids: NodeIds, lists: readonly EdgeIds[]): EdgeTable {
  const { nodes, place } = ids.nodesOf();
  const length = lists.reduce((sum, list) => sum + list.length, 0);
  const edges = { nodes, length, from: new Int32Array(length), to: new Int32Array(length), kinds: new Uint8Array(length) };
  const { from, to, kinds } = edges;
  let at = 0;
  for (const list of lists) {
    from.set(list.from.subarray(0, list.length), at);
    to.set(list.to.subarray(0, list.length), at);
    kinds.set(list.kinds.subarray(0, list.length), at);
    at += list.length;
  }
  if (place) {
    for (let e = 0; e < length; e++) {
      from[e] = place[from[e]!]!;
      to[e] = place[to[e]!]!;
    }
  }
  // A warm build's edges are nearly all in order (the cache's, file by file): the few after them are sorted and
  // merged in. Otherwise two stable counting sorts, by `to` and then by `from`.
  let inOrder = 1;
  while (inOrder < length && !isBefore(edges, inOrder, inOrder - 1)) inOrder++;
  if (inOrder >= length) return edges;
  const rest = length - inOrder;
  const order = rest * 16 < inOrder ? mergedOrder(edges, inOrder) : countingOrder(from, nodes.length, countingOrder(to, nodes.length, identity(length)));
  const sorted = { nodes, length, from: new Int32Array(length), to: new Int32Array(length), kinds: new Uint8Array(length) };
  for (let i = 0; i < length; i++) {
    const e = order[i]!;
    sorted.from[i] = from[e]!;
    sorted.to[i] = to[e]!;
    sorted.kinds[i] = kinds[e]!;
  }
  return sorted;
}

/** Whether edge `a` goes before edge `b`. */
function isBefore({ from, to }: EdgeIds, a: number, b: number): boolean {
  return from[a]! < from[b]! || (from[a] === from[b] && to[a]! < to[b]!);
}

/** The order of the edges when those from `inOrder` on (a few) are sorted and merged into the sorted ones before them, after their equals. */
function mergedOrder(edges: EdgeIds, inOrder: number): Int32Array {
  const rest: number[] = [];
  for (let e = inOrder; e < edges.length; e++) rest.push(e);
  // Stable: equal edges keep the order they came in.
  rest.sort((a, b) => (isBefore(edges, a, b) ? -1 : isBefore(edges, b, a) ? 1 : 0));
  const order = new Int32Array(edges.length);
  let filled = 0;
  let next = 0;
  for (const e of rest) {
    // The first sorted edge after `e` (and after its equals).
    let low = next;
    let high = inOrder;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (isBefore(edges, e, mid)) high = mid;
      else low = mid + 1;
    }
    for (; next < low; next++) order[filled++] = next;
    order[filled++] = e;
  }
  for (; next < inOrder; next++) order[filled++] = next;
  return order;
}

function identity(length: number): Int32Array {
  const order = new Int32Array(length);
  for (let e = 0; e < length; e++) order[e] = e;
  return order;
}

/** The edges of `order` put in the order of their `keys` (ids below `size`), keeping `order` among equal keys. */
function countingOrder(keys: Int32Array, size: number, order: Int32Array): Int32Array {
  const starts = new Int32Array(size + 1);
  for (let e = 0; e < keys.length; e++) starts[keys[e]! + 1]!++;
  for (let i = 0; i < size; i++) starts[i + 1]! += starts[i]!;
  const sorted = new Int32Array(order.length);
  for (let at = 0; at < order.length; at++) {
    const e = order[at]!;
    sorted[starts[keys[e]!]!++] = e;
  }
  return sorted;
}

/** Edge objects as a table, in their order, over the sorted names of `files` and of every edge's ends. */
export function tableOfEdges(edges: readonly GraphEdge[], files: readonly string[] = []): EdgeTable {
  const names = new Set(files);
  for (const { from, to } of edges) names.add(from).add(to);
  const nodes = [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const idOf = new Map(nodes.map((name, id) => [name, id]));
  return {
    nodes,
    length: edges.length,
    from: Int32Array.from(edges, (edge) => idOf.get(edge.from)!),
    to: Int32Array.from(edges, (edge) => idOf.get(edge.to)!),
    kinds: Uint8Array.from(edges, (edge) => edgeKindCodes[edge.kind]),
  };
}

export function edgeObjects({ nodes, length, from, to, kinds }: EdgeTable): GraphEdge[] {
  const edges: GraphEdge[] = [];
  for (let e = 0; e < length; e++) edges.push({ from: nodes[from[e]!]!, to: nodes[to[e]!]!, kind: edgeKinds[kinds[e]!]! });
  return edges;
}

/** The id of a name in a table, or undefined. */
export function nodeId(table: Pick<EdgeTable, 'nodes'>, name: string): number | undefined {
  const at = lowerBound(table.nodes, name);
  return table.nodes[at] === name ? at : undefined;
}

/** A flag per node of the table: 1 for those among `names`. */
export function nodeFlags({ nodes }: Pick<EdgeTable, 'nodes'>, names: Iterable<string>): Uint8Array {
  const flags = new Uint8Array(nodes.length);
  // Names usually come sorted (tests, as discovery lists them): each is looked for from the one before, in steps that
  // double, a few comparisons where a search of the whole list takes ~17 at 100,000 files.
  let at = 0;
  for (const name of names) {
    if (at > 0 && !(nodes[at - 1]! < name)) at = 0;
    let step = 1;
    let high = at;
    while (high < nodes.length && nodes[high]! < name) {
      at = high + 1;
      high = at + step;
      step *= 2;
    }
    high = Math.min(high, nodes.length);
    while (at < high) {
      const mid = (at + high) >>> 1;
      if (nodes[mid]! < name) at = mid + 1;
      else high = mid;
    }
    if (nodes[at] === name) flags[at] = 1;
  }
  return flags;
}
