// Static reads of what a directory says about its test runner: package.json and runner config files (never executed).
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { RunnerManifest } from './types.js';

export interface PackageManifest extends RunnerManifest {
  packageManager?: string;
}

export async function readManifest(dir: string): Promise<PackageManifest | undefined> {
  try {
    const parsed = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8')) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as PackageManifest) : undefined;
  } catch {
    // A missing or broken package.json only means this directory says nothing about its runner.
    return undefined;
  }
}

/** The names of the entries directly in `dir`, sorted. */
async function listDirectory(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).toSorted();
  } catch {
    return [];
  }
}

/** Whether a config file's text declares projects (vitest `projects`/`workspace`, jest `projects`). */
export async function declaresProjects(file: string): Promise<boolean> {
  if (/workspace|projects/.test(path.basename(file))) return true;
  try {
    return /\b(projects|workspace)["']?\s*:/.test(await readFile(file, 'utf8'));
  } catch {
    return false;
  }
}

/** A statically written `testDir: '...'` in a playwright config, relative to the config's directory. */
export async function playwrightTestDir(file: string): Promise<string | undefined> {
  try {
    const match = /\btestDir\s*:\s*(['"`])([^'"`]+)\1/.exec(await readFile(file, 'utf8'));
    return match?.[2];
  } catch {
    return undefined;
  }
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
