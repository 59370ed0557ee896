// Static reading of vitest configs: vitest/vite configs, `test.projects`, workspace files, aliases and setup files.
import path from 'node:path';
import { minimatch } from 'minimatch';
import { addSetupEntry, entriesOf, repoPath, stringList, stringValue, type Widening } from './config-values.js';
import { type ConfigValue, evaluateConfig, fromJson, isObject, isRegExp, isUnknown, mergeValues, property } from './evaluate-config.js';
import { dirOf, emptyProject } from './project.js';
import type { ConfigSource, RunnerAlias, RunnerProject } from './types.js';

/** vitest 4's defaults (`configDefaults.include`/`exclude`); vitest 3 and older exclude more. */
export const vitestDefaultInclude = ['**/*.{test,spec}.?(c|m)[jt]s?(x)'];
const vitest4Exclude = ['**/node_modules/**', '**/.git/**'];
const vitest3Exclude = [
  '**/node_modules/**',
  '**/dist/**',
  '**/cypress/**',
  '**/.{idea,git,cache,output,temp}/**',
  '**/{karma,rollup,webpack,vite,vitest,jest,ava,babel,nyc,cypress,tsup,build,eslint,prettier}.config.*',
];

const configNames = /^(vitest|vite)\.config\.[cm]?[jt]s$/;
const workspaceName = /^vitest\.(workspace|projects)\.([cm]?[jt]s|json)$/;
/** Files a `projects` glob may name as configs (vitest: `vitest.config.*`, `vite.config.*`, `vitest.<name>.config.*`). */
const projectConfigName = /^(vitest|vite)(\.[\w-]+)*\.config\.[cm]?[jt]s$/;

/** The installed vitest's major version, read from node_modules between `dir` and the root (4 when not found). */
function vitestMajor(source: ConfigSource, dir: string): number {
  for (let current = dir; ; current = dirOf(current)) {
    const text = source.read(path.posix.join(current, 'node_modules/vitest/package.json'));
    if (text) {
      try {
        const version = (JSON.parse(text) as { version?: string }).version ?? '';
        return Number(version.split('.')[0]) || 4;
      } catch {
        return 4;
      }
    }
    if (current === '') return 4;
  }
}

export function vitestDefaultExclude(source: ConfigSource, dir: string): string[] {
  return vitestMajor(source, dir) >= 4 ? [...vitest4Exclude] : [...vitest3Exclude];
}

function aliasesOf(source: ConfigSource, rootDir: string, value: ConfigValue, widening: Widening): RunnerAlias[] {
  const aliases: RunnerAlias[] = [];
  const add = (find: ConfigValue, replacement: ConfigValue) => {
    if (typeof replacement !== 'string') {
      if (isUnknown(replacement)) widening.reasons.push(`resolve.alias: ${replacement.reason}`);
      return;
    }
    const target = path.posix.isAbsolute(replacement) ? (repoPath(source.root, rootDir, replacement) ?? replacement) : replacement;
    if (typeof find === 'string') aliases.push({ find, isRegExp: false, replacement: target });
    else if (isRegExp(find)) aliases.push({ find: find.source, isRegExp: true, replacement: target });
  };
  if (Array.isArray(value)) {
    for (const item of value) add(property(item, 'find'), property(item, 'replacement'));
  } else {
    for (const [find, replacement] of entriesOf(value)) add(find, replacement);
  }
  if (isUnknown(value)) widening.reasons.push(`resolve.alias: ${value.reason}`);
  return aliases;
}

