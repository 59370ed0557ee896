// Decides which files are tests: config `tests`, else the globs runner configs declare, else the defaults.
import { defaultTestGlobs } from '../config/defaults.js';
import { ImpactedError } from '../errors.js';
import { compileGlobs } from '../config/globs.js';
import type { RepoFiles } from '../files/repo-files.js';
import type { ProbedEntry } from '../runners/probe/probe-projects.js';
import { projectMatcher } from '../runners/project-matcher.js';
import type { RunnerProject } from '../runners/types.js';
import { readRunnerConfig, runnerConfigPattern, type RunnerConfigInfo } from './runner-config.js';

export interface TestDiscovery {
  tests: string[];
  runnerConfigs: RunnerConfigInfo[];
  /** Where the globs came from, for the detection summary. */
  source: 'config' | 'runner-configs' | 'defaults';
  /** The projects the installed runners resolved, where they could be asked. */
  probedProjects: RunnerProject[];
  /** Runner configs whose runner could not be asked, and why: static reading was used for them. `installed: false`: the runner is not installed there. */
  probeFailures: { configFile: string; reason: string; installed: boolean }[];
  /** Runner processes started to ask (`asked`) and answers taken from the probe cache (`cached`). */
  probeCounts: { asked: number; cached: number };
}

/** The runner configs the probe answered for (by the repository file they stand for), their projects, and the failures. */
function probeAnswers(probed: readonly ProbedEntry[]) {
  const answered = new Set<string>();
  const projects: RunnerProject[] = [];
  const failures: TestDiscovery['probeFailures'] = [];
  for (const entry of probed) {
    const file = entry.owner ?? entry.configFile;
    if (entry.outcome.ok) {
      answered.add(file);
      projects.push(...entry.outcome.projects);
    } else if (!entry.optional) {
      failures.push({ configFile: file, reason: entry.outcome.reason, installed: entry.started || entry.cached });
    }
  }
  const counts = { asked: probed.filter((entry) => !entry.cached && entry.started).length, cached: probed.filter((entry) => entry.cached).length };
  return { answered, projects, failures, counts };
}

/**
 * Which of `files` are tests: the configured globs when given (an error if they match nothing), else the
 * `include`/`testMatch` globs of the runner config owning each file, read statically, else the default globs.
 */
export function findTests(
  root: string,
  files: readonly string[],
  configuredGlobs?: readonly string[],
  source?: RepoFiles,
  probed: readonly ProbedEntry[] = [],
): TestDiscovery {
  const { answered, projects: probedProjects, failures: probeFailures, counts: probeCounts } = probeAnswers(probed);
  // A config the runner answered for contributes its resolved setup files; the others are read statically.
  const runnerConfigs: RunnerConfigInfo[] = [
    ...files.filter((file) => runnerConfigPattern.test(file) && !answered.has(file)).map((file) => readRunnerConfig(root, file, source)),
    ...probedProjects.map((project) => ({ file: project.configFile, dir: project.dir, setupFiles: project.setupFiles })),
  ];
  if (configuredGlobs) {
    const configured = compileGlobs(configuredGlobs);
    const tests = files.filter((f) => configured.test(f));
    // A typo in the globs would otherwise select nothing, silently, on every branch.
    if (tests.length === 0 && files.length > 0) {
      const what = configuredGlobs.length === 0 ? 'is an empty list' : `globs ${JSON.stringify(configuredGlobs)} match no file of the repository`;
      throw new ImpactedError('CONFIG', `"tests" ${what}. Fix the globs (relative to the repository root) or remove "tests" to detect test files.`);
    }
    return { tests, runnerConfigs, source: 'config', probedProjects, probeFailures, probeCounts };
  }
  // The deepest runner config with readable globs owns the files below it; where its runner answered, the file is a
  // test when any project a runner resolved says so.
  const probedMatchers = probedProjects.map((project) => projectMatcher(root, project));
  const isProbedTest = (file: string): boolean => probedMatchers.some((matches) => matches(file));
  const owners = [
    ...runnerConfigs.filter((c) => c.tests && !answered.has(c.file)).map((c) => ({ dir: c.dir, test: compileGlobs(c.tests!).test })),
    ...[...answered].map((file) => ({ dir: runnerConfigDir(file), test: isProbedTest })),
  ].sort((a, b) => b.dir.length - a.dir.length);
  const defaults = compileGlobs(defaultTestGlobs);
  const tests = files.filter((file) => {
    const owner = owners.find((c) => c.dir === '' || file.startsWith(`${c.dir}/`));
    return owner ? owner.test(file) : defaults.test(file);
  });
  return { tests, runnerConfigs, source: owners.length > 0 ? 'runner-configs' : 'defaults', probedProjects, probeFailures, probeCounts };
}

function runnerConfigDir(file: string): string {
  const slash = file.lastIndexOf('/');
  return slash === -1 ? '' : file.slice(0, slash);
}
