// Decides which files are tests: config `tests`, else the globs runner configs declare, else the defaults.
import { defaultTestGlobs } from '../config/defaults.js';
import { ImpactedError } from '../errors.js';
import { compileGlobs } from '../config/globs.js';
import type { RepoFiles } from '../files/repo-files.js';
import { readRunnerConfig, runnerConfigPattern, type RunnerConfigInfo } from './runner-config.js';

export interface TestDiscovery {
  tests: string[];
  runnerConfigs: RunnerConfigInfo[];
  /** Where the globs came from, for the detection summary. */
  source: 'config' | 'runner-configs' | 'defaults';
}

/**
 * Which of `files` are tests: the configured globs when given (an error if they match nothing), else the
 * `include`/`testMatch` globs of the runner config owning each file, read statically, else the default globs.
 */
export function findTests(root: string, files: readonly string[], configuredGlobs?: readonly string[], source?: RepoFiles): TestDiscovery {
  const runnerConfigs = files.filter((file) => runnerConfigPattern.test(file)).map((file) => readRunnerConfig(root, file, source));
  if (configuredGlobs) {
    const configured = compileGlobs(configuredGlobs);
    const tests = files.filter((f) => configured.test(f));
    // A typo in the globs would otherwise select nothing, silently, on every branch.
    if (tests.length === 0 && files.length > 0) {
      const what = configuredGlobs.length === 0 ? 'is an empty list' : `globs ${JSON.stringify(configuredGlobs)} match no file of the repository`;
      throw new ImpactedError('CONFIG', `"tests" ${what}. Fix the globs (relative to the repository root) or remove "tests" to detect test files.`);
    }
    return { tests, runnerConfigs, source: 'config' };
  }
  // The deepest runner config with readable globs owns the files below it.
  const owners = runnerConfigs
    .filter((c) => c.tests)
    .sort((a, b) => b.dir.length - a.dir.length)
    .map((c) => ({ dir: c.dir, globs: compileGlobs(c.tests!) }));
  const defaults = compileGlobs(defaultTestGlobs);
  const tests = files.filter((file) => {
    const owner = owners.find((c) => c.dir === '' || file.startsWith(`${c.dir}/`));
    return (owner?.globs ?? defaults).test(file);
  });
  return { tests, runnerConfigs, source: owners.length > 0 ? 'runner-configs' : 'defaults' };
}
