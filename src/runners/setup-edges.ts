// Setup files as graph edges: each test depends on the setup and global-setup files of every project that runs it.
import type { TestDiscovery } from '../select/find-tests.js';
import type { GraphEdge, ImportGraph, ParseProblem } from '../types.js';

function byEnds(a: GraphEdge, b: GraphEdge): number {
  return a.from < b.from ? -1 : a.from > b.from ? 1 : a.to < b.to ? -1 : a.to > b.to ? 1 : 0;
}

/** The edges of both lists in `byEnds` order, `edges` first among equals: what a stable sort of both would give. */
function mergeEdges(edges: readonly GraphEdge[], added: GraphEdge[]): GraphEdge[] {
  added.sort(byEnds);
  // The graph's edges come sorted; a graph from elsewhere is sorted here.
  const sorted = edges.every((edge, at) => at === 0 || byEnds(edges[at - 1]!, edge) <= 0) ? edges : [...edges].sort(byEnds);
  const merged: GraphEdge[] = [];
  let next = 0;
  for (const edge of sorted) {
    while (next < added.length && byEnds(added[next]!, edge) < 0) merged.push(added[next++]!);
    merged.push(edge);
  }
  while (next < added.length) merged.push(added[next++]!);
  return merged;
}

/**
 * The graph with a `setup` edge from each test to each setup file of its projects, so that a change to a setup file
 * (or to anything it imports) selects the tests it runs before, and `why` shows the chain through it. A setup entry
 * that matches no file becomes a problem of each test of its project: any change in their package may affect them.
 */
export function withSetupEdges<Graph extends ImportGraph>(graph: Graph, discovery: TestDiscovery): Graph {
  const projects = new Set([...discovery.testProjects.values()].flat());
  const setupFiles = new Set([...projects].flatMap((project) => project.setupFiles));
  if (setupFiles.size === 0 && ![...projects].some((project) => project.missingSetup.length > 0)) return graph;
  const present = new Set(graph.files.filter((file) => setupFiles.has(file)));
  // Each test's setup files that exist, in order; the graph's own edges to them are dropped below.
  const wanted = new Map<string, Set<string>>();
  const problems: ParseProblem[] = [];
  for (const [test, testProjects] of discovery.testProjects) {
    for (const project of testProjects) {
      for (const setup of project.setupFiles) {
        if (setup === test || !present.has(setup)) continue;
        const setups = wanted.get(test);
        if (setups) setups.add(setup);
        else wanted.set(test, new Set([setup]));
      }
      for (const missing of project.missingSetup) {
        problems.push({ file: test, kind: 'config', message: `setup file ${missing} of ${project.configFile || project.runner} matches no file` });
      }
    }
  }
  if (wanted.size > 0) for (const edge of graph.edges) wanted.get(edge.from)?.delete(edge.to);
  const edges: GraphEdge[] = [...wanted].flatMap(([test, setups]) => [...setups].map((setup): GraphEdge => ({ from: test, to: setup, kind: 'setup' })));
  if (edges.length === 0 && problems.length === 0) return graph;
  const allEdges = mergeEdges(graph.edges, edges);
  return { ...graph, edges: allEdges, problems: [...graph.problems, ...problems], stats: { ...graph.stats, edges: allEdges.length } };
}
