// Decides which files are tests: config `tests`, else what each runner's projects say, else the default globs.
import { defaultTestGlobs } from '../config/defaults.js';
import { compileGlobs } from '../config/globs.js';
import { ImpactedError } from '../errors.js';
import type { RepoFiles } from '../files/repo-files.js';
import { packageOwner } from '../graph/package-owner.js';
import { findWorkspaces } from '../graph/workspaces.js';
import type { ProbedEntry } from '../runners/probe/probe-projects.js';
import { selfAndAncestors } from '../runners/project.js';
import type { ReadingCache } from '../graph/reading-cache.js';
import { probeAnswers, readRunnerProjects, type RunnerProjects, testsOfProjectsKept } from '../runners/read-projects.js';
import type { RunnerProject } from '../runners/types.js';
import type { UnreadScriptTests } from '../types.js';

export interface TestDiscovery {
  tests: string[];
  /** Every runner project found (asked from the runner, else read statically). */
  projects: RunnerProject[];
  /** The projects that run each test (a test can be in several); a test in none has no setup files. */
  testProjects: Map<string, RunnerProject[]>;
  /** The runner config files read. */
  configFiles: string[];
  /**
   * The packages whose test script names no runner impacted reads, with the tests the default globs made of their
   * files (none with `unreadTestScripts: "ignore"` or `tests` in the config): `impacted run` runs such a script.
   */
  unreadScripts: UnreadScriptTests[];
  /** Where the test patterns came from, for the detection summary. */
  source: 'config' | 'runner-configs' | 'defaults';
  /** How many of `tests` only impacted's default globs made tests (packages with no runner, or a test script impacted cannot read). */
  byDefaultGlobs: number;
  /** What keeps the answer from being complete: widened patterns, missing setup files, configs without tests. */
  warnings: string[];
  /** The projects the installed runners resolved, where they could be asked. */
  probedProjects: RunnerProject[];
  /** Runner configs whose runner could not be asked, and why: static reading was used for them. `installed: false`: the runner is not installed there. */
  probeFailures: { configFile: string; reason: string; installed: boolean }[];
  /** Runner processes started to ask (`asked`) and answers taken from the probe cache (`cached`). */
  probeCounts: { asked: number; cached: number };
}

function warningsOf(read: RunnerProjects, testProjects: Map<string, RunnerProject[]>): string[] {
  const warnings: string[] = [];
  const counted = new Set([...testProjects.values()].flat());
  for (const project of read.projects) {
    const where = project.configFile || `the ${project.runner} defaults in ${project.dir || 'the repository root'}`;
    if (project.widened) warnings.push(`${where}: ${project.widened} cannot be read statically; its tests are the ${project.runner} defaults plus every pattern written there`);
    for (const missing of project.missingSetup) warnings.push(`${where}: setup file ${missing} matches no file; every test of ${project.name || project.dir || 'the repository root'} counts as depending on every change of its package`);
  }
  // The directories some config or package's runner defaults are below: a config there has projects nested under it.
  const above = new Set([...read.configs, ...read.defaults].flatMap(({ dir }) => selfAndAncestors(dir).slice(1)));
  for (const config of read.configs) {
    // A root config above package configs (or above packages that run their runner with their own arguments, as
    // opentelemetry-js's `.mocharc.yml`) owns nothing by design; a config with nothing below it should own tests,
    // unless its runner said so (it is the authority) or it has no test patterns (a vite config without `test` is an app's).
    const nested = above.has(config.dir);
    const readStatically = config.projects.length > 0 && config.projects.every((project) => project.origin !== 'probe');
    if (!nested && readStatically && !config.projects.some((project) => counted.has(project))) warnings.push(`${config.configFile}: no test file matches its test patterns`);
  }
  return [...new Set(warnings)];
}

export interface FindTestsOptions {
  /** `tests` of the config: when given, these globs alone say which files are tests (an error when they match none). */
  tests?: readonly string[];
  /** `unreadTestScripts` of the config: whether the files of packages whose test script names no runner impacted reads count as tests (default `widen`). */
  unreadTestScripts?: 'widen' | 'ignore';
  /** Where the files' contents are read (default the work tree). */
  source?: RepoFiles;
  /** The runner probe's answers: their projects stand for the configs they came from. */
  probed?: readonly ProbedEntry[];
  /** The runner projects when already read (else they are read here). */
  projects?: RunnerProjects;
  /** Keeps which projects own which file between runs. */
  readings?: ReadingCache;
}

/** The package label messages use. */
function packageLabel(dir: string): string {
  return dir === '' ? 'the repository root' : dir;
}

/**
 * One warning per package whose test script names no runner impacted reads and whose files the default globs made
 * tests (a package with no runner at all has them anyway, and says nothing): which script, how many files, what to do.
 */
