// Reads every runner project of a repository (probe where an adapter can, else static reading) and which files are their tests.
import path from 'node:path';
import type { RunnerName } from '../config/schema.js';
import { type RepoFiles, worktreeFiles } from '../files/repo-files.js';
import { packageOwner } from '../graph/package-owner.js';
import type { AliasScope } from '../graph/resolve-specifier.js';
import { adapterList, adapters } from './adapters.js';
import { runnerOfDirectory } from './detect-runner.js';
import type { ProbedEntry } from './probe/probe-projects.js';
import { dirOf } from './project.js';
import { projectMatcher } from './project-matcher.js';
import type { ConfigSource, RunnerManifest, RunnerProject } from './types.js';

/** The projects of one config file that nothing else includes: what a runner started in its directory runs. */
interface TopConfig {
  runner: RunnerName;
  configFile: string;
  dir: string;
  projects: RunnerProject[];
  /** Whether it declares projects (vitest `projects`/workspace, jest `projects`): it then owns its projects' files. */
  declaresProjects: boolean;
}

export interface RunnerProjects {
  /** Every project, in a stable order. */
  projects: RunnerProject[];
  /** The projects each config owns, by the directory a runner starts from. */
  configs: TopConfig[];
  /** Workspace package directories whose runner has no config: its defaults apply there. */
  defaults: RunnerProject[];
  /** Package directories where no runner is found at all: impacted's default test globs apply there. */
  unknownRunner: string[];
  /** The config files read (each config and the modules it imports), for cache keys. */
  configFiles: string[];
}

/** A ConfigSource over the scanned files: only regular files inside the repository are read. */
export function configSource(repositoryRoot: string, files: readonly string[], repoFiles?: RepoFiles): ConfigSource {
  const root = path.resolve(repositoryRoot);
  const reader = repoFiles ?? worktreeFiles(root);
  const cache = new Map<string, string | undefined>();
  return {
    root,
    files: new Set(files),
    read(file) {
      if (cache.has(file)) return cache.get(file);
      let text: string | undefined;
      const normalized = path.posix.normalize(file);
      if (!normalized.startsWith('../') && !path.posix.isAbsolute(normalized)) {
        try {
          text = reader.read(normalized).toString('utf8');
        } catch {
          text = undefined;
        }
      }
      cache.set(file, text);
      return text;
    },
  };
}

/** The runner configs the probe answered for (by the repository file they stand for), their projects, and the failures. */
export function probeAnswers(probed: readonly ProbedEntry[]): {
  answered: Map<string, RunnerProject[]>;
  projects: RunnerProject[];
  failures: { configFile: string; reason: string; installed: boolean }[];
  counts: { asked: number; cached: number };
} {
  const answered = new Map<string, RunnerProject[]>();
  const failures: { configFile: string; reason: string; installed: boolean }[] = [];
  for (const entry of probed) {
    const file = entry.owner ?? entry.configFile;
    if (entry.outcome.ok) answered.set(file, entry.outcome.projects);
    else if (!entry.optional) failures.push({ configFile: file, reason: entry.outcome.reason, installed: entry.started || entry.cached });
  }
  const counts = { asked: probed.filter((entry) => !entry.cached && entry.started).length, cached: probed.filter((entry) => entry.cached).length };
  return { answered, projects: [...answered.values()].flat(), failures, counts };
}

function manifestOf(source: ConfigSource, dir: string): RunnerManifest | undefined {
  const text = source.read(dir === '' ? 'package.json' : `${dir}/package.json`);
  try {
    const parsed = JSON.parse(text ?? '') as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as RunnerManifest) : undefined;
  } catch {
    return undefined;
  }
}

function inside(dir: string, file: string): boolean {
  return dir === '' || file === dir || file.startsWith(`${dir}/`);
}

/** The config files of each runner in the repository, shallowest first; vite configs only where vitest is installed. */
function configFilesOf(source: ConfigSource, files: readonly string[], packageDirs: string[]): { runner: RunnerName; file: string }[] {
  const ownerOf = packageOwner(packageDirs);
  const found: { runner: RunnerName; file: string }[] = [];
  const byDir = new Map<string, string[]>();
  for (const file of files) {
    if (file.split('/').includes('node_modules')) continue;
    const name = path.posix.basename(file);
    if (adapterList.some((adapter) => adapter.ownsConfig(name)) || name === 'package.json') {
      const dir = dirOf(file);
      byDir.set(dir, [...(byDir.get(dir) ?? []), name]);
    }
  }
  for (const [dir, names] of byDir) {
    const manifest = manifestOf(source, dir);
    const withDeps = { ...manifest, devDependencies: { ...manifestOf(source, ownerOf(dir))?.devDependencies, ...manifestOf(source, '')?.devDependencies, ...manifest?.devDependencies } };
    for (const adapter of adapterList) {
      const config = adapter.configIn(names, withDeps);
      if (!config) continue;
      // A workspace file takes the place of the config beside it (vitest 1-3).
      const workspace = names.find((name) => /^vitest\.(workspace|projects)\./.test(name));
      const chosen = adapter.name === 'vitest' && workspace ? workspace : config;
      found.push({ runner: adapter.name, file: dir === '' ? chosen : `${dir}/${chosen}` });
    }
  }
  return found.sort((a, b) => a.file.split('/').length - b.file.split('/').length || a.file.localeCompare(b.file));
}

export interface ReadProjectsOptions {
  root: string;
  files: readonly string[];
  /** Workspace package directories, the root (`''`) included. */
  packageDirs: readonly string[];
  /** Where file contents come from (a commit's tree for `--head`); default the work tree. */
  source?: RepoFiles;
  /** What the installed runners answered (the probe): those configs' projects replace static reading. */
  probed?: readonly ProbedEntry[];
}

