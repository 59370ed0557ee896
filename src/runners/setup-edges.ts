// Setup files as graph edges: each test depends on the setup and global-setup files of every project that runs it.
import { edgeKindCodes, edgeList, nodeFlags, nodeIds, sortedTable } from '../graph/edge-table.js';
import { copyWithEdges, edgeTableOf } from '../graph/graph-edges.js';
import type { TestDiscovery } from '../select/find-tests.js';
import type { ImportGraph, ParseProblem } from '../types.js';

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
  const table = edgeTableOf(graph);
  if (wanted.size > 0) {
    const { nodes, length, from, to } = table;
    const wants = nodeFlags(table, wanted.keys());
    for (let e = 0; e < length; e++) if (wants[from[e]!] === 1) wanted.get(nodes[from[e]!]!)?.delete(nodes[to[e]!]!);
  }
  const ids = nodeIds(table.nodes);
  const added = edgeList();
  for (const [test, setups] of wanted) for (const setup of setups) added.add(ids.idOf(test), ids.idOf(setup), edgeKindCodes.setup);
  if (added.length === 0 && problems.length === 0) return graph;
  // The graph's edges first where both have one between the same files, as a stable sort of both would give.
  const edges = sortedTable(ids, [table, added]);
  return copyWithEdges(graph, { problems: [...graph.problems, ...problems], stats: { ...graph.stats, edges: edges.length } } as Partial<Graph>, edges);
}
