// Selection: maps changed files to the tests they can break by running the rules of rules/index.ts, with reasons.
import { compileGlobs } from '../config/globs.js';
import { codeExtensions } from '../graph/build-graph.js';
import { graphProblems } from '../graph/graph-problems.js';
import { plural } from '../report/plural.js';
import type { InertFile, Selection } from '../types.js';
import { compare, ruleContext } from './rule-context.js';
import { rules } from './rules/index.js';
import type { RuleContext, SelectInput, SelectionRule } from './rules/rule.js';
import { unknownFile } from './rules/unknown-file.js';

export type { SelectInput } from './rules/rule.js';

/** The rules that claim a changed file, in order, up to the first that settles it. */
export function rulesClaiming(file: string, context: RuleContext): SelectionRule[] {
  const claiming: SelectionRule[] = [];
  for (const rule of rules) {
    if (!rule.claims?.(file, context)) continue;
    claiming.push(rule);
    if (rule.stop) break;
  }
  return claiming;
}

/** Every path a change set names (both sides of a rename), sorted. */
function changedPaths(changes: SelectInput['changes']): string[] {
  return [...new Set(changes.changed.flatMap((c) => (c.from ? [c.path, c.from] : [c.path])))].sort(compare);
}

/**
 * The changed files that only the fallback rule (unknown-file) would claim: not code, claimed by no other rule, and
 * imported by no file of the graph. A graph of what the tests reach cannot tell whether a file it did not read imports
 * one: the caller asks again with every file's imports.
 */
export function filesNothingImports(input: SelectInput): string[] {
  if (input.changes.mode === 'all') return [];
  const ignore = compileGlobs(input.config.ignore);
  const candidates = changedPaths(input.changes).filter((file) => !codeExtensions.test(file) && !ignore.test(file));
  if (candidates.length === 0) return [];
  const context = ruleContext(input, [...input.discovery.tests].sort(compare));
  return candidates.filter((file) => rulesClaiming(file, context).at(-1) === unknownFile);
}

/**
 * The tests a change set can break: every changed, not ignored, file goes to the rules (rules/index.ts) that claim
 * it, which select tests with reasons or ask to run every test. Pure: no I/O.
 */
export function selectTests(input: SelectInput): Selection {
  const started = performance.now();
  const { graph, changes, config, discovery } = input;
  const tests = [...discovery.tests].sort(compare);
  const header = { base: changes.base, head: changes.head, changed: changes.changed };
  const recorded = input.recorded;
  const summary = recorded
    ? { recorded: { file: recorded.file, ...(recorded.missing ? { missing: true } : {}), commit: recorded.commit, recordedAt: recorded.recordedAt, tests: recorded.tests, stale: recorded.stale } }
    : {};
  const problems = graphProblems(graph);
  const stats = () => ({ files: graph.stats.files, edges: graph.stats.edges, tests: tests.length, ms: Math.round(graph.stats.ms + performance.now() - started) });
  const everything = (reason: string): Selection => ({
    version: 1,
    mode: 'all',
    reason,
    ...header,
    tests: tests.map((p) => ({ path: p, reasons: [] })),
    problems,
    ...(inert.length > 0 ? { inert } : {}),
    stats: stats(),
    ...summary,
  });
  let inert: InertFile[] = [];
  if (changes.mode === 'all') return everything(changes.reason ?? 'running every test');

  const context = ruleContext(input, tests);
  const paths = changedPaths(changes);
  const ignore = compileGlobs(config.ignore);
  const counted = paths.filter((p) => !ignore.test(p));
  const claimed = new Map<SelectionRule, string[]>(rules.map((rule) => [rule, rule.claims ? [] : counted]));
  for (const file of counted) for (const rule of rulesClaiming(file, context)) claimed.get(rule)!.push(file);
  for (const rule of rules) rule.select(claimed.get(rule)!, context);

  // Every trigger is named: the first in path order may be the harmless one.
  const runAllReasons = [...new Set(context.runAllReasons().sort((a, b) => compare(a.changed, b.changed)).map((r) => r.reason))];
  inert = context.inertFiles();
  if (runAllReasons.length > 0) return everything(`${runAllReasons.join('; ')}: running every test`);
  // Reasons are given to tests only: the sorted tests give the selection's order without sorting it.
  const selected = tests.flatMap((test) => {
    const list = context.reasons.get(test);
    return list ? [{ path: test, reasons: list.length > 1 ? list.sort((a, b) => compare(a.changed, b.changed)) : list }] : [];
  });
  const ignored = paths.length - counted.length;
  const settled = [ignored > 0 ? `${ignored} ignored` : '', inert.length > 0 ? `${inert.length} inert` : ''].filter(Boolean).join(', ');
  const verb = changes.changed.length === 1 ? 'affects' : 'affect';
  const reason = `${plural(changes.changed.length, 'changed file')} ${verb} ${selected.length} of ${plural(tests.length, 'test')}${settled ? ` (${settled})` : ''}`;
  return { version: 1, mode: 'affected', reason, ...header, tests: selected, problems, ...(inert.length > 0 ? { inert } : {}), stats: stats(), ...summary };
}
