// What impacted finds in a repository without a config: workspaces, tsconfigs, test globs and each package's runner.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { RunnerName } from '../config/schema.js';
import { packageOwner } from '../graph/package-owner.js';
import { scanFiles } from '../graph/scan-files.js';
import { findWorkspaces } from '../graph/workspaces.js';
import { detectRunner } from '../runners/detect-runner.js';
import { createDirectoryReader } from '../runners/package-files.js';
import type { DetectedRunner } from '../run/types.js';
import { findTests, type TestDiscovery } from '../select/find-tests.js';
import type { WorkspacePackage } from '../types.js';

export type WorkspaceTool = 'npm' | 'yarn' | 'pnpm' | 'none';

/** A package that owns test files, with the runner `impacted run` would start for them. */
export interface DetectedPackage {
  name: string;
  /** Repository-relative directory, `''` for the root. */
  dir: string;
  /** How many test files it owns. */
  tests: number;
  /** Undefined when nothing names a runner: `impacted run` would then ask for `"runner"` in the config. */
  runner?: DetectedRunner;
}

export interface SetupDetection {
  /** Which workspace declaration was found (`none`: a single package). */
  workspaces: WorkspaceTool;
  /** Workspace packages, the root excluded (0 for a single package). */
  packageCount: number;
  /** `tsconfig*.json` files, repository-relative. */
  tsconfigs: string[];
  /** Test files, repository-relative. */
  tests: string[];
  /** Where the test globs came from. */
  testsFrom: TestDiscovery['source'];
  /** How many of `tests` came from impacted's default globs rather than a runner's (packages with no runner or an unread test script). */
  testsFromDefaults: number;
  /** The runner config files whose projects decide which files are tests, with their runner and test count. */
  runnerConfigs: { file: string; runner: RunnerName; tests: number }[];
  /** The runners that were asked for their resolved configs (the probe), sorted. */
  probedRunners: string[];
  /** The packages that own test files, sorted by directory. */
  packages: DetectedPackage[];
}

export interface DetectSetupInput {
  root: string;
  /** The repository's scanned files. */
  files: readonly string[];
  /** Workspace packages, the root (`dir: ''`) included. */
  packages: readonly Pick<WorkspacePackage, 'name' | 'dir'>[];
  discovery: TestDiscovery;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function workspaceTool(root: string, files: readonly string[], packageCount: number): WorkspaceTool {
  if (files.includes('pnpm-workspace.yaml')) return 'pnpm';
  if (packageCount === 0) return 'none';
  return files.includes('yarn.lock') || existsSync(path.join(root, '.yarnrc.yml')) ? 'yarn' : 'npm';
}

/** The deepest package that contains a file, the root last. */
function asPackage(pkg: Pick<WorkspacePackage, 'name' | 'dir'>): WorkspacePackage {
  return { ...pkg, dependsOn: [] };
}

function runnerConfigsOf(discovery: TestDiscovery): SetupDetection['runnerConfigs'] {
  // A test run by two projects of one config counts once: each config remembers the last test it counted.
  const counts = new Map<string, { file: string; runner: RunnerName; tests: number; last?: string }>();
  for (const project of discovery.projects) {
    if (project.configFile && !counts.has(project.configFile)) counts.set(project.configFile, { file: project.configFile, runner: project.runner, tests: 0 });
  }
  for (const [test, projects] of discovery.testProjects) {
    for (const project of projects) {
      const count = counts.get(project.configFile);
      if (count && count.last !== test) {
        count.tests++;
        count.last = test;
      }
    }
  }
  return [...counts.values()].map(({ file, runner, tests }) => ({ file, runner, tests })).sort((a, b) => compare(a.file, b.file));
}

/** Describes a repository from what the pipeline already read (the CLI's list and run reuse their analysis). */
export async function describeSetup(input: DetectSetupInput): Promise<SetupDetection> {
  const { root, files, packages, discovery } = input;
  const ownerDir = packageOwner(packages.map((pkg) => pkg.dir));
  const testsByDir = new Map<string, number>();
  for (const test of discovery.tests) {
    const dir = ownerDir(test);
    testsByDir.set(dir, (testsByDir.get(dir) ?? 0) + 1);
  }
  const reader = createDirectoryReader();
  const rootPackage = asPackage(packages.find((pkg) => pkg.dir === '') ?? { name: '(root)', dir: '' });
  // The same fallback as `impacted run`: a package that names no runner uses the root's.
  const detected = await Promise.all(
    packages
      .filter((pkg) => testsByDir.has(pkg.dir))
      .map(async (pkg): Promise<DetectedPackage> => {
        const runner =
          (await detectRunner(root, asPackage(pkg), reader)) ?? (pkg.dir === '' ? undefined : await detectRunner(root, rootPackage, reader));
        return { name: pkg.name, dir: pkg.dir, tests: testsByDir.get(pkg.dir) ?? 0, ...(runner ? { runner } : {}) };
      }),
  );
  const packageCount = packages.filter((pkg) => pkg.dir !== '').length;
  return {
    workspaces: workspaceTool(root, files, packageCount),
    packageCount,
    tsconfigs: files.filter((file) => /(?:^|\/)tsconfig[^/]*\.json$/.test(file)),
    tests: discovery.tests,
    testsFrom: discovery.source,
    testsFromDefaults: discovery.byDefaultGlobs,
    runnerConfigs: runnerConfigsOf(discovery),
    probedRunners: [...new Set(discovery.probedProjects.map((project) => project.runner))].sort(),
    packages: detected.sort((a, b) => compare(a.dir, b.dir)),
  };
}

/** Scans the repository at `root` (git-tracked and untracked files) and describes it; reads configs, never runs them. */
export async function detectSetup(root: string): Promise<SetupDetection & { files: string[] }> {
  const files = (await scanFiles(root)).files.map((file) => file.path);
  const layout = findWorkspaces(root, files);
  const discovery = findTests(root, files);
  return { ...(await describeSetup({ root, files, packages: layout.packages, discovery })), files };
}

/** How many test-owning packages each runner serves, most first; `unknown` counts packages with none. */
export function runnerCounts(detection: SetupDetection): [RunnerName | 'unknown', number][] {
  const counts = new Map<RunnerName | 'unknown', number>();
  for (const pkg of detection.packages) {
    const name = pkg.runner?.name ?? 'unknown';
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || compare(a[0], b[0]));
}
