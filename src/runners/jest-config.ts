// Static reading of jest configs: jest.config.*, package.json "jest", projects, rootDir, roots, testMatch/testRegex, setup, mappers.
import path from 'node:path';
import { minimatch } from 'minimatch';
import { addSetupEntry, entriesOf, isPackageSpecifier, regExpSource, repoPath, stringList, stringValue, type Widening } from './config-values.js';
import { type ConfigValue, evaluateConfig, fromJson, isObject, isUnknown, property } from './evaluate-config.js';
import { dirOf, emptyProject } from './project.js';
import type { ConfigSource, RunnerProject } from './types.js';

/** jest 30's defaults: `testMatch`, and `testPathIgnorePatterns` (regular expressions on the absolute path). */
export const jestDefaultTestMatch = ['**/__tests__/**/*.?([mc])[jt]s?(x)', '**/?(*.)+(spec|test).?([mc])[jt]s?(x)'];
export const jestDefaultIgnore = ['/node_modules/'];

const configFiles = ['jest.config.ts', 'jest.config.js', 'jest.config.mjs', 'jest.config.cjs', 'jest.config.mts', 'jest.config.cts', 'jest.config.json'];

/** The config value of a jest config file or of a package.json's "jest" key. */
function configValue(source: ConfigSource, configFile: string): ConfigValue {
  if (configFile.endsWith('package.json') || configFile.endsWith('.json')) {
    const text = source.read(configFile);
    try {
      const parsed = fromJson(JSON.parse(text ?? ''));
      return configFile.endsWith('package.json') ? property(parsed, 'jest') : parsed;
    } catch {
      return { kind: 'unknown', reason: `${configFile} is not valid JSON`, literals: [] };
    }
  }
  return evaluateConfig(source, configFile).value;
}

/** jest's `<rootDir>` replaced by the repository-relative rootDir (`.` at the repository root keeps paths relative). */
function withRootDir(value: string, rootDir: string): string {
  return value.split('<rootDir>').join(rootDir === '' ? '.' : rootDir);
}

/** A testMatch glob relative to the rootDir, as RunnerProject keeps them: `<rootDir>/src/**` -> `src/**`. */
function relativeToRootDir(glob: string): string {
  const negated = glob.startsWith('!') ? '!' : '';
  const body = glob.slice(negated.length);
  return negated + (body.startsWith('<rootDir>/') ? body.slice('<rootDir>/'.length) : body);
}

