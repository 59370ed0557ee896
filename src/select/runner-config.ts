// Reads test runner configs statically (never executing them): test globs and setup files.
import path from 'node:path';
import { worktreeFiles, type RepoFiles } from '../files/repo-files.js';

/** Runner config files, by the runner they configure. */
export const runnerConfigPattern = /(?:^|\/)(?:vitest|vite|jest|playwright)\.config\.[cm]?[jt]s$|(?:^|\/)vitest\.(?:workspace|projects)\.[cm]?[jt]s$|(?:^|\/)jest\.config\.json$|(?:^|\/)\.mocharc\.[a-z]+$/;

export interface RunnerConfigInfo {
  /** Repository-relative path of the config file. */
  file: string;
  /** Repository-relative directory the config's globs are relative to. */
  dir: string;
  /** Test globs (`include`, `testMatch`), repository-relative; undefined when not statically readable. */
  tests?: string[];
  /** Setup files (`setupFiles`, `setupFilesAfterEnv`, `globalSetup`, `globalTeardown`), repository-relative. */
  setupFiles: string[];
}

/** The string literals of an array (or a single string) assigned to `key` in a config's source. */
function readStrings(source: string, key: string): string[] | undefined {
  const match = new RegExp(`["']?\\b${key}["']?\\s*:\\s*(\\[[^\\]]*\\]|"[^"]*"|'[^']*'|\`[^\`$]*\`)`).exec(source);
  if (!match?.[1]) return undefined;
  const body = match[1];
  const strings = [...body.matchAll(/"([^"]*)"|'([^']*)'|`([^`$]*)`/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
  // An array that also holds non-literals (variables, spreads) cannot be read statically.
  const rest = body.replace(/"[^"]*"|'[^']*'|`[^`$]*`/g, '').replace(/[[\],\s]/g, '');
  return rest === '' ? strings : undefined;
}

/** Converts a jest `<rootDir>`-style or relative glob into a repository-relative one. */
function anchor(dir: string, glob: string): string {
  const cleaned = glob.replace(/^<rootDir>\/?/, '').replace(/^\.\//, '');
  if (cleaned.startsWith('**/') || dir === '') return cleaned;
  return `${dir}/${cleaned}`;
}

export function readRunnerConfig(root: string, file: string, source: RepoFiles = worktreeFiles(root)): RunnerConfigInfo {
  const dir = path.posix.dirname(file) === '.' ? '' : path.posix.dirname(file);
  let text = '';
  try {
    text = source.read(file).toString('utf8');
  } catch {
    return { file, dir, setupFiles: [] };
  }
  const tests = readStrings(text, 'include') ?? readStrings(text, 'testMatch');
  const setup = ['setupFiles', 'setupFilesAfterEnv', 'globalSetup', 'globalTeardown'].flatMap((key) => readStrings(text, key) ?? []);
  return {
    file,
    dir,
    tests: tests?.map((glob) => anchor(dir, glob)),
    // Entries that name packages rather than files are dropped later, when they match no repository file.
    setupFiles: setup.map((s) => anchor(dir, s)),
  };
}
