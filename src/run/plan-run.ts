// Plans a run: which runner owns each selected test, from which directory it runs, and the exact commands.
import path from 'node:path';
import type { RunnerName } from '../config/schema.js';
import { ImpactedError } from '../errors.js';
import type { WorkspacePackage } from '../types.js';
import { chunkFiles, defaultMaxArgumentBytes } from './chunk-files.js';
import { detectRunner, nodeFlagsOf } from './detect-runner.js';
import { findBin } from './find-bin.js';
import { type ConfigKind, declaresProjects, findConfigFiles, playwrightTestDir, readManifest } from './package-files.js';
import { runnerCommand } from './runner-commands.js';
import { readTimings, shardFiles } from './shard-files.js';
import type { DetectedRunner, RunGroup, RunOptions, RunPlan } from './types.js';

const binNames: Record<RunnerName, { bin: string; install: string }> = {
  vitest: { bin: 'vitest', install: 'vitest' },
  jest: { bin: 'jest', install: 'jest' },
  mocha: { bin: 'mocha', install: 'mocha' },
  playwright: { bin: 'playwright', install: '@playwright/test' },
  node: { bin: 'node', install: 'node' },
};

const ownConfigKinds: Partial<Record<RunnerName, ConfigKind[]>> = {
  vitest: ['vitest', 'vite'],
  jest: ['jest'],
  mocha: ['mocha'],
  playwright: ['playwright'],
};

function label(dir: string): string {
  return dir === '' ? 'the repository root' : dir;
}

function toPosix(file: string): string {
  return file.split(path.sep).join('/');
}

function contains(dir: string, file: string): boolean {
  return dir === '' || file.startsWith(`${dir}/`);
}

/** The deepest package whose directory contains the file; the root package last. */
function ownerOf(file: string, packages: WorkspacePackage[]): WorkspacePackage {
  return packages.find((pkg) => contains(pkg.dir, file)) ?? { name: '(root)', dir: '', dependsOn: [] };
}

/**
 * The directory a runner must start from for a package's tests: the outermost ancestor whose config declares
 * projects (vitest `projects`/workspace, jest `projects`), else the nearest directory with a config, else the package.
 */
