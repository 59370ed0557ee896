// The graph's edges as a table of node ids: the same edges, in the same order, as their objects, and the same
// importers and reach as a walk over the objects, cold and warm, after an edit.
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/graph/build-graph.js';
import { edgeKinds, edgeList, edgeObjects, nodeFlags, nodeIds, sortedTable } from '../../src/graph/edge-table.js';
import { edgeTableOf } from '../../src/graph/graph-edges.js';
import { reachFrom, reverseEdges } from '../../src/select/reachability.js';
import type { EdgeKind, GraphEdge } from '../../src/types.js';
import { createRepo } from '../helpers/repo.js';

const byEnds = (a: GraphEdge, b: GraphEdge) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.to < b.to ? -1 : a.to > b.to ? 1 : 0);

/** Every file that reaches `start` through the edges (objects, not the table), `start` included. */
function reachedByObjects(edges: readonly GraphEdge[], start: string, includeTypeOnly: boolean): string[] {
  const reached = new Set([start]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const { from, to, kind } of edges) {
      if ((includeTypeOnly || kind !== 'type') && reached.has(to) && !reached.has(from)) {
        reached.add(from);
        grew = true;
      }
    }
  }
  return [...reached].sort();
}

/** A random generator with a seed, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 48271) % 2147483647) / 2147483647;
}

describe('sortedTable', () => {
  it('orders edges as a stable sort of their objects does, with names beyond the known ones and repeated pairs', () => {
    const next = random(17);
    for (let trial = 0; trial < 200; trial++) {
      const known = [...new Set(Array.from({ length: 1 + Math.floor(next() * 30) }, () => `f${Math.floor(next() * 50)}`))].sort();
      const ids = nodeIds(known);
      const name = () => (next() < 0.15 ? `x${Math.floor(next() * 5)}/**` : known[Math.floor(next() * known.length)]!);
      const kind = (): EdgeKind => edgeKinds[Math.floor(next() * edgeKinds.length)]!;
      // The first list in order (as the cache's edges come) or not; the second a few edges or many.
      const lists = [edgeList(), edgeList()];
      const objects: GraphEdge[] = [];
      for (const [n, list] of lists.entries()) {
        const count = Math.floor(next() * (n === 0 ? 60 : next() < 0.5 ? 3 : 60));
        const made = Array.from({ length: count }, () => ({ from: name(), to: name(), kind: kind() }));
        if (n === 0 && next() < 0.7) made.sort(byEnds);
        for (const edge of made) list.add(ids.idOf(edge.from), ids.idOf(edge.to), edgeKinds.indexOf(edge.kind));
        objects.push(...made);
      }
      const table = sortedTable(ids, lists);
      expect(table.nodes).toEqual([...new Set([...known, ...objects.flatMap((edge) => [edge.from, edge.to])])].sort());
      expect(edgeObjects(table)).toEqual([...objects].sort(byEnds));
    }
  });
});

describe('nodeFlags', () => {
  it('flags exactly the names given, sorted or not', () => {
    const next = random(5);
    for (let trial = 0; trial < 200; trial++) {
      const nodes = [...new Set(Array.from({ length: Math.floor(next() * 40) }, () => `f${Math.floor(next() * 60)}`))].sort();
      const names = Array.from({ length: Math.floor(next() * 20) }, () => `f${Math.floor(next() * 70)}`);
      if (next() < 0.5) names.sort();
      expect([...nodeFlags({ nodes }, names)]).toEqual(nodes.map((node) => (names.includes(node) ? 1 : 0)));
    }
  });
});

describe('the edge table of a built graph', () => {
  it('holds the edges of the graph, and its importers reach what the edges reach, cold, warm and after an edit', async () => {
    const repo = createRepo('graph-monorepo');
    // A config edge doubling an import edge changes that edge's kind; the others are added.
    const implicitDependencies = { 'apps/api/test/**': ['apps/api/sql/*.sql', 'apps/api/src/server.ts'] };
    const check = async () => {
      const built = await buildGraph({ cwd: repo.dir, implicitDependencies });
      const table = edgeTableOf(built);
      const fromTable = edgeObjects(table);
      // Read after the table: reading the objects lets it go.
      const { edges } = built;
      expect(edgeTableOf(built)).not.toBe(table);
      expect(fromTable).toEqual(edges);
      expect([...edges].sort(byEnds)).toEqual(edges);
      for (const includeTypeOnly of [true, false]) {
        const importers = reverseEdges(table, includeTypeOnly);
        for (const file of built.files) {
          const reach = reachFrom(file, importers);
          const reached = built.files.filter((other) => reach.has(other));
          expect(reached, file).toEqual(reachedByObjects(edges, file, includeTypeOnly).filter((other) => built.files.includes(other)));
          expect(importers.has(file)).toBe(edges.some((edge) => edge.to === file && (includeTypeOnly || edge.kind !== 'type')));
        }
      }
      return { edges, cached: built.stats.cached };
    };
    const cold = await check();
    expect(cold.cached).toBe(0);
    const warm = await check();
    expect(warm.cached).toBeGreaterThan(0);
    expect(warm.edges).toEqual(cold.edges);
    // An edited file's edges are resolved again and merged among the cached ones.
    appendFileSync(path.join(repo.dir, 'apps/api/src/server.ts'), "\nimport '../../../packages/legacy/src/helper';\n");
    const edited = await check();
    expect(edited.edges).toContainEqual({ from: 'apps/api/src/server.ts', to: 'packages/legacy/src/helper.ts', kind: 'static' });
    expect(edited.edges.length).toBe(cold.edges.length + 1);
  });
});
