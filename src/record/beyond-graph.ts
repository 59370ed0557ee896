// The recorded dependencies that the static graph and rules do not see: the holes the map fills, most used first.
import { staticReach } from '../audit/static-reach.js';
import type { Config } from '../config/load-config.js';
import type { TestDiscovery } from '../select/find-tests.js';
import type { ImportGraph } from '../types.js';
import type { RecordedMap } from './recorded-map.js';

export interface UnseenDependency {
  /** The repository file the tests executed or read. */
  file: string;
  how: 'executed' | 'read';
  /** The recorded tests that depend on it although a change to it would not select them statically, sorted. */
  tests: string[];
}

export function dependenciesBeyondGraph(
  map: RecordedMap,
  graph: ImportGraph,
  config: Pick<Config, 'runAll' | 'ignore' | 'typeOnly'>,
  discovery: TestDiscovery,
): UnseenDependency[] {
  const reach = staticReach(graph, config, discovery);
  const known = new Set(graph.files);
  const unseen = new Map<string, UnseenDependency>();
  for (const [test, recorded] of [...map.tests].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const uses = [...recorded.executed.map((file) => ({ file, how: 'executed' as const })), ...recorded.read.map((file) => ({ file, how: 'read' as const }))];
    for (const { file, how } of uses) {
      // A file gone since the recording cannot change any more; the test's own file selects it anyway.
      if (file === test || !known.has(file) || reach.selects(file, test)) continue;
      const entry = unseen.get(file);
      if (entry) entry.tests.push(test);
      else unseen.set(file, { file, how, tests: [test] });
    }
  }
  return [...unseen.values()].sort((a, b) => b.tests.length - a.tests.length || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
