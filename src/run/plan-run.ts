// Plans a run: which runner owns each selected test, from which directory it runs, and the exact commands.
import path from 'node:path';
import type { RunnerName } from '../config/schema.js';
import { ImpactedError } from '../errors.js';
import { packageOwner } from '../graph/package-owner.js';
import type { WorkspacePackage } from '../types.js';
import { chunkFiles, defaultMaxArgumentBytes } from './chunk-files.js';
import { adapters, type CommandSpec, runnerCommand } from '../runners/adapters.js';
import { fileArgument } from '../runners/command-line.js';
import { customCommand } from '../runners/custom.js';
import { detectRunner } from '../runners/detect-runner.js';
import { nodeFlagsOf } from '../runners/node.js';
import { createDirectoryReader, declaresProjects, type DirectoryReader, playwrightTestDir } from '../runners/package-files.js';
import { testScriptOf } from '../runners/test-script.js';
import { findBin } from './find-bin.js';
import { readTimings, shardFiles } from './shard-files.js';
import type { DetectedRunner, RunGroup, RunOptions, RunPlan } from './types.js';
import { addDevCommand, detectPackageManager } from './package-manager.js';
import { scriptGroups } from './script-groups.js';

const rootPackage: WorkspacePackage = { name: '(root)', dir: '', dependsOn: [] };

/** What one plan reads once and shares: directory listings, manifests, executable checks. */
interface PlanContext {
  options: RunOptions;
  reader: DirectoryReader;
  binChecks: Map<string, Promise<boolean>>;
}

function label(dir: string): string {
  return dir === '' ? 'the repository root' : dir;
}

function toPosix(file: string): string {
  return path.sep === '/' ? file : file.split(path.sep).join('/');
}

function parentDir(dir: string): string {
  const slash = dir.lastIndexOf('/');
  return slash === -1 ? '' : dir.slice(0, slash);
}

function contains(dir: string, file: string): boolean {
  return dir === '' || file.startsWith(`${dir}/`);
}

/** Finds the deepest package whose directory contains a file (the root package last). */
function packageFinder(packages: WorkspacePackage[]): (file: string) => WorkspacePackage {
  const byDir = new Map(packages.map((pkg) => [pkg.dir, pkg]));
  const ownerDir = packageOwner(byDir.keys());
  return (file) => byDir.get(ownerDir(file)) ?? rootPackage;
}

/**
 * The directory a runner must start from for a package's tests: the outermost ancestor whose config declares
 * projects (vitest `projects`/workspace, jest `projects`), else the nearest directory with a config, else the package.
 */
async function runnerCwd({ options, reader }: PlanContext, runner: RunnerName, pkgDir: string): Promise<string> {
  const adapter = adapters[runner];
  let nearest: string | undefined;
  let projectsOwner: string | undefined;
  for (let dir = pkgDir; ; dir = parentDir(dir)) {
    const absolute = path.join(options.root, dir);
    const names = await reader.names(absolute);
    const manifest = await reader.manifest(absolute);
    const files = names.filter((name) => adapter.ownsConfig(name)).map((name) => (dir === '' ? name : `${dir}/${name}`));
    const inManifest = adapter.configIn([], manifest) === 'package.json' ? (manifest as Record<string, unknown>)[runner] : undefined;
    if (files.length > 0 || inManifest !== undefined) {
      nearest ??= dir;
      const projects =
        files.some((file) => declaresProjects(options.root, file)) ||
        (inManifest !== null && typeof inManifest === 'object' && 'projects' in inManifest);
      if (projects) projectsOwner = dir;
    }
    if (dir === '') break;
  }
  return projectsOwner ?? nearest ?? pkgDir;
}

interface PackageRunner {
  detected: DetectedRunner;
  /** Repository-relative directory of an explicit playwright `testDir` beside another runner. */
  playwrightDir?: string;
}

