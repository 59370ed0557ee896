// Finds the workspace packages (npm/yarn `workspaces`, pnpm-workspace.yaml) or the single root package.
import path from 'node:path';
import { Minimatch } from 'minimatch';
import { ImpactedError } from '../errors.js';
import { yaml } from '../lazy-dependencies.js';
import { readText, worktreeFiles, type RepoFiles } from '../files/repo-files.js';
import type { WorkspacePackage } from '../types.js';

/** A package manifest, as much of it as resolution and selection read. */

export interface PackageManifest {
  name?: string;
  main?: string;
  module?: string;
  types?: string;
  typings?: string;
  /** The source entry (Parcel, microbundle, and others). */
  source?: unknown;
  /** preconstruct: `entrypoints` relative to `src/`. */
  preconstruct?: { entrypoints?: unknown };
  /** tsup options kept in package.json. */
  tsup?: unknown;
  typesVersions?: unknown;
  exports?: unknown;
  imports?: unknown;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  scripts?: Record<string, string>;
  workspaces?: string[] | { packages?: string[] };
}

export interface Workspace extends Omit<WorkspacePackage, 'dependsOn' | 'declared'> {
  manifest: PackageManifest;
}

export interface WorkspaceLayout {
  /** Workspace packages, deepest directory first so the first match owns a file. */
  packages: Workspace[];
  /** Where the workspace globs came from: package.json, pnpm-workspace.yaml, or none. */
  source: 'package.json' | 'pnpm-workspace.yaml' | 'single-package';
}

/** A manifest, or undefined when it is missing or not a JSON object. A byte order mark is accepted, as Node and npm do. */
export function readManifest(files: RepoFiles, file: string): PackageManifest | undefined {
  const read = readManifestStrict(files, file);
  return 'manifest' in read ? read.manifest : undefined;
}

/** A repository-relative package.json. */
function readManifestStrict(files: RepoFiles, file: string): { manifest: PackageManifest } | { error: string; missing?: boolean } {
  const read = readText(files, file);
  if ('error' in read) return { error: read.error, missing: read.code === 'ENOENT' };
  const { text } = read;
  try {
    const value = JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? { manifest: value as PackageManifest } : { error: 'not a JSON object' };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** An unreadable workspace manifest would drop a package and its edges: the package manager refuses it too. */
function manifestError(relative: string, error: string): ImpactedError {
  return new ImpactedError('CONFIG', `${relative} is not valid JSON (${error}): fix it so the workspace packages can be read.`);
}

function workspaceGlobs(files: RepoFiles, manifest: PackageManifest | undefined) {
  // No pnpm-workspace.yaml (or not readable as one): the package.json workspaces decide.
  const read = readText(files, 'pnpm-workspace.yaml');
  const text = 'text' in read ? read.text : undefined;
  if (text !== undefined) {
    let document: unknown;
    try {
      document = yaml().parse(text) as unknown;
    } catch (error) {
      throw new ImpactedError('CONFIG', `pnpm-workspace.yaml is not valid YAML (${(error as Error).message.split('\n')[0]}): fix it so the workspace packages can be read.`);
    }
    const packages = (document as { packages?: unknown } | null)?.packages;
    if (Array.isArray(packages)) return { globs: packages.filter((g): g is string => typeof g === 'string'), source: 'pnpm-workspace.yaml' as const };
    if (packages !== undefined) throw new ImpactedError('CONFIG', 'pnpm-workspace.yaml: "packages" must be a list of globs. Fix it so the workspace packages can be read.');
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
 * A workspace folder that is a symlink (its package.json reached through `links`, link path -> file) is the package
 * at its real location inside the repository.
 */
export function findWorkspaces(
  root: string,
  files: readonly string[],
  repoFiles: RepoFiles = worktreeFiles(root),
  links: ReadonlyMap<string, string> = new Map(),
): WorkspaceLayout {
  const rootRead = readManifestStrict(repoFiles, 'package.json');
  if ('error' in rootRead && !rootRead.missing) throw manifestError('package.json', rootRead.error);
  const rootManifest = 'manifest' in rootRead ? rootRead.manifest : undefined;
  const { globs, source } = workspaceGlobs(repoFiles, rootManifest);
  // Compiled once, not once per package.json tested (`minimatch()` compiles its pattern on every call).
  const include = globs.filter((g) => !g.startsWith('!')).map((g) => new Minimatch(normalizeGlob(g), { dot: false }));
  const exclude = globs.filter((g) => g.startsWith('!')).map((g) => new Minimatch(normalizeGlob(g.slice(1))));
  const matches = (dir: string) => include.some((g) => g.match(dir)) && !exclude.some((g) => g.match(dir));

  const packages: Workspace[] = [];
  const byName = new Map<string, Workspace>();
  const seen = new Set<string>();
  const add = (dir: string) => {
    if (seen.has(dir)) return;
    seen.add(dir);
    const read = readManifestStrict(repoFiles, `${dir}/package.json`);
    if ('error' in read) throw manifestError(`${dir}/package.json`, read.error);
    const { manifest } = read;
    const twin = manifest.name === undefined ? undefined : byName.get(manifest.name);
    if (twin) {
      throw new ImpactedError(
        'CONFIG',
        `${twin.dir}/package.json and ${dir}/package.json both name the package "${manifest.name}": rename one (npm, yarn and pnpm refuse duplicate workspace names too).`,
      );
    }
    const pkg = { name: manifest.name ?? dir, dir, manifest };
    packages.push(pkg);
    if (manifest.name !== undefined) byName.set(manifest.name, pkg);
  };

  if (include.length > 0) {
    for (const file of files) {
      if (!file.endsWith('/package.json')) continue;
      const dir = file.slice(0, -'/package.json'.length);
      if (!matches(dir)) continue;
      const real = links.get(file);
      add(real?.endsWith('/package.json') ? real.slice(0, -'/package.json'.length) : dir);
    }
  }
  packages.push({ name: rootManifest?.name ?? path.basename(root), dir: '', manifest: rootManifest ?? {} });
  packages.sort((a, b) => b.dir.length - a.dir.length || (a.dir < b.dir ? -1 : 1));
  return { packages, source };
}
