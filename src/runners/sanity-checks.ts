// Checks that keep a wrong test set from looking complete: a "test" that other code imports is probably a helper.
import { plural } from '../report/plural.js';
import type { TestDiscovery } from '../select/find-tests.js';
import type { ImportGraph } from '../types.js';

/** Warnings about the test set: discovery's own (widened patterns, missing setup files, configs with no tests) and imported tests. */
export function testSetWarnings(graph: ImportGraph, discovery: TestDiscovery): string[] {
  const tests = new Set(discovery.tests);
  const importers = new Map<string, string[]>();
  // Edges come grouped by the importer: whether it is a test is looked up once per group.
  let lastFrom: string | undefined;
  let fromTest = false;
  for (const edge of graph.edges) {
    if (edge.from !== lastFrom) {
      lastFrom = edge.from;
      fromTest = tests.has(edge.from);
    }
    // A setup edge is the runner's doing; a package node stands for an import that names no file, not for code.
    if (fromTest || edge.kind === 'setup' || edge.kind === 'package' || !tests.has(edge.to)) continue;
    importers.set(edge.to, [...(importers.get(edge.to) ?? []), edge.from]);
  }
  const imported = [...importers].sort(([a], [b]) => (a < b ? -1 : 1)).map(([test, from]) => {
    const others = from.length > 1 ? ` and ${plural(from.length - 1, 'other file')}` : '';
    return `${test} counts as a test, but ${from[0]}${others} (not tests) import it: check the runner's test patterns`;
  });
  return [...discovery.warnings, ...imported];
}
