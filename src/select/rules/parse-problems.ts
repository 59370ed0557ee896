// A file whose imports could not all be read or resolved may depend on any changed file of its unit: selects the
// tests that reach it. Covers files that do not parse, imports that resolve to no file, and imported file types
// impacted cannot read.
import { packageOwner } from '../../graph/package-owner.js';
import type { ParseProblem } from '../../types.js';
import type { SelectionRule } from './rule.js';

const unitKinds = new Set<ParseProblem['kind']>(['unparsed', 'unknown-type']);

export const parseProblems: SelectionRule = {
  name: 'parse-problems',
  // Sees the whole change set: a unit is the nearest directory with a package.json, a workspace package or a
  // smaller unit inside it.
  stop: false,
  select(files, { graph, propagate }) {
    const reasons = new Map<string, string>();
    for (const problem of graph.problems) {
      if (!unitKinds.has(problem.kind) || reasons.has(problem.file)) continue;
      reasons.set(problem.file, problem.kind === 'unparsed' ? `${problem.file} could not be fully parsed` : `${problem.file} is imported but impacted cannot read its imports`);
    }
    for (const { from, specifier, package: dir } of graph.unresolved) {
      if (dir === undefined && !reasons.has(from)) reasons.set(from, `${from} imports "${specifier}", which resolves to no file`);
    }
    if (reasons.size === 0) return;
    const unitOf = packageOwner(graph.files.filter((f) => f.endsWith('/package.json')).map((f) => f.slice(0, -'/package.json'.length)));
    const changedUnits = new Map<string, string>();
    for (const file of files) if (!changedUnits.has(unitOf(file))) changedUnits.set(unitOf(file), file);
    const graphFiles = new Set(graph.files);
    for (const [file, reason] of reasons) {
      const changed = changedUnits.get(unitOf(file));
      if (changed !== undefined && graphFiles.has(file)) propagate(file, changed, reason);
    }
  },
};