/** `<rootDir>` in a regular expression, as jest replaces it: the absolute rootDir, escaped. */
function regexWithRootDir(pattern: string, absoluteRootDir: string): string {
  return pattern.split('<rootDir>').join(absoluteRootDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
}

/** A path as jest reads it: `<rootDir>/x` from the rootDir, a relative path from the rootDir too. */
function jestPath(source: ConfigSource, rootDir: string, written: string): string | undefined {
  return written.includes('<rootDir>') ? repoPath(source.root, '', withRootDir(written, rootDir)) : repoPath(source.root, rootDir, written);
}

function absolute(source: ConfigSource, file: string): string {
  return path.posix.join(source.root.split(path.sep).join('/'), file);
}

/** A jest preset that is a repository file: its config, merged under the project's the way jest merges presets. */
function withPreset(source: ConfigSource, config: ConfigValue, rootDir: string, widening: Widening): ConfigValue {
  const preset = stringValue(property(config, 'preset'), widening, 'preset');
  if (preset === undefined || isPackageSpecifier(preset) || !isObject(config)) return config;
  const base = jestPath(source, rootDir, preset);
  const file = base === undefined ? undefined : [base, `${base}/jest-preset.json`, `${base}/jest-preset.js`, `${base}/jest-preset.cjs`].find((f) => source.files.has(f));
  if (!file) {
    widening.reasons.push(`preset "${preset}" is not a repository file`);
    return config;
  }
  const presetValue = configValue(source, file);
  if (!isObject(presetValue)) return config;
  const entries: Record<string, ConfigValue> = { ...presetValue.entries, ...config.entries };
  for (const key of ['setupFiles', 'setupFilesAfterEnv']) {
    const a = presetValue.entries[key];
    const b = config.entries[key];
    if (Array.isArray(a) && Array.isArray(b)) entries[key] = [...a, ...b];
  }
  const mapperA = presetValue.entries.moduleNameMapper;
  const mapperB = config.entries.moduleNameMapper;
  if (isObject(mapperA) && isObject(mapperB)) entries.moduleNameMapper = { kind: 'object', entries: { ...mapperB.entries, ...mapperA.entries, ...mapperB.entries } };
  return { kind: 'object', entries };
}

/** One jest project from its config value; `rootDir` defaults to the config's directory. */
function projectOf(source: ConfigSource, raw: ConfigValue, configFile: string, defaultRootDir: string): RunnerProject {
  const widening: Widening = { reasons: [] };
  if (isUnknown(raw)) widening.reasons.push(raw.reason);
  const rootWritten = stringValue(property(raw, 'rootDir'), widening, 'rootDir');
  // An inline project's `<rootDir>` is the root config's rootDir.
  const rootDir = (rootWritten !== undefined ? jestPath(source, defaultRootDir, rootWritten) : undefined) ?? defaultRootDir;
  const config = withPreset(source, raw, rootDir, widening);
  const absoluteRootDir = absolute(source, rootDir);
  const project = emptyProject('jest', configFile, rootDir, 'static');
  const name = property(config, 'displayName');
  const label = typeof name === 'string' ? name : property(name, 'name');
  if (typeof label === 'string') project.name = label;
  const regexValue = property(config, 'testRegex');
  const regexes = (Array.isArray(regexValue) ? regexValue : regexValue === undefined ? [] : [regexValue]).flatMap((item) => {
    const pattern = regExpSource(item);
    if (pattern === undefined && isUnknown(item)) widening.reasons.push(`testRegex: ${item.reason}`);
    return pattern === undefined ? [] : [pattern];
  });
  project.testRegex = regexes;
  // jest takes testMatch or testRegex; with testRegex set, its default testMatch does not apply.
  project.include = regexes.length > 0 && property(config, 'testMatch') === undefined ? [] : stringList(property(config, 'testMatch'), jestDefaultTestMatch, widening, 'testMatch').map(relativeToRootDir);
  const ignore = property(config, 'testPathIgnorePatterns');
  project.ignorePatterns = isUnknown(ignore) ? [] : stringList(ignore, jestDefaultIgnore, widening, 'testPathIgnorePatterns').map((p) => regexWithRootDir(p, absoluteRootDir));
  if (isUnknown(ignore)) widening.reasons.push(`testPathIgnorePatterns: ${ignore.reason}`);
  const roots = property(config, 'roots');
  project.roots = isUnknown(roots)
    ? [rootDir]
    : stringList(roots, ['<rootDir>'], widening, 'roots').flatMap((root) => {
        const dir = jestPath(source, rootDir, root);
        return dir === undefined ? [] : [dir];
      });
  if (isUnknown(roots)) widening.reasons.push(`roots: ${roots.reason}`);
  for (const key of ['setupFiles', 'setupFilesAfterEnv', 'globalSetup', 'globalTeardown', 'testEnvironment', 'snapshotResolver']) {
    const entries = stringList(property(config, key), [], widening, key);
    for (const entry of entries) {
      if (key === 'testEnvironment' && !entry.startsWith('.') && !entry.startsWith('<rootDir>')) continue;
      addSetupEntry(project, source.files, entry, jestPath(source, rootDir, entry));
    }
  }
  for (const [find, target] of entriesOf(property(config, 'moduleNameMapper'))) {
    const replacement = Array.isArray(target) ? target.find((t) => typeof t === 'string') : target;
    if (typeof replacement !== 'string') {
      if (isUnknown(replacement)) widening.reasons.push(`moduleNameMapper: ${replacement.reason}`);
      continue;
    }
    const mapped = replacement.includes('<rootDir>') ? (jestPath(source, rootDir, replacement) ?? replacement) : replacement;
    project.aliases.push({ find, isRegExp: true, replacement: mapped });
  }
  // modulePaths (and NODE_PATH-like roots) let a bare specifier name a file below them.
  for (const modulePath of stringList(property(config, 'modulePaths'), [], widening, 'modulePaths')) {
    const dir = jestPath(source, rootDir, modulePath);
    if (dir !== undefined) project.aliases.push({ find: '^([^./].*)$', isRegExp: true, replacement: dir === '' ? '$1' : `${dir}/$1` });
  }
  const partial = isObject(config) ? config.partial : undefined;
  if (partial) widening.reasons.push(partial.reason);
  if (widening.reasons.length > 0) project.widened = widening.reasons[0];
  return project;
}

/** Every directory that holds a scanned file (the root as `''`). */
function directoriesOf(files: ReadonlySet<string>): Set<string> {
  const dirs = new Set<string>(['']);
  for (const file of files) for (let dir = dirOf(file); dir !== '' && !dirs.has(dir); dir = dirOf(dir)) dirs.add(dir);
  return dirs;
}

/** The config jest reads in a project directory: jest.config.*, else package.json "jest", else none (defaults). */
function configInDirectory(source: ConfigSource, dir: string): string | undefined {
  const inDir = (name: string) => (dir === '' ? name : `${dir}/${name}`);
  const file = configFiles.map(inDir).find((f) => source.files.has(f));
  if (file) return file;
  const manifest = inDir('package.json');
  return source.files.has(manifest) && configValue(source, manifest) !== undefined ? manifest : undefined;
}

function projectsOf(source: ConfigSource, list: ConfigValue, configFile: string, rootDir: string): RunnerProject[] {
  const projects: RunnerProject[] = [];
  let directories: Set<string> | undefined;
  for (const item of Array.isArray(list) ? list : [list]) {
    if (typeof item === 'string') {
      const pattern = jestPath(source, rootDir, item.replace(/\/$/, ''));
      if (pattern === undefined) continue;
      const targets: string[] = [];
      if (/[*?{[]/.test(pattern)) {
        directories ??= directoriesOf(source.files);
        for (const dir of directories) if (minimatch(dir, pattern, { dot: true }) && !dir.split('/').includes('node_modules')) targets.push(dir);
        for (const file of source.files) if (minimatch(file, pattern, { dot: true })) targets.push(file);
      } else targets.push(pattern);
      for (const target of targets.sort()) {
        const config = source.files.has(target) ? target : configInDirectory(source, target);
        if (config) projects.push(projectOf(source, configValue(source, config), config, dirOf(config)));
        else if (directories?.has(target) ?? true) projects.push(projectOf(source, undefined, '', target));
      }
    } else if (isObject(item)) {
      projects.push(projectOf(source, item, configFile, rootDir));
    } else if (isUnknown(item)) {
      // An entry that cannot be read: every jest config below stands in for it.
      for (const file of [...source.files].sort()) {
        if (configFiles.includes(path.posix.basename(file)) && file !== configFile) {
          projects.push({ ...projectOf(source, configValue(source, file), file, dirOf(file)), widened: `projects: ${item.reason}` });
        }
      }
    }
  }
  return projects;
}

/** The projects a jest config (a jest.config.* file or a package.json with "jest") defines, read statically. */
export function readJestConfig(source: ConfigSource, configFile: string): RunnerProject[] {
  const value = configValue(source, configFile);
  const dir = dirOf(configFile);
  const widening: Widening = { reasons: [] };
  const rootWritten = stringValue(property(value, 'rootDir'), widening, 'rootDir');
  const rootDir = (rootWritten !== undefined ? repoPath(source.root, dir, rootWritten) : undefined) ?? dir;
  const projects = property(value, 'projects');
  if (Array.isArray(projects) && projects.length > 0) return projectsOf(source, projects, configFile, rootDir);
  return [projectOf(source, value, configFile, dir)];
}
