// Finds the workspace packages (npm/yarn `workspaces`, pnpm-workspace.yaml) or the single root package.
import { type Dirent, readdirSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { minimatch } from 'minimatch';
import { createRequire } from 'node:module';
import type { WorkspacePackage } from '../types.js';

/** A package manifest, as much of it as resolution and selection read. */
// yaml loads only for repositories that have a pnpm-workspace.yaml.
const requireYaml = createRequire(import.meta.url);
const parseYaml = (text: string): unknown => (requireYaml('yaml') as typeof import('yaml')).parse(text);

export interface PackageManifest {
  name?: string;
  main?: string;
  module?: string;
  types?: string;
  typings?: string;
  exports?: unknown;
  imports?: unknown;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  scripts?: Record<string, string>;
  workspaces?: string[] | { packages?: string[] };
}

export interface Workspace extends Omit<WorkspacePackage, 'dependsOn'> {
  manifest: PackageManifest;
}

export interface WorkspaceLayout {
  /** Workspace packages, deepest directory first so the first match owns a file. */
  packages: Workspace[];
  /** Where the workspace globs came from: package.json, pnpm-workspace.yaml, or none. */
  source: 'package.json' | 'pnpm-workspace.yaml' | 'single-package';
  problems: string[];
}

export function readManifest(file: string): PackageManifest | undefined {
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return value && typeof value === 'object' ? (value as PackageManifest) : undefined;
  } catch {
    return undefined;
  }
}

function workspaceGlobs(root: string, manifest: PackageManifest | undefined, problems: string[]) {
  try {
    const yaml = parseYaml(readFileSync(path.join(root, 'pnpm-workspace.yaml'), 'utf8')) as { packages?: unknown };
    if (yaml && Array.isArray(yaml.packages)) {
      return { globs: yaml.packages.filter((g): g is string => typeof g === 'string'), source: 'pnpm-workspace.yaml' as const };
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') problems.push(`pnpm-workspace.yaml: ${(error as Error).message}`);
  }
  const declared = manifest?.workspaces;
  const globs = Array.isArray(declared) ? declared : declared?.packages;
  if (Array.isArray(globs)) return { globs, source: 'package.json' as const };
  return { globs: [], source: 'single-package' as const };
}

function normalizeGlob(glob: string): string {
  return glob.replace(/^\.\//, '').replace(/\/+$/, '');
}

/**
 * Matches workspace globs against the directories that hold a package.json among the scanned files,
 * plus symlinked workspace folders (resolved to their real location inside the repository).
 */
export function findWorkspaces(root: string, files: readonly string[]): WorkspaceLayout {
  const problems: string[] = [];
  const rootManifest = readManifest(path.join(root, 'package.json'));
  const { globs, source } = workspaceGlobs(root, rootManifest, problems);
  const include = globs.filter((g) => !g.startsWith('!')).map(normalizeGlob);
  const exclude = globs.filter((g) => g.startsWith('!')).map((g) => normalizeGlob(g.slice(1)));
  const matches = (dir: string) =>
    include.some((g) => minimatch(dir, g, { dot: false })) && !exclude.some((g) => minimatch(dir, g));

  const packages: Workspace[] = [];
  const seen = new Set<string>();
  const add = (dir: string) => {
    if (seen.has(dir)) return;
    seen.add(dir);
    const manifest = readManifest(path.join(root, dir, 'package.json'));
    if (!manifest) {
      problems.push(`${dir}/package.json cannot be parsed`);
      return;
    }
    packages.push({ name: manifest.name ?? dir, dir, manifest });
  };

  if (include.length > 0) {
    const manifestDirs = files.filter((f) => f.endsWith('/package.json')).map((f) => f.slice(0, -'/package.json'.length));
    for (const dir of manifestDirs) if (matches(dir)) add(dir);
    // A symlinked workspace folder is not listed by git; find it on disk and use its real location.
    for (const glob of include) {
      const parent = glob.split('/').slice(0, -1).join('/');
      if (parent.includes('*')) continue;
      for (const dir of symlinkedDirs(root, parent)) if (matches(dir.linked)) add(dir.real);
    }
  }
  packages.push({ name: rootManifest?.name ?? path.basename(root), dir: '', manifest: rootManifest ?? {} });
  packages.sort((a, b) => b.dir.length - a.dir.length || (a.dir < b.dir ? -1 : 1));
  return { packages, source, problems };
}

function symlinkedDirs(root: string, parent: string): { linked: string; real: string }[] {
  const result: { linked: string; real: string }[] = [];
  let entries: Dirent[];
  try {
    entries = readdirSync(path.join(root, parent), { withFileTypes: true });
  } catch {
    return result;
  }
  const realRoot = realpathSync(root);
  for (const entry of entries) {
    if (!entry.isSymbolicLink()) continue;
    const linked = parent ? `${parent}/${entry.name}` : entry.name;
    try {
      const real = path.relative(realRoot, realpathSync(path.join(root, linked))).split(path.sep).join('/');
      if (!real.startsWith('..') && !path.isAbsolute(real)) result.push({ linked, real });
    } catch {
      // A dangling or looping link is no package.
    }
  }
  return result;
}