async function resolvePackageRunner(context: PlanContext, pkg: WorkspacePackage): Promise<PackageRunner> {
  const { options, reader } = context;
  const dir = path.join(options.root, pkg.dir);
  if (typeof options.runner === 'string') {
    const script = testScriptOf((await reader.manifest(dir))?.scripts) ?? '';
    const nodeFlags = options.runner === 'node' ? nodeFlagsOf(script) : [];
    return { detected: { name: options.runner, source: 'config', nodeFlags } };
  }
  const detected =
    (await detectRunner(options.root, pkg, reader)) ??
    (pkg.dir === '' ? undefined : await detectRunner(options.root, rootPackage, reader));
  if (!detected) {
    throw new ImpactedError(
      'RUNNER',
      `cannot tell which test runner ${label(pkg.dir)} uses (no test script, runner config or runner dependency): set "runner" in impacted.config.json.`,
    );
  }
  if (detected.name === 'playwright') return { detected };
  const playwrightConfig = (await reader.names(dir)).find((name) => adapters.playwright.ownsConfig(name));
  const testDir = playwrightConfig && playwrightTestDir(options.root, pkg.dir === '' ? playwrightConfig : `${pkg.dir}/${playwrightConfig}`);
  if (!testDir) return { detected };
  return { detected, playwrightDir: path.posix.join(pkg.dir, toPosix(testDir)).replace(/^\.$/, '').replace(/\/$/, '') };
}

/**
 * The runner's executable. A dry run needs none: a runner that is not installed is named by its command. Otherwise
 * the message says what to run with the repository's own package manager: an install when the runner is declared
 * (in the package or at the root) but not installed, else adding it.
 */
async function binFor({ options, binChecks, reader }: PlanContext, runner: RunnerName, cwd: string, pkgDir: string): Promise<string> {
  const tool = adapters[runner].bin;
  if (!tool) return process.execPath;
  const { name: bin, install } = tool;
  const found = await findBin(bin, path.join(options.root, cwd), options.root, binChecks);
  if (found) return found;
  if (options.dryRun) return bin;
  const [own, root] = await Promise.all([reader.manifest(path.join(options.root, pkgDir)), reader.manifest(options.root)]);
  const manager = detectPackageManager(options.root, root);
  const declared = [own, root].some((manifest) => manifest?.devDependencies?.[install] !== undefined || manifest?.dependencies?.[install] !== undefined);
  const fix = declared ? `${manager} install` : `${addDevCommand(manager, install)}${pkgDir === '' ? '' : ` in ${pkgDir}`}`;
  throw new ImpactedError('RUNNER', `${runner} is not installed in ${label(pkgDir)}: run ${fix}, or set "runner" in impacted.config.json.`);
}

/** The files this run covers: the selection, or this shard of it. */
async function filesToRun(options: RunOptions): Promise<string[]> {
  const files = [...new Set(options.tests.map(toPosix))].toSorted();
  if (!options.shard) return files;
  const timings = options.timingsFile ? await readTimings(options.root, options.timingsFile) : undefined;
  return shardFiles(files, options.shard, timings);
}

interface GroupDraft {
  runner: RunnerName;
  cwd: string;
  nodeFlags: string[];
  /** The first package added, for messages. */
  pkgDir: string;
  packages: Set<string>;
  files: string[];
}

function memoize<T>(compute: (key: string) => Promise<T>): (key: string) => Promise<T> {
  const cache = new Map<string, Promise<T>>();
  return (key) => {
    let found = cache.get(key);
    if (!found) cache.set(key, (found = compute(key)));
    return found;
  };
}

/** Groups files (or, for a full run without known files, packages) by runner, working directory and node flags. */
async function draftGroups(context: PlanContext, files: string[]): Promise<GroupDraft[]> {
  const { options } = context;
  const ownerOf = packageFinder(options.packages);
  const packagesByDir = new Map(options.packages.map((pkg) => [pkg.dir, pkg]));
  const runnerOf = memoize((dir) => resolvePackageRunner(context, packagesByDir.get(dir) ?? rootPackage));
  const cwdOf = memoize((key) => {
    const [runner, pkgDir] = JSON.parse(key) as [RunnerName, string];
    return runnerCwd(context, runner, pkgDir);
  });
  const drafts = new Map<string, GroupDraft>();
  const add = async (pkg: WorkspacePackage, runner: DetectedRunner, file?: string): Promise<void> => {
    const cwd = await cwdOf(JSON.stringify([runner.name, pkg.dir]));
    const key = JSON.stringify([runner.name, cwd, runner.nodeFlags]);
    let draft = drafts.get(key);
    if (!draft) {
      draft = { runner: runner.name, cwd, nodeFlags: runner.nodeFlags, pkgDir: pkg.dir, packages: new Set(), files: [] };
      drafts.set(key, draft);
    }
    draft.packages.add(pkg.name);
    if (file !== undefined) draft.files.push(file);
  };

  if (files.length > 0) {
    for (const file of files) {
      const pkg = ownerOf(file);
      const { detected, playwrightDir } = await runnerOf(pkg.dir);
      const e2e = playwrightDir !== undefined && contains(playwrightDir, file);
      await add(pkg, e2e ? { name: 'playwright', source: 'playwright config', nodeFlags: [] } : detected, file);
    }
  } else {
    // Mode `all` with no known test files still runs every package that names a runner.
    for (const pkg of options.packages) {
      const detected = await detectRunner(options.root, pkg, context.reader);
      if (detected) await add(pkg, detected);
    }
  }
  return [...drafts.values()];
}

