// Reads typed values (string lists, paths) out of an evaluated config, collecting why a value had to be widened.
import path from 'node:path';
import { type ConfigValue, isObject, isRegExp, isUnknown } from './evaluate-config.js';
import type { RunnerProject } from './types.js';

/** Collects the reasons a project's reading had to guess; the first one is what the user sees. */
export interface Widening {
  reasons: string[];
}

/** A string list (a lone string counts as one), or the given fallback plus every literal found when it is computed. */
export function stringList(value: ConfigValue, fallback: readonly string[], widening: Widening, key: string): string[] {
  if (value === undefined || value === null) return [...fallback];
  if (typeof value === 'string') return [value];
  if (isUnknown(value)) {
    widening.reasons.push(`${key}: ${value.reason}`);
    return [...new Set([...fallback, ...value.literals])];
  }
  if (Array.isArray(value)) {
    const strings: string[] = [];
    for (const item of value) {
      if (typeof item === 'string') strings.push(item);
      else if (isUnknown(item)) {
        widening.reasons.push(`${key}: ${item.reason}`);
        strings.push(...fallback, ...item.literals);
      }
    }
    return [...new Set(strings)];
  }
  widening.reasons.push(`${key} is not a list of strings`);
  return [...fallback];
}

/** A string, or undefined with a reason when it is computed. */
export function stringValue(value: ConfigValue, widening: Widening, key: string): string | undefined {
  if (typeof value === 'string') return value;
  if (isUnknown(value)) widening.reasons.push(`${key}: ${value.reason}`);
  return undefined;
}

/** A regular expression's source from a string or a RegExp value. */
export function regExpSource(value: ConfigValue): string | undefined {
  if (typeof value === 'string') return value;
  return isRegExp(value) ? value.source : undefined;
}

/**
 * A path written in a config, as a repository-relative path: absolute paths inside the repository made relative,
 * relative ones joined to `dir`. Undefined when it leaves the repository.
 */
export function repoPath(root: string, dir: string, written: string): string | undefined {
  const posixRoot = root.split(path.sep).join('/');
  const absolute = path.posix.isAbsolute(written) ? path.posix.normalize(written) : path.posix.resolve(posixRoot, dir, written);
  const relative = path.posix.relative(posixRoot, absolute);
  if (relative === '..' || relative.startsWith('../') || path.posix.isAbsolute(relative)) return undefined;
  return relative;
}

/** The entries of an object value, or none. */
export function entriesOf(value: ConfigValue): [string, ConfigValue][] {
  return isObject(value) ? Object.entries(value.entries) : [];
}

/** Whether a setup entry names a package rather than a file (`@testing-library/jest-dom`, `jest-extended/all`). */
export function isPackageSpecifier(entry: string): boolean {
  return !entry.startsWith('.') && !entry.startsWith('/') && !entry.startsWith('<rootDir>') && !/^[a-zA-Z]:[\\/]/.test(entry);
}

const setupExtensions = ['', '.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '/index.ts', '/index.js'];

/** The repository file a setup entry resolves to, trying the extensions runners try. */
export function setupFile(files: ReadonlySet<string>, candidate: string): string | undefined {
  return setupExtensions.map((ext) => candidate + ext).find((file) => files.has(file));
}

/**
 * Adds a setup entry to a project: the file it resolves to, or else (unless it names a package) a missing setup that
 * widens; each once, also when widening gives several config keys the same literals. `alsoTried`: a file some versions
 * of the runner take instead when it exists (vitest 1-3: the entry against the parent of the project's root); it then
 * counts too, and the entry is not missing.
 */
export function addSetupEntry(project: RunnerProject, files: ReadonlySet<string>, entry: string, candidate: string | undefined, alsoTried?: string): void {
  const other = alsoTried === undefined ? undefined : setupFile(files, alsoTried);
  if (other !== undefined && !project.setupFiles.includes(other)) project.setupFiles.push(other);
  const found = candidate === undefined ? undefined : setupFile(files, candidate);
  const list = found ? project.setupFiles : isPackageSpecifier(entry) || other !== undefined ? undefined : project.missingSetup;
  const item = found ?? candidate ?? entry;
  if (list && !list.includes(item)) list.push(item);
}
