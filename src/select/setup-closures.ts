// The files each package's test setup loads: the forward closure of the setup files its runner configs declare.
import type { ImportGraph } from '../types.js';
import type { TestDiscovery } from './find-tests.js';
import type { PackageScope } from './package-scope.js';
import { forwardEdges, reachFrom } from './reachability.js';

/** For every file a setup file reaches, the directories of the packages whose runner config declares that setup. */
export function setupClosures(graph: ImportGraph, discovery: TestDiscovery, scope: PackageScope): Map<string, Set<string>> {
  const files = new Set(graph.files);
  const imports = forwardEdges(graph.edges, true);
  const byFile = new Map<string, Set<string>>();
  for (const config of discovery.runnerConfigs) {
    const pkg = scope.ownerDir(config.file);
    for (const setup of config.setupFiles) {
      const start = [setup, ...['.ts', '.js', '.mts', '.mjs', '.tsx'].map((ext) => setup + ext)].find((f) => files.has(f));
      if (!start) continue;
      for (const file of reachFrom(start, imports).keys()) {
        let owners = byFile.get(file);
        if (!owners) byFile.set(file, (owners = new Set()));
        owners.add(pkg);
      }
    }
  }
  return byFile;
}