/** Plans the groups and commands of a run. Reads package manifests and runner configs statically; starts nothing. */
export async function planRun(options: RunOptions): Promise<RunPlan> {
  const files = await filesToRun(options);
  // Without a shard, mode `all` hands each runner its own full run; the files only say which runners to start.
  const fullRun = options.mode === 'all' && !options.shard;
  const plan: RunPlan = { mode: options.mode, groups: [], ...(options.shard ? { shard: options.shard } : {}) };
  if (files.length === 0 && !(fullRun && options.tests.length === 0)) return plan;

  const maxBytes = options.maxArgumentBytes ?? defaultMaxArgumentBytes;
  const extraArgs = options.extraArgs ?? [];
  const commandsFor = (spec: CommandSpec, groupFiles: string[]) =>
    (fullRun ? [[]] : chunkFiles(groupFiles, maxBytes)).map((chunk) =>
      runnerCommand(spec, chunk.map((file) => path.join(options.root, file))),
    );

  if (typeof options.runner === 'object') {
    // A custom command is written for the repository root, like the config it lives in: one group, run from there.
    const shell = options.runner.shell ?? false;
    const custom = { command: options.runner.command, shell, extraArgs };
    const ownerOf = packageFinder(options.packages);
    plan.groups.push({
      runner: 'custom',
      cwd: '',
      packages: [...new Set(files.map((file) => ownerOf(file).name))].toSorted(),
      files: fullRun ? [] : files,
      commands: (fullRun ? [[]] : chunkFiles(files, maxBytes)).map((chunk) => customCommand(custom, chunk.map((file) => fileArgument(options.root, path.join(options.root, file))))),
      shell,
    });
    return plan;
  }

  const context: PlanContext = { options, reader: createDirectoryReader(), binChecks: new Map() };
  // A configured runner runs every test; else a package's unread test script runs the tests only it is known to run.
  const unread = options.runner === undefined ? (options.unreadScripts ?? []) : [];
  const scripts =
    unread.length === 0
      ? { groups: [], covered: new Set<string>() }
      : scriptGroups(unread, new Set(options.tests.map(toPosix)), files, options.packages, detectPackageManager(options.root, await context.reader.manifest(options.root)));
  const runnerFiles = files.filter((file) => !scripts.covered.has(file));
  // No files at all: a full run of every package that names a runner. Files all covered by scripts: no runner.
  const drafts = runnerFiles.length > 0 || files.length === 0 ? await draftGroups(context, runnerFiles) : [];
  const groups: RunGroup[] = [...scripts.groups];
  for (const draft of drafts) {
    const bin = await binFor(context, draft.runner, draft.cwd, draft.pkgDir);
    const spec: CommandSpec = { runner: draft.runner, bin, cwd: path.join(options.root, draft.cwd), nodeFlags: draft.nodeFlags, extraArgs };
    const groupFiles = fullRun ? [] : draft.files.toSorted();
    groups.push({
      runner: draft.runner,
      cwd: draft.cwd,
      packages: [...draft.packages].toSorted(),
      files: groupFiles,
      commands: commandsFor(spec, groupFiles),
      shell: false,
    });
  }
  plan.groups = groups.toSorted((a, b) => a.cwd.localeCompare(b.cwd) || a.runner.localeCompare(b.runner));
  return plan;
}