/** One vitest project from its (merged) config value, anchored at the config's directory. */
function projectOf(source: ConfigSource, config: ConfigValue, configFile: string, configDir: string): RunnerProject {
  const widening: Widening = { reasons: [] };
  const test = property(config, 'test');
  if (isUnknown(test)) widening.reasons.push(`test: ${test.reason}`);
  const rootWritten = stringValue(property(config, 'root'), widening, 'root') ?? stringValue(property(test, 'root'), widening, 'test.root');
  const root = (rootWritten !== undefined ? repoPath(source.root, configDir, rootWritten) : undefined) ?? configDir;
  const dirWritten = stringValue(property(test, 'dir'), widening, 'test.dir');
  const dir = (dirWritten !== undefined ? repoPath(source.root, root, dirWritten) : undefined) ?? root;
  const defaultExclude = vitestDefaultExclude(source, root);
  const project = emptyProject('vitest', configFile, dir, 'static');
  project.include = stringList(property(test, 'include'), vitestDefaultInclude, widening, 'test.include');
  // With typecheck enabled, vitest also runs its type tests (`typecheck.include`, default `*.{test,spec}-d.*`).
  const typecheck = property(test, 'typecheck');
  if (property(typecheck, 'enabled') === true) {
    project.include.push(...stringList(property(typecheck, 'include'), ['**/*.{test,spec}-d.?(c|m)[jt]s?(x)'], widening, 'test.typecheck.include'));
  }
  // A computed exclude cannot be read: excluding only the defaults keeps every possible test.
  const exclude = property(test, 'exclude');
  project.exclude = isUnknown(exclude) || (Array.isArray(exclude) && exclude.some(isUnknown)) ? defaultExclude : stringList(exclude, defaultExclude, widening, 'test.exclude');
  if (isUnknown(exclude)) widening.reasons.push(`test.exclude: ${exclude.reason}`);
  const name = property(test, 'name');
  const label = typeof name === 'string' ? name : property(name, 'label');
  if (typeof label === 'string') project.name = label;
  // vitest resolves setup files against the project's root, so a root config shared by projects finds one per project;
  // vitest 1-3 try a relative one against the root's parent first (mlly resolves from the root as if it were a file):
  // trpc's packages/*/vitest.config.ts re-export a root config whose './tests/setupTests.ts' is packages/tests/setupTests.ts.
  for (const key of ['setupFiles', 'globalSetup']) {
    for (const entry of stringList(property(test, key), [], widening, `test.${key}`)) {
      const fromParent = root !== '' && entry.startsWith('.') ? repoPath(source.root, dirOf(root), entry) : undefined;
      addSetupEntry(project, source.files, entry, repoPath(source.root, root, entry), fromParent);
    }
  }
  project.aliases = [
    ...aliasesOf(source, root, property(property(config, 'resolve'), 'alias'), widening),
    ...aliasesOf(source, root, property(test, 'alias'), widening),
  ];
  const partial = isObject(test) ? test.partial : undefined;
  if (partial) widening.reasons.push(`test: ${partial.reason}`);
  if (widening.reasons.length > 0) {
    project.widened = widening.reasons[0];
    if (partial && property(test, 'include') === undefined) project.include = [...new Set([...vitestDefaultInclude, ...partial.literals])];
  }
  return project;
}

/** Every directory that holds a scanned file. */
function directoriesOf(files: ReadonlySet<string>): Set<string> {
  const dirs = new Set<string>();
  for (const file of files) for (let dir = dirOf(file); dir !== '' && !dirs.has(dir); dir = dirOf(dir)) dirs.add(dir);
  return dirs;
}

/** The vitest config directly in a directory, as vitest looks for one (vitest.config.* before vite.config.*). */
function configInDirectory(files: ReadonlySet<string>, dir: string): string | undefined {
  const names = ['vitest', 'vite'].flatMap((base) => ['ts', 'mts', 'cts', 'js', 'mjs', 'cjs'].map((ext) => `${base}.config.${ext}`));
  return names.map((name) => (dir === '' ? name : `${dir}/${name}`)).find((file) => files.has(file));
}

