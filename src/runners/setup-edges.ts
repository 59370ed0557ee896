// Setup files as graph edges: each test depends on the setup and global-setup files of every project that runs it.
import type { TestDiscovery } from '../select/find-tests.js';
import type { GraphEdge, ImportGraph, ParseProblem } from '../types.js';

/**
 * The graph with a `setup` edge from each test to each setup file of its projects, so that a change to a setup file
 * (or to anything it imports) selects the tests it runs before, and `why` shows the chain through it. A setup entry
 * that matches no file becomes a problem of each test of its project: any change in their package may affect them.
 */
export function withSetupEdges<Graph extends ImportGraph>(graph: Graph, discovery: TestDiscovery): Graph {
  const edges: GraphEdge[] = [];
  const problems: ParseProblem[] = [];
  const files = new Set(graph.files);
  const existing = new Set(graph.edges.map((edge) => `${edge.from}\0${edge.to}`));
  for (const [test, projects] of discovery.testProjects) {
    for (const project of projects) {
      for (const setup of project.setupFiles) {
        if (setup === test || !files.has(setup) || existing.has(`${test}\0${setup}`)) continue;
        existing.add(`${test}\0${setup}`);
        edges.push({ from: test, to: setup, kind: 'setup' });
      }
      for (const missing of project.missingSetup) {
        problems.push({ file: test, kind: 'config', message: `setup file ${missing} of ${project.configFile || project.runner} matches no file` });
      }
    }
  }
  if (edges.length === 0 && problems.length === 0) return graph;
  const allEdges = [...graph.edges, ...edges].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.to < b.to ? -1 : a.to > b.to ? 1 : 0));
  return { ...graph, edges: allEdges, problems: [...graph.problems, ...problems], stats: { ...graph.stats, edges: allEdges.length } };
}
