// A file a runner config imports (a shared helper that makes every package's config, as medusa's root
// `define_jest_config.js`): a change to it changes each config that reaches it, and selects what a change to that
// config selects (its package's tests and its dependents'; at the root, every test).
import path from 'node:path';
import { edgeTableOf } from '../../graph/graph-edges.js';
import { forwardEdges } from '../reachability.js';
import type { SelectionRule } from './rule.js';

export const configImport: SelectionRule = {
  name: 'config-import',
  // Sees the whole change set: a helper is code, and the imports rule selects the tests that reach it too.
  stop: false,
  select(files, { graph, config, discovery, scope, runAll, selectPackage }) {
    const configs = [...new Set([...discovery.configFiles, ...discovery.projects.map((project) => project.configFile)])].filter((file) => file !== '').sort();
    if (files.length === 0 || configs.length === 0) return;
    const imports = forwardEdges(edgeTableOf(graph), config.typeOnly === 'include');
    const changed = new Set(files);
    // One walk per config from its own imports, over ids; `seen` holds the config a file was last reached from.
    const seen = new Int32Array(imports.names.length).fill(-1);
    configs.forEach((configFile, c) => {
      const start = imports.idOf(configFile);
      if (start === undefined) return;
      const queue = [start];
      seen[start] = c;
      for (let q = 0; q < queue.length; q++) {
        const id = queue[q]!;
        for (let t = imports.offsets[id]!; t < imports.offsets[id + 1]!; t++) {
          const target = imports.targets[t]!;
          if (seen[target] === c) continue;
          seen[target] = c;
          queue.push(target);
          const file = imports.names[target]!;
          if (!changed.has(file)) continue;
          const owner = scope.ownerDir(configFile);
          if (owner === '') runAll(file, `${configFile}, which configures the whole repository, imports ${file}`);
          else selectPackage(owner, file, `${path.posix.basename(configFile)} of ${owner} imports ${file}`);
        }
      }
    });
  },
};
