// Finds the workspace packages (npm/yarn `workspaces`, pnpm-workspace.yaml) or the single root package.
import { type Dirent, readdirSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { minimatch } from 'minimatch';
import { createRequire } from 'node:module';
import { ImpactedError } from '../errors.js';
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

export interface Workspace extends Omit<WorkspacePackage, 'dependsOn'> {
  manifest: PackageManifest;
}

export interface WorkspaceLayout {
  /** Workspace packages, deepest directory first so the first match owns a file. */
  packages: Workspace[];
  /** Where the workspace globs came from: package.json, pnpm-workspace.yaml, or none. */
  source: 'package.json' | 'pnpm-workspace.yaml' | 'single-package';
}

/** A manifest, or undefined when it is missing or not a JSON object. A byte order mark is accepted, as Node and npm do. */
export function readManifest(file: string): PackageManifest | undefined {
  const read = readManifestStrict(file);
  return 'manifest' in read ? read.manifest : undefined;
}

function readManifestStrict(file: string): { manifest: PackageManifest } | { error: string; missing?: boolean } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { error: (error as Error).message, missing: (error as NodeJS.ErrnoException).code === 'ENOENT' };
  }
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

function workspaceGlobs(root: string, manifest: PackageManifest | undefined) {
  let text: string | undefined;
  try {
    text = readFileSync(path.join(root, 'pnpm-workspace.yaml'), 'utf8');
  } catch {
    // No pnpm-workspace.yaml (or not readable as one): the package.json workspaces decide.
  }
  if (text !== undefined) {
    let yaml: unknown;
    try {
      yaml = parseYaml(text);
    } catch (error) {
      throw new ImpactedError('CONFIG', `pnpm-workspace.yaml is not valid YAML (${(error as Error).message.split('\n')[0]}): fix it so the workspace packages can be read.`);
    }
    const packages = (yaml as { packages?: unknown } | null)?.packages;
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
 * plus symlinked workspace folders (resolved to their real location inside the repository).
 */
export function findWorkspaces(root: string, files: readonly string[]): WorkspaceLayout {
  const rootRead = readManifestStrict(path.join(root, 'package.json'));
  if ('error' in rootRead && !rootRead.missing) throw manifestError('package.json', rootRead.error);
  const rootManifest = 'manifest' in rootRead ? rootRead.manifest : undefined;
  const { globs, source } = workspaceGlobs(root, rootManifest);
  const include = globs.filter((g) => !g.startsWith('!')).map(normalizeGlob);
  const exclude = globs.filter((g) => g.startsWith('!')).map((g) => normalizeGlob(g.slice(1)));
  const matches = (dir: string) =>
    include.some((g) => minimatch(dir, g, { dot: false })) && !exclude.some((g) => minimatch(dir, g));

  const packages: Workspace[] = [];
  const seen = new Set<string>();
  const add = (dir: string) => {
    if (seen.has(dir)) return;
    seen.add(dir);
    const read = readManifestStrict(path.join(root, dir, 'package.json'));
    if ('error' in read) throw manifestError(`${dir}/package.json`, read.error);
    const { manifest } = read;
    const twin = manifest.name === undefined ? undefined : packages.find((pkg) => pkg.manifest.name === manifest.name);
    if (twin) {
      throw new ImpactedError(
        'CONFIG',
        `${twin.dir}/package.json and ${dir}/package.json both name the package "${manifest.name}": rename one (npm, yarn and pnpm refuse duplicate workspace names too).`,
      );
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
  return { packages, source };
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