function unreadScriptWarnings(read: RunnerProjects, byDefault: readonly string[], ownerDir: (file: string) => string): string[] {
  const widened = new Map<string, number>();
  for (const file of byDefault) widened.set(ownerDir(file), (widened.get(ownerDir(file)) ?? 0) + 1);
  const unknown = new Set(read.unknownRunner);
  return read.unreadScripts.flatMap(({ dir, script }) => {
    const count = widened.get(dir) ?? 0;
    if (count === 0 || unknown.has(dir)) return [];
    const label = packageLabel(dir);
    const counted = count === 1 ? '1 file there that matches the default test globs and no runner config takes counts as a test' : `${count} files there that match the default test globs and no runner config takes count as tests`;
    return [
      `${label}: its test script ${JSON.stringify(script)} names no test runner impacted reads; ${counted}. ` +
        `Add ${label === 'the repository root' ? 'them' : label} to a runner config (or "tests" in impacted.config.json), or set "unreadTestScripts": "ignore" in impacted.config.json if that script runs none of them.`,
    ];
  });
}

/** The unread scripts with the tests the default globs made in their packages, those with none left out. */
function unreadScriptTests(read: RunnerProjects, byDefault: readonly string[], ownerDir: (file: string) => string): UnreadScriptTests[] {
  const testsOf = new Map<string, string[]>();
  for (const file of byDefault) {
    const dir = ownerDir(file);
    const tests = testsOf.get(dir);
    if (tests) tests.push(file);
    else testsOf.set(dir, [file]);
  }
  return read.unreadScripts.flatMap(({ dir, script }) => {
    const tests = testsOf.get(dir);
    return tests ? [{ dir, script, tests: tests.toSorted() }] : [];
  });
}

/**
 * Which of `files` are tests: the configured globs (`tests`) when given (an error if they match nothing), else the
 * tests of the runner projects (what the probe answered, the other configs read statically; `projects` when already
 * read), else impacted's default globs in packages with no runner at all and (unless `unreadTestScripts` is `ignore`)
 * in packages whose test script names no runner impacted reads. Which projects own which file is kept in `readings`.
 */
export function findTests(root: string, files: readonly string[], options: FindTestsOptions = {}): TestDiscovery {
  const { tests: configuredGlobs, source, probed = [], projects, readings } = options;
  const answers = probeAnswers(probed);
  const read = projects ?? readRunnerProjects({ root, files, packageDirs: findWorkspaces(root, files, source).packages.map((pkg) => pkg.dir), source, probed });
  const owners = testsOfProjectsKept(root, files, read, readings);
  const base = { projects: read.projects, configFiles: read.configFiles, probedProjects: answers.projects, probeFailures: answers.failures, probeCounts: answers.counts };
  if (configuredGlobs) {
    const configured = compileGlobs(configuredGlobs);
    const tests = files.filter((f) => configured.test(f));
    // A typo in the globs would otherwise select nothing, silently, on every branch.
    if (tests.length === 0 && files.length > 0) {
      const what = configuredGlobs.length === 0 ? 'is an empty list' : `globs ${JSON.stringify(configuredGlobs)} match no file of the repository`;
      throw new ImpactedError('CONFIG', `"tests" ${what}. Fix the globs (relative to the repository root) or remove "tests" to detect test files.`);
    }
    const testProjects = new Map(tests.flatMap((test) => (owners.has(test) ? [[test, owners.get(test) ?? []] as const] : [])));
    return { tests, ...base, testProjects, unreadScripts: [], source: 'config', byDefaultGlobs: 0, warnings: [] };
  }
  // A test script impacted cannot read may run any test file no config takes: such a package is one with no runner.
  const unread = options.unreadTestScripts === 'ignore' ? [] : read.unreadScripts.map(({ dir }) => dir);
  const unknown = new Set([...read.unknownRunner, ...unread]);
  const ownerDir = packageOwner(unknown.size > 0 ? findWorkspaces(root, files, source).packages.map((pkg) => pkg.dir) : []);
  // Compiled only where a package has no runner (the globs cost a few milliseconds to compile).
  const defaults = unknown.size > 0 ? compileGlobs(defaultTestGlobs) : undefined;
  const byDefault = defaults ? files.filter((file) => !owners.has(file) && unknown.has(ownerDir(file)) && defaults.test(file)) : [];
  const tests = [...new Set([...owners.keys(), ...byDefault])].sort();
  const fromConfigs = read.projects.some((project) => project.configFile !== '');
  const warnings = [...warningsOf(read, owners), ...(unread.length > 0 ? unreadScriptWarnings(read, byDefault, ownerDir) : [])];
  const unreadScripts = unread.length > 0 ? unreadScriptTests(read, byDefault, ownerDir) : [];
  return { tests, ...base, testProjects: owners, unreadScripts, source: fromConfigs ? 'runner-configs' : 'defaults', byDefaultGlobs: byDefault.length, warnings };
}
