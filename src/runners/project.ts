// Builds RunnerProject objects: one place for the fields every adapter fills the same way.
import path from 'node:path';
import type { RunnerName } from '../config/schema.js';
import type { RunnerProject } from './types.js';

/** A project with every list empty, to be filled by an adapter. */
export function emptyProject(runner: RunnerName, configFile: string, dir: string, origin: RunnerProject['origin']): RunnerProject {
  return { runner, configFile, dir, include: [], exclude: [], testRegex: [], ignorePatterns: [], roots: [], setupFiles: [], missingSetup: [], aliases: [], origin };
}

/**
 * Orders paths by UTF-16 code unit, as the rest of impacted does: the same on every machine, where `localeCompare`
 * follows the locale, and its first call costs tens of milliseconds (ICU's collator is loaded).
 */
export function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The repository-relative directory of a repository-relative file, `''` at the root. */
export function dirOf(file: string): string {
  const dir = path.posix.dirname(file);
  return dir === '.' ? '' : dir;
}

/**
 * A repository-relative path and every directory above it, deepest first, `''` last: exactly the `d` with
 * `d === '' || path === d || path.startsWith(`${d}/`)`, so "is inside one of these" is one Set lookup per directory.
 */
export function selfAndAncestors(path: string): string[] {
  const dirs = [path];
  for (let at = path.lastIndexOf('/'); at > 0; at = path.lastIndexOf('/', at - 1)) dirs.push(path.slice(0, at));
  if (path !== '') dirs.push('');
  return dirs;
}

/** Joins repository-relative paths, normalised, `''` for the root; undefined when the result leaves the repository. */
export function joinPath(dir: string, relative: string): string | undefined {
  const joined = path.posix.normalize(path.posix.join(dir === '' ? '.' : dir, relative));
  if (joined === '..' || joined.startsWith('../') || path.posix.isAbsolute(joined)) return undefined;
  return joined === '.' ? '' : joined.replace(/\/$/, '');
}
