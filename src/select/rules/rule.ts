// The shape of a selection rule and the context every rule selects through.
import type { Config } from '../../config/load-config.js';
import type { RecordedDependencies } from '../../record/recorded-dependencies.js';
import type { ChangeSet, ImportGraph, SelectionReason } from '../../types.js';
import type { TestDiscovery } from '../find-tests.js';
import type { InertMatcher } from '../inert-files.js';
import type { PackageScope } from '../package-scope.js';
import type { Adjacency } from '../reachability.js';

export interface SelectInput {
  graph: ImportGraph;
  changes: ChangeSet;
  /** `inert` left out: the default known-inert list. */
  config: Pick<Config, 'runAll' | 'ignore' | 'typeOnly'> & Partial<Pick<Config, 'inert'>>;
  discovery: TestDiscovery;
  /** What a recorded run (`impacted record`) says about the changed files, when the config names a map. */
  recorded?: RecordedDependencies;
}

/** What a rule reads (the inputs, indexes built once) and how it selects (the three verbs at the bottom). */
export interface RuleContext extends SelectInput {
  /** Every test file, sorted. */
  tests: readonly string[];
  testSet: ReadonlySet<string>;
  scope: PackageScope;
  /** Reverse import edges (type-only edges included unless `typeOnly: ignore`). */
  importers: Adjacency;
  /** The known-inert pattern a file matches (config/defaults.ts and the config's `inert`), if any. */
  inertPattern: InertMatcher;
  /** Built on first use: the repository files importing each external package. */
  importersOfPackage(): Map<string, string[]>;
  /** Selects every test that reaches `seed` through imports, reasoned by `changed` (and `rule`, when not a plain chain). */
  propagate(seed: string, changed: string, rule?: string): void;
  /** Selects every test of the package at `dir` and of the packages depending on it. */
  selectPackage(dir: string, changed: string, rule: string): void;
  /** Runs every test: `reason` says why, without ": running every test" (every reason is shown, ordered by `changed`). */
  runAll(changed: string, reason: string): void;
  /** Records a changed file that selects nothing because it is known inert (`pattern` says why). */
  inert(changed: string, pattern: string): void;
  addReason(test: string, reason: SelectionReason): void;
}

/**
 * One selection rule: the changed files it claims and what it selects for them. Rules run in the order of
 * `rules/index.ts`; each changed (not ignored) file is offered to them in that order until a rule with
 * `stop: true` claims it.
 */
export interface SelectionRule {
  /** Kebab-case, the same as the file name. */
  name: string;
  /** Whether this rule is about `file`. A rule without `claims` sees every changed, not ignored, file. */
  claims?(file: string, context: RuleContext): boolean;
  /** Whether a file this rule claimed is settled, so that the rules after it do not see it. */
  stop: boolean;
  /** Selects (through the context) for all the files it claimed at once, in path order. */
  select(files: readonly string[], context: RuleContext): void;
}