/** The projects of a `projects` (or workspace) list: globs and paths of configs or folders, and inline objects. */
function projectsOf(source: ConfigSource, entries: ConfigValue, rootConfig: ConfigValue, configFile: string, rootDir: string, seen: Set<string>): RunnerProject[] {
  const projects: RunnerProject[] = [];
  const items = Array.isArray(entries) ? entries : [entries];
  const globs = items.filter((item): item is string => typeof item === 'string');
  const negated = globs.filter((glob) => glob.startsWith('!')).map((glob) => glob.slice(1).replace(/^\.\//, ''));
  const relative = (file: string) => path.posix.relative(rootDir, file);
  const ignored = (file: string) => negated.some((glob) => minimatch(relative(file), glob, { dot: true })) || file.split('/').includes('node_modules');
  let directories: Set<string> | undefined;
  for (const item of items) {
    if (typeof item === 'string') {
      if (item.startsWith('!')) continue;
      const pattern = item.replace(/^\.\//, '').replace(/\/$/, '');
      const matched = new Set<string>();
      if (/[*?{[]/.test(pattern)) {
        for (const file of source.files) if (projectConfigName.test(path.posix.basename(file)) && minimatch(relative(file), pattern, { dot: true })) matched.add(file);
        directories ??= directoriesOf(source.files);
        for (const dir of directories) if (minimatch(relative(dir), pattern, { dot: true })) matched.add(dir);
      } else {
        const target = repoPath(source.root, rootDir, pattern);
        if (target !== undefined) matched.add(target);
      }
      for (const target of [...matched].sort()) {
        if (ignored(target)) continue;
        const config = source.files.has(target) ? target : configInDirectory(source.files, target);
        if (config && seen.has(config)) continue;
        if (config) projects.push(...readVitestFile(source, config, seen));
        else if (!source.files.has(target)) projects.push({ ...emptyProject('vitest', '', target, 'defaults'), include: [...vitestDefaultInclude], exclude: vitestDefaultExclude(source, target) });
      }
    } else if (isObject(item)) {
      const extend = property(item, 'extends');
      const extendsFile = typeof extend === 'string' ? repoPath(source.root, rootDir, extend) : undefined;
      const base = extend === true ? rootConfig : extendsFile !== undefined ? evaluateConfig(source, extendsFile).value : undefined;
      const merged = base === undefined ? item : mergeValues(stripProjects(base), item);
      projects.push(projectOf(source, merged, configFile, rootDir));
    } else if (isUnknown(item)) {
      // A project entry that cannot be read: every vitest config below stands in for it.
      for (const file of [...source.files].sort()) {
        if (projectConfigName.test(path.posix.basename(file)) && file !== configFile && file.startsWith(rootDir === '' ? '' : `${rootDir}/`) && !seen.has(file)) {
          for (const project of readVitestFile(source, file, seen)) projects.push({ ...project, widened: project.widened ?? `test.projects: ${item.reason}` });
        }
      }
    }
  }
  return projects;
}

function stripProjects(config: ConfigValue): ConfigValue {
  const test = property(config, 'test');
  if (!isObject(config) || !isObject(test)) return config;
  const { projects: _projects, workspace: _workspace, ...rest } = test.entries;
  return { ...config, entries: { ...config.entries, test: { ...test, entries: rest } } };
}

function readVitestFile(source: ConfigSource, configFile: string, seen: Set<string>): RunnerProject[] {
  seen.add(configFile);
  const dir = dirOf(configFile);
  const name = path.posix.basename(configFile);
  if (workspaceName.test(name)) {
    const text = name.endsWith('.json') ? source.read(configFile) : undefined;
    let value: ConfigValue;
    if (text !== undefined) {
      try {
        value = fromJson(JSON.parse(text));
      } catch {
        value = { kind: 'unknown', reason: `${configFile} is not valid JSON`, literals: [] };
      }
    } else value = evaluateConfig(source, configFile).value;
    return projectsOf(source, value, undefined, configFile, dir, seen);
  }
  const config = evaluateConfig(source, configFile).value;
  const test = property(config, 'test');
  // A vite config without a `test` key configures an app, not tests (vitest is installed for other packages).
  if (name.startsWith('vite.') && test === undefined) return [];
  const list = property(test, 'projects') ?? property(test, 'workspace');
  if (list !== undefined) return projectsOf(source, list, config, configFile, dir, seen);
  return [projectOf(source, config, configFile, dir)];
}

/** The projects a vitest config file (or workspace file) defines, read statically. */
export function readVitestConfig(source: ConfigSource, configFile: string): RunnerProject[] {
  return readVitestFile(source, configFile, new Set());
}

/** Whether a config name is a vitest config that vitest itself would pick in its directory. */
export function isVitestConfigName(name: string): boolean {
  return configNames.test(name) || workspaceName.test(name);
}
