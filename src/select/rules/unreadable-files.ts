// A file impacted cannot open may import anything its package can reach: a change in its package or in any package it
// depends on (transitively) selects every test that reaches the file, in whichever package that test is.
import type { SelectionRule } from './rule.js';

export const unreadableFiles: SelectionRule = {
  name: 'unreadable-files',
  // Sees the whole change set.
  stop: false,
  select(files, { graph, scope, propagate }) {
    const unreadable = graph.problems.filter((problem) => problem.kind === 'unreadable');
    if (unreadable.length === 0) return;
    const changedByPackage = new Map<string, string>();
    for (const file of files) if (!changedByPackage.has(scope.ownerDir(file))) changedByPackage.set(scope.ownerDir(file), file);
    for (const { file } of unreadable) {
      const owner = scope.ownerDir(file);
      const changed = [...scope.withDependencies(owner)].map((dir) => changedByPackage.get(dir)).find((found) => found !== undefined);
      if (changed !== undefined) propagate(file, changed, `${file} cannot be read: it may import anything ${owner || 'the root package'} depends on`);
    }
  },
};
