// Finds the repository's own installed copy of a runner package, from the directory of the config that uses it.
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';

export interface RunnerPackage {
  /** Absolute directory of the installed package (symlinks resolved, as node loads it). */
  dir: string;
  version: string;
  manifest: { bin?: string | Record<string, string>; exports?: unknown };
}

/**
 * The package `name` as node finds it from `fromDir` (the nearest `node_modules/<name>` on the way up to `root`), or undefined
 * when it is not installed there. The search starts at the repository's directory, so impacted's own copy is never used.
 */
export function resolveRunnerPackage(name: string, fromDir: string, root: string): RunnerPackage | undefined {
  const top = path.resolve(root);
  for (let dir = path.resolve(fromDir); ; dir = path.dirname(dir)) {
    const manifestPath = path.join(dir, 'node_modules', name, 'package.json');
    if (existsSync(manifestPath)) {
      try {
        const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as RunnerPackage['manifest'] & { version?: unknown };
        if (typeof manifest.version !== 'string') return undefined;
        return { dir: realpathSync(path.dirname(manifestPath)), version: manifest.version, manifest };
      } catch {
        return undefined;
      }
    }
    if (dir === top || path.dirname(dir) === dir) return undefined;
  }
}

/** The file a package's bin `command` points at. */
export function binOf(pkg: RunnerPackage, command: string): string | undefined {
  const { bin } = pkg.manifest;
  const relative = typeof bin === 'string' ? bin : bin?.[command];
  return relative === undefined ? undefined : path.join(pkg.dir, relative);
}

/** The file an `exports` subpath (`./node`) loads under the `import` condition. */
export function exportOf(pkg: RunnerPackage, subpath: string): string | undefined {
  const exports = pkg.manifest.exports;
  if (typeof exports !== 'object' || exports === null) return undefined;
  let target: unknown = (exports as Record<string, unknown>)[subpath];
  while (typeof target === 'object' && target !== null) {
    const conditions = target as Record<string, unknown>;
    target = conditions.import ?? conditions.node ?? conditions.default;
  }
  return typeof target === 'string' ? path.join(pkg.dir, target) : undefined;
}
