// Checks that keep a wrong test set from looking complete: a "test" that other code imports is probably a helper.
import { plural } from '../report/plural.js';
import type { TestDiscovery } from '../select/find-tests.js';
import type { ImportGraph } from '../types.js';

/** Warnings about the test set: discovery's own (widened patterns, missing setup files, configs with no tests) and imported tests. */
export function testSetWarnings(graph: ImportGraph, discovery: TestDiscovery): string[] {
  const tests = new Set(discovery.tests);
  const importers = new Map<string, string[]>();
  for (const edge of graph.edges) {
    // A setup edge is the runner's doing; a package node stands for an import that names no file, not for code.
    if (edge.kind === 'setup' || edge.kind === 'package' || !tests.has(edge.to) || tests.has(edge.from)) continue;
    importers.set(edge.to, [...(importers.get(edge.to) ?? []), edge.from]);
  }
  const imported = [...importers].sort(([a], [b]) => (a < b ? -1 : 1)).map(([test, from]) => {
    const others = from.length > 1 ? ` and ${plural(from.length - 1, 'other file')}` : '';
    return `${test} counts as a test, but ${from[0]}${others} (not tests) import it: check the runner's test patterns`;
  });
  return [...discovery.warnings, ...imported];
}
