// Checks that keep a wrong test set from looking complete: a "test" that other code imports is probably a helper.
import { edgeKindCodes, nodeFlags } from '../graph/edge-table.js';
import { edgeTableOf } from '../graph/graph-edges.js';
import { plural } from '../report/plural.js';
import type { TestDiscovery } from '../select/find-tests.js';
import type { ImportGraph } from '../types.js';

/** Warnings about the test set: discovery's own (widened patterns, missing setup files, configs with no tests) and imported tests. */
export function testSetWarnings(graph: ImportGraph, discovery: TestDiscovery): string[] {
  const edges = edgeTableOf(graph);
  const { nodes, length, kinds } = edges;
  const isTest = nodeFlags(edges, discovery.tests);
  const importers = new Map<string, string[]>();
  for (let e = 0; e < length; e++) {
    // A setup edge is the runner's doing; a package node stands for an import that names no file, not for code.
    const importer = edges.from[e]!;
    const imported = edges.to[e]!;
    if (isTest[imported] === 0 || isTest[importer] === 1 || kinds[e] === edgeKindCodes.setup || kinds[e] === edgeKindCodes.package) continue;
    const test = nodes[imported]!;
    importers.set(test, [...(importers.get(test) ?? []), nodes[importer]!]);
  }
  const imported = [...importers].sort(([a], [b]) => (a < b ? -1 : 1)).map(([test, from]) => {
    const others = from.length > 1 ? ` and ${plural(from.length - 1, 'other file')}` : '';
    return `${test} counts as a test, but ${from[0]}${others} (not tests) import it: check the runner's test patterns`;
  });
  return [...discovery.warnings, ...imported];
}
