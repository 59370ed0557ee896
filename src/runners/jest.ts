// The jest adapter: detection, config files, defaults, static reading of its configs and commands.
import { jestDefaultIgnore, jestDefaultTestMatch, readJestConfig } from './jest-config.js';
import { emptyProject } from './project.js';
import { findInScript, programWord } from './script-words.js';
import type { RunnerAdapter } from './types.js';

const configName = /^jest\.config\.([cm]?[jt]s|json)$/;

export const jest: RunnerAdapter = {
  name: 'jest',
  bin: { name: 'jest', install: 'jest' },
  inScript: (script) => findInScript(script, programWord('jest'))?.at,
  testPatternsKey: 'testMatch',
  dependencies: ['jest'],
  ownsConfig: (name) => configName.test(name),
  configIn: (names, manifest) => names.find((name) => configName.test(name)) ?? (manifest?.jest !== undefined ? 'package.json' : undefined),
  defaults: (_source, dir) => ({ ...emptyProject('jest', '', dir, 'defaults'), include: [...jestDefaultTestMatch], ignorePatterns: [...jestDefaultIgnore], roots: [dir] }),
  readConfig: readJestConfig,
  // --runTestsByPath takes each argument as a path, never as a regex that could match more files.
  command: ({ bin, extraArgs, files }) => (files.length > 0 ? [bin, ...extraArgs, '--runTestsByPath', ...files] : [bin, ...extraArgs]),
};