/** Reads every runner project of the repository statically (the probe, where it runs, replaces `readConfig`). */
export function readRunnerProjects(options: ReadProjectsOptions): RunnerProjects {
  const source = configSource(options.root, options.files, options.source);
  const { answered } = probeAnswers(options.probed ?? []);
  const packageDirs = [...new Set(['', ...options.packageDirs])];
  const consumed = new Set<string>();
  const configs: TopConfig[] = [];
  for (const { runner, file } of configFilesOf(source, options.files, packageDirs)) {
    if (consumed.has(file)) continue;
    const read = adapters[runner].readConfig;
    const projects = answered.get(file) ?? (read ? read(source, file) : undefined);
    if (!projects) continue;
    for (const project of projects) if (project.configFile !== file && project.configFile !== '') consumed.add(project.configFile);
    const declaresProjects = projects.some((project) => project.configFile !== file) || projects.length > 1 || /workspace|projects/.test(path.posix.basename(file));
    configs.push({ runner, configFile: file, dir: dirOf(file), projects, declaresProjects });
  }
  // A config another config includes (a project of a root config) is not started on its own.
  const top = configs.filter((config) => !consumed.has(config.configFile));
  const defaults: RunnerProject[] = [];
  const unknownRunner: string[] = [];
  for (const dir of packageDirs.toSorted()) {
    const names = options.files.filter((file) => dirOf(file) === dir).map((file) => path.posix.basename(file));
    const manifest = manifestOf(source, dir);
    const script = manifest?.scripts?.test;
    const byScript = script ? adapterList.map((adapter) => ({ adapter, at: adapter.inScript(script) })).filter((m) => m.at !== undefined).sort((a, b) => (a.at ?? 0) - (b.at ?? 0))[0]?.adapter : undefined;
    // A workspace root's dependencies name the runner its packages use; its own tests need its test script to say so.
    const isWorkspaceRoot = dir === '' && packageDirs.length > 1;
    const detected = byScript?.name ?? (isWorkspaceRoot ? undefined : (runnerOfDirectory(names, manifest)?.name ?? (dir === '' ? undefined : runnerOfDirectory([], manifestOf(source, ''))?.name)));
    if (!detected) {
      if (!top.some((config) => inside(config.dir, dir) || inside(dir, config.dir))) unknownRunner.push(dir);
      continue;
    }
    // mocha finds an ancestor's .mocharc but takes its spec from the package's own script: the package is its own project.
    const ownScript = detected === 'mocha' && byScript !== undefined;
    if (top.some((config) => config.runner === detected && (ownScript ? config.dir === dir : inside(config.dir, dir)))) continue;
    defaults.push(adapters[detected].defaults(source, dir));
  }
  const projects = [...top.flatMap((config) => config.projects), ...defaults];
  const configFiles = [...new Set(configs.map((config) => config.configFile))].sort();
  return { projects, configs: top, defaults, unknownRunner, configFiles };
}

/** The projects' resolution aliases, deepest directory first, for the graph's resolver. */
export function aliasScopes(projects: readonly RunnerProject[]): AliasScope[] {
  return projects
    .filter((project) => project.aliases.length > 0)
    .map((project) => ({ dir: project.dir, aliases: project.aliases }))
    .sort((a, b) => b.dir.length - a.dir.length || a.dir.localeCompare(b.dir));
}

/** Whether a project can own a file at all (the file is below its directory or one of its roots). */
function covers(project: RunnerProject, file: string): boolean {
  return [project.dir, ...project.roots].some((dir) => inside(dir, file)) || project.include.some((glob) => glob.startsWith('../'));
}

/**
 * The projects that run each file, as each runner would: per runner, the outermost config that declares projects
 * covering the file, else the nearest config above it, else the defaults of the file's package.
 */
export function testsOfProjects(root: string, files: readonly string[], read: RunnerProjects): Map<string, RunnerProject[]> {
  const matchers = new Map<RunnerProject, (file: string) => boolean>();
  const matches = (project: RunnerProject, file: string) => {
    let matcher = matchers.get(project);
    if (!matcher) matchers.set(project, (matcher = projectMatcher(root, project)));
    return matcher(file);
  };
  const byRunner = new Map<RunnerName, TopConfig[]>();
  for (const config of read.configs) byRunner.set(config.runner, [...(byRunner.get(config.runner) ?? []), config]);
  const defaultsByRunner = new Map<RunnerName, RunnerProject[]>();
  for (const project of read.defaults) defaultsByRunner.set(project.runner, [...(defaultsByRunner.get(project.runner) ?? []), project]);
  const owners = new Map<string, RunnerProject[]>();
  for (const file of files) {
    for (const runner of new Set([...byRunner.keys(), ...defaultsByRunner.keys()])) {
      const configs = (byRunner.get(runner) ?? []).filter((config) => inside(config.dir, file));
      const withProjects = configs.find((config) => config.declaresProjects && config.projects.some((project) => covers(project, file)));
      const nearest = configs.toSorted((a, b) => b.dir.length - a.dir.length)[0];
      const ownDefaults = (defaultsByRunner.get(runner) ?? []).filter((p) => inside(p.dir, file)).sort((a, b) => b.dir.length - a.dir.length).slice(0, 1);
      // A package's own defaults (mocha with its script's spec) below the nearest config run its files.
      const deeper = ownDefaults[0] !== undefined && (nearest === undefined || ownDefaults[0].dir.length > nearest.dir.length);
      const candidates = withProjects?.projects ?? (deeper ? ownDefaults : (nearest?.projects ?? ownDefaults));
      for (const project of candidates) {
        if (!matches(project, file)) continue;
        const list = owners.get(file);
        if (list) list.push(project);
        else owners.set(file, [project]);
      }
    }
  }
  return owners;
}
