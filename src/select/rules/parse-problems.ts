// A file whose imports could not all be read may depend on any changed file of its unit: selects its importers.
import { codeExtensions } from '../../graph/build-graph.js';
import { packageOwner } from '../../graph/package-owner.js';
import type { SelectionRule } from './rule.js';

export const parseProblems: SelectionRule = {
  name: 'parse-problems',
  // Sees the whole change set: a unit is the nearest directory with a package.json, a workspace package or a
  // smaller unit inside it.
  stop: false,
  select(files, { graph, propagate }) {
    if (graph.problems.length === 0) return;
    const unitOf = packageOwner(graph.files.filter((f) => f.endsWith('/package.json')).map((f) => f.slice(0, -'/package.json'.length)));
    const changedUnits = new Map<string, string>();
    for (const file of files) if (!changedUnits.has(unitOf(file))) changedUnits.set(unitOf(file), file);
    const graphFiles = new Set(graph.files);
    for (const problem of graph.problems) {
      const changed = changedUnits.get(unitOf(problem.file));
      if (changed !== undefined && graphFiles.has(problem.file) && codeExtensions.test(problem.file)) {
        propagate(problem.file, changed, `${problem.file} could not be fully parsed`);
      }
    }
  },
};
