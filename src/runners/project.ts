// Builds RunnerProject objects: one place for the fields every adapter fills the same way.
import path from 'node:path';
import type { RunnerName } from '../config/schema.js';
import type { RunnerProject } from './types.js';

/** A project with every list empty, to be filled by an adapter. */
export function emptyProject(runner: RunnerName, configFile: string, dir: string, origin: RunnerProject['origin']): RunnerProject {
  return { runner, configFile, dir, include: [], exclude: [], testRegex: [], ignorePatterns: [], roots: [], setupFiles: [], missingSetup: [], aliases: [], origin };
}

/** The repository-relative directory of a repository-relative file, `''` at the root. */
export function dirOf(file: string): string {
  const dir = path.posix.dirname(file);
  return dir === '.' ? '' : dir;
}

/** Joins repository-relative paths, normalised, `''` for the root; undefined when the result leaves the repository. */
export function joinPath(dir: string, relative: string): string | undefined {
  const joined = path.posix.normalize(path.posix.join(dir === '' ? '.' : dir, relative));
  if (joined === '..' || joined.startsWith('../') || path.posix.isAbsolute(joined)) return undefined;
  return joined === '.' ? '' : joined.replace(/\/$/, '');
}
