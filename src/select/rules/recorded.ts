// A recorded run saw a test execute or read a changed file: select it, whatever the static graph says.
import type { SelectionRule } from './rule.js';

export const recorded: SelectionRule = {
  name: 'recorded',
  stop: false,
  select(files, { recorded: dependencies, testSet, addReason }) {
    if (!dependencies) return;
    const stale = new Set(dependencies.stale);
    const commit = dependencies.commit.slice(0, 7);
    for (const file of files) {
      for (const { test, how } of dependencies.byChanged.get(file) ?? []) {
        // A test edited since the recording may no longer load the file; the static rules decide for it.
        if (!testSet.has(test) || stale.has(test)) continue;
        addReason(test, { changed: file, via: [], rule: `recorded on ${commit}: ${how} ${file}` });
      }
    }
  },
};
