// Finds the repository root for a --cwd: the git top level, or the folder itself outside git.
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';
import { ImpactedError } from './errors.js';

export function findRepoRoot(cwd: string): string {
  const dir = path.resolve(cwd);
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    // reported below
  }
  if (!isDir) throw new ImpactedError('CWD', `directory ${cwd} does not exist. Check --cwd.`);
  try {
    return execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return dir;
  }
}

/** A user-given path (relative to where the user is) as a repository-relative path. */
export function toRepoPath(root: string, userCwd: string, file: string): string {
  return path.relative(root, path.resolve(userCwd, file)).split(path.sep).join('/');
}
