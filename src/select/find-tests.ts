// Decides which files are tests: config `tests`, else the globs runner configs declare, else the defaults.
import { minimatch } from 'minimatch';
import { defaultTestGlobs } from '../config/defaults.js';
import { readRunnerConfig, runnerConfigPattern, type RunnerConfigInfo } from './runner-config.js';

export interface TestDiscovery {
  tests: string[];
  runnerConfigs: RunnerConfigInfo[];
  /** Where the globs came from, for the detection summary. */
  source: 'config' | 'runner-configs' | 'defaults';
}

const matchOptions = { dot: true };

export function findTests(root: string, files: readonly string[], configuredGlobs?: readonly string[]): TestDiscovery {
  const runnerConfigs = files.filter((file) => runnerConfigPattern.test(file)).map((file) => readRunnerConfig(root, file));
  if (configuredGlobs) {
    return { tests: files.filter((f) => configuredGlobs.some((g) => minimatch(f, g, matchOptions))), runnerConfigs, source: 'config' };
  }
  // The deepest runner config with readable globs owns the files below it.
  const owners = runnerConfigs.filter((c) => c.tests).sort((a, b) => b.dir.length - a.dir.length);
  const tests = files.filter((file) => {
    const owner = owners.find((c) => c.dir === '' || file.startsWith(`${c.dir}/`));
    const globs = owner?.tests ?? defaultTestGlobs;
    return globs.some((glob) => minimatch(file, glob, matchOptions));
  });
  return { tests, runnerConfigs, source: owners.length > 0 ? 'runner-configs' : 'defaults' };
}
