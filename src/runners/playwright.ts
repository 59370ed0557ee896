// The playwright adapter: detection, its config's testDir/testMatch/testIgnore and projects, defaults, commands.
import path from 'node:path';
import { regExpSource, repoPath, stringValue, type Widening } from './config-values.js';
import { type ConfigValue, evaluateConfig, isUnknown, property } from './evaluate-config.js';
import { dirOf, emptyProject } from './project.js';
import { findInScript, programWord } from './script-words.js';
import type { ConfigSource, RunnerAdapter, RunnerProject } from './types.js';

/** playwright's default `testMatch` (below `testDir`, which defaults to the config's directory). */
const defaultTestMatch = ['**/*.@(spec|test).?(c|m)[jt]s?(x)'];
const configName = /^playwright\.config\.[cm]?[jt]s$/;
const isWindows = process.platform === 'win32';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Playwright reads positional arguments as regular expressions; `/^...$/` (no `g` flag) matches exactly one file. */
function playwrightFilter(file: string): string {
  const pattern = escapeRegExp(file);
  return `/^${isWindows ? pattern.replace(/\\\\/g, '[\\\\/]') : pattern}$/`;
}

/** testMatch/testIgnore: globs (strings) and regular expressions, split. */
function patterns(value: ConfigValue, fallback: string[], widening: Widening, key: string): { globs: string[]; regexes: string[] } {
  if (value === undefined) return { globs: fallback, regexes: [] };
  if (isUnknown(value)) {
    widening.reasons.push(`${key}: ${value.reason}`);
    return { globs: [...fallback, ...value.literals], regexes: [] };
  }
  const globs: string[] = [];
  const regexes: string[] = [];
  for (const item of Array.isArray(value) ? value : [value]) {
    if (typeof item === 'string') globs.push(item);
    else if (regExpSource(item) !== undefined) regexes.push(regExpSource(item) ?? '');
    else if (isUnknown(item)) widening.reasons.push(`${key}: ${item.reason}`);
  }
  return { globs, regexes };
}

function anchor(glob: string): string {
  return glob.startsWith('**/') || path.posix.isAbsolute(glob) ? glob : `**/${glob}`;
}

function projectOf(source: ConfigSource, config: ConfigValue, top: ConfigValue, configFile: string): RunnerProject {
  const widening: Widening = { reasons: [] };
  const configDir = dirOf(configFile);
  const testDir = stringValue(property(config, 'testDir') ?? property(top, 'testDir'), widening, 'testDir');
  const dir = (testDir !== undefined ? repoPath(source.root, configDir, testDir) : undefined) ?? configDir;
  const project = emptyProject('playwright', configFile, dir, 'static');
  const match = patterns(property(config, 'testMatch') ?? property(top, 'testMatch'), defaultTestMatch, widening, 'testMatch');
  const ignore = patterns(property(config, 'testIgnore') ?? property(top, 'testIgnore'), [], widening, 'testIgnore');
  // playwright puts `**/` before a glob that does not start with it.
  project.include = match.globs.map(anchor);
  project.testRegex = match.regexes;
  project.exclude = ignore.globs.map(anchor);
  project.ignorePatterns = ignore.regexes;
  const name = property(config, 'name');
  if (typeof name === 'string') project.name = name;
  for (const key of ['globalSetup', 'globalTeardown']) {
    const entry = property(top, key);
    const candidate = typeof entry === 'string' ? repoPath(source.root, configDir, entry) : undefined;
    if (candidate !== undefined && source.files.has(candidate)) project.setupFiles.push(candidate);
    else if (candidate !== undefined) project.missingSetup.push(candidate);
  }
  if (widening.reasons.length > 0) project.widened = widening.reasons[0];
  return project;
}

function readPlaywrightConfig(source: ConfigSource, configFile: string): RunnerProject[] {
  const config = evaluateConfig(source, configFile).value;
  const projects = property(config, 'projects');
  if (Array.isArray(projects) && projects.length > 0) return projects.map((item) => projectOf(source, item, config, configFile));
  return [projectOf(source, undefined, config, configFile)];
}

export const playwright: RunnerAdapter = {
  name: 'playwright',
  bin: { name: 'playwright', install: '@playwright/test' },
  inScript: (script) => findInScript(script, programWord('playwright', 'test'))?.at,
  testPatternsKey: 'testMatch',
  dependencies: ['@playwright/test'],
  ownsConfig: (name) => configName.test(name),
  configIn: (names) => names.find((name) => configName.test(name)),
  secondary: true,
  defaults: (_source, dir) => ({ ...emptyProject('playwright', '', dir, 'defaults'), include: [...defaultTestMatch] }),
  readConfig: readPlaywrightConfig,
  command: ({ bin, extraArgs, absoluteFiles }) => [bin, 'test', ...extraArgs, ...absoluteFiles.map(playwrightFilter)],
};
