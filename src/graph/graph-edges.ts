// A built graph keeps its edges as a table (edge-table.ts): `graph.edges` makes their objects on first read, and the
// pipeline's own stages read the table. Once someone holds the objects (which they may change), the table is dropped.
import type { GraphEdge, ImportGraph } from '../types.js';
import { edgeObjects, tableOfEdges, type EdgeTable } from './edge-table.js';

const tables = new WeakMap<object, EdgeTable>();

/** `graph` with its `edges` read from `table`, made into objects when first read. */
export function withEdgeTable<Graph extends ImportGraph>(graph: Omit<Graph, 'edges'> & { edges?: unknown }, table: EdgeTable): Graph {
  let edges: GraphEdge[] | undefined;
  const result = graph as Graph;
  Object.defineProperty(result, 'edges', {
    enumerable: true,
    configurable: true,
    get() {
      tables.delete(result);
      return (edges ??= edgeObjects(table));
    },
    set(value: GraphEdge[]) {
      tables.delete(result);
      edges = value;
    },
  });
  tables.set(result, table);
  return result;
}

/** The edges of a graph as a table: the one it was built with, else made from its edge objects (a graph made by hand). */
export function edgeTableOf(graph: ImportGraph): EdgeTable {
  return tables.get(graph) ?? tableOfEdges(graph.edges, graph.files);
}

/** A copy of `graph` with `changes` and the edges of `table`, made without reading its edges. */
export function copyWithEdges<Graph extends ImportGraph>(graph: Graph, changes: Partial<Omit<Graph, 'edges'>>, table: EdgeTable): Graph {
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(graph)) copy[key] = key === 'edges' ? undefined : graph[key as keyof Graph];
  return withEdgeTable<Graph>(Object.assign(copy, changes) as Omit<Graph, 'edges'>, table);
}
