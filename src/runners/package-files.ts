// Static reads of what a directory says about its test runner: package.json and runner config files (never executed).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type ConfigValue, evaluateConfig, isObject } from './evaluate-config.js';
import { configSource } from './read-projects.js';
import type { RunnerManifest } from './types.js';

export interface PackageManifest extends RunnerManifest {
  packageManager?: string;
}

// Read synchronously: a run reads one small manifest and one listing per package, and a hundred of them through
// the thread pool's promises take several times as long as reading them in turn.
export async function readManifest(dir: string): Promise<PackageManifest | undefined> {
  try {
    const parsed = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as PackageManifest) : undefined;
  } catch {
    // A missing or broken package.json only means this directory says nothing about its runner.
    return undefined;
  }
}

/** The names of the entries directly in `dir`, sorted. */
async function listDirectory(dir: string): Promise<string[]> {
  try {
    return readdirSync(dir).toSorted();
  } catch {
    return [];
  }
}

/** `value[key]` when `value` is an object literal that has the key (whatever its value: a computed one counts). */
function written(value: ConfigValue, key: string): ConfigValue | undefined {
  return isObject(value) && key in value.entries ? (value.entries[key] ?? null) : undefined;
}

/**
 * Whether a config declares projects (a vitest workspace file, vitest `test.projects`/`test.workspace`, jest
 * `projects`), read from its syntax tree; `file` is repository-relative.
 */
export function declaresProjects(root: string, file: string): boolean {
  if (/workspace|projects/.test(path.posix.basename(file))) return true;
  const { value } = evaluateConfig(configSource(root, []), file);
  const test = written(value, 'test');
  return [written(value, 'projects'), written(test ?? null, 'projects'), written(test ?? null, 'workspace')].some((entry) => entry !== undefined);
}

/** The `testDir` a playwright config writes (relative to its directory), read from its syntax tree; `file` is repository-relative. */
export function playwrightTestDir(root: string, file: string): string | undefined {
  const testDir = written(evaluateConfig(configSource(root, []), file).value, 'testDir');
  return typeof testDir === 'string' ? testDir : undefined;
}

/** Reads of package.json and config listings, each directory read once per plan. */
export interface DirectoryReader {
  manifest: (dir: string) => Promise<PackageManifest | undefined>;
  /** The names directly in a directory, sorted. */
  names: (dir: string) => Promise<string[]>;
}

function memoize<T>(read: (dir: string) => Promise<T>): (dir: string) => Promise<T> {
  const cache = new Map<string, Promise<T>>();
  return (dir) => {
    let found = cache.get(dir);
    if (!found) cache.set(dir, (found = read(dir)));
    return found;
  };
}

export function createDirectoryReader(): DirectoryReader {
  return { manifest: memoize(readManifest), names: memoize(listDirectory) };
}