async function runnerCwd(root: string, runner: RunnerName, pkgDir: string): Promise<string> {
  const kinds = ownConfigKinds[runner];
  if (!kinds) return pkgDir;
  let nearest: string | undefined;
  let projectsOwner: string | undefined;
  for (let dir = pkgDir; ; dir = dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : '') {
    const absolute = path.join(root, dir);
    const configs = await findConfigFiles(absolute);
    const files = kinds.flatMap((kind) => configs[kind] ?? []).map((name) => path.join(absolute, name));
    const manifestJest = runner === 'jest' ? (await readManifest(absolute))?.jest : undefined;
    if (files.length > 0 || manifestJest !== undefined) {
      nearest ??= dir;
      const projects =
        (await Promise.all(files.map(declaresProjects))).some(Boolean) ||
        (manifestJest !== null && typeof manifestJest === 'object' && 'projects' in manifestJest);
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

async function resolvePackageRunner(options: RunOptions, pkg: WorkspacePackage): Promise<PackageRunner> {
  const { root, runner } = options;
  if (typeof runner === 'string') {
    const script = (await readManifest(path.join(root, pkg.dir)))?.scripts?.test ?? '';
    return { detected: { name: runner, source: 'config', nodeFlags: runner === 'node' ? nodeFlagsOf(script) : [] } };
  }
  const detected = (await detectRunner(root, pkg)) ?? (pkg.dir === '' ? undefined : await detectRunner(root, { name: '', dir: '', dependsOn: [] }));
  if (!detected) {
    throw new ImpactedError(
      'RUNNER',
      `cannot tell which test runner ${label(pkg.dir)} uses (no test script, runner config or runner dependency): set "runner" in impacted.config.json.`,
    );
  }
  if (detected.name === 'playwright') return { detected };
  const playwrightConfig = (await findConfigFiles(path.join(root, pkg.dir))).playwright?.[0];
  const testDir = playwrightConfig && (await playwrightTestDir(path.join(root, pkg.dir, playwrightConfig)));
  if (!testDir) return { detected };
  return { detected, playwrightDir: toPosix(path.posix.join(pkg.dir, testDir)).replace(/^\.\/?$/, '').replace(/\/$/, '') };
}

interface GroupDraft {
  runner: RunnerName;
  cwd: string;
  nodeFlags: string[];
  packages: Set<string>;
  files: string[];
}

async function binFor(options: RunOptions, runner: RunnerName, cwd: string, pkgDir: string): Promise<string> {
  if (runner === 'node') return process.execPath;
  const { bin, install } = binNames[runner];
  const found = await findBin(bin, path.join(options.root, cwd), options.root);
  if (found) return found;
  throw new ImpactedError(
    'RUNNER',
    `${runner} is not installed in ${label(pkgDir)}: run npm i -D ${install}, or set "runner" in impacted.config.json.`,
  );
}

/** The files this run covers: the selection, or this shard of it. */
async function filesToRun(options: RunOptions): Promise<string[]> {
  const files = [...new Set(options.tests.map(toPosix))].toSorted();
  if (!options.shard) return files;
  const timings = options.timingsFile ? await readTimings(options.root, options.timingsFile) : undefined;
  return shardFiles(files, options.shard, timings);
}

/** Plans the groups and commands of a run. Reads package manifests and runner configs; starts nothing. */
export async function planRun(options: RunOptions): Promise<RunPlan> {
  const files = await filesToRun(options);
  // Without a shard, mode `all` hands each runner its own full run; the files only say which runners to start.
  const fullRun = options.mode === 'all' && !options.shard;
  const maxBytes = options.maxArgumentBytes ?? defaultMaxArgumentBytes;
  const extraArgs = options.extraArgs ?? [];
  const plan: RunPlan = { mode: options.mode, groups: [], ...(options.shard ? { shard: options.shard } : {}) };
  if (files.length === 0 && !(fullRun && options.tests.length === 0)) return plan;

  if (typeof options.runner === 'object') {
    const spec = {
      runner: 'custom' as const,
      bin: '',
      cwd: options.root,
      nodeFlags: [],
      extraArgs,
      command: options.runner.command,
      shell: options.runner.shell ?? false,
    };
    const chunks = fullRun ? [[]] : chunkFiles(files, maxBytes);
    plan.groups.push({
      runner: 'custom',
      cwd: '',
      packages: [...new Set(files.map((file) => ownerOf(file, sortPackages(options.packages)).name))],
      files: fullRun ? [] : files,
      commands: chunks.map((chunk) => runnerCommand(spec, chunk.map((file) => path.join(options.root, file)))),
      shell: spec.shell,
    });
    return plan;
  }

  const packages = sortPackages(options.packages);
  // Mode `all` with no known test files still runs every package that has a runner.
  const owners = files.length > 0 ? files.map((file) => ({ file, pkg: ownerOf(file, packages) })) : undefined;
  const runners = new Map<string, Promise<PackageRunner>>();
  const runnerOf = (pkg: WorkspacePackage): Promise<PackageRunner> => {
    let found = runners.get(pkg.dir);
    if (!found) runners.set(pkg.dir, (found = resolvePackageRunner(options, pkg)));
    return found;
  };

  const drafts = new Map<string, GroupDraft>();
  const addToGroup = async (pkg: WorkspacePackage, runner: DetectedRunner, file: string | undefined): Promise<void> => {
    const cwd = await runnerCwd(options.root, runner.name, pkg.dir);
    const key = JSON.stringify([runner.name, cwd, runner.nodeFlags]);
    let draft = drafts.get(key);
    if (!draft) {
      draft = { runner: runner.name, cwd, nodeFlags: runner.nodeFlags, packages: new Set(), files: [] };
      drafts.set(key, draft);
    }
    draft.packages.add(pkg.name);
    if (file !== undefined) draft.files.push(file);
  };

  if (owners) {
    for (const { file, pkg } of owners) {
      const { detected, playwrightDir } = await runnerOf(pkg);
      const isE2e = playwrightDir !== undefined && contains(playwrightDir, file);
      const runner: DetectedRunner = isE2e ? { name: 'playwright', source: 'playwright config', nodeFlags: [] } : detected;
      await addToGroup(pkg, runner, file);
    }
  } else {
    for (const pkg of packages) {
      const detected = await detectRunner(options.root, pkg);
      if (detected) await addToGroup(pkg, detected, undefined);
    }
  }

  const groups: RunGroup[] = [];
  for (const draft of drafts.values()) {
    const firstPackage = packages.find((pkg) => draft.packages.has(pkg.name))?.dir ?? draft.cwd;
    const bin = await binFor(options, draft.runner, draft.cwd, firstPackage);
    const spec = { runner: draft.runner, bin, cwd: path.join(options.root, draft.cwd), nodeFlags: draft.nodeFlags, extraArgs };
    const groupFiles = fullRun ? [] : draft.files.toSorted();
    const chunks = fullRun ? [[]] : chunkFiles(groupFiles, maxBytes);
    groups.push({
      runner: draft.runner,
      cwd: draft.cwd,
      packages: [...draft.packages].toSorted(),
      files: groupFiles,
      commands: chunks.map((chunk) => runnerCommand(spec, chunk.map((file) => path.join(options.root, file)))),
      shell: false,
    });
  }
  plan.groups = groups.toSorted((a, b) => a.cwd.localeCompare(b.cwd) || a.runner.localeCompare(b.runner));
  return plan;
}

/** Deepest directories first, so the first package containing a file is its owner. */
function sortPackages(packages: WorkspacePackage[]): WorkspacePackage[] {
  return packages.toSorted((a, b) => b.dir.length - a.dir.length || a.dir.localeCompare(b.dir));
}
