// Finds the repository root for a --cwd: the git top level, or the folder itself outside git.
import { statSync } from 'node:fs';
import path from 'node:path';
import { ImpactedError } from './errors.js';
import { decodePath, gitBytesSync } from './git/git-process.js';

export function findRepoRoot(cwd: string): string {
  const dir = path.resolve(cwd);
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    // reported below
  }
  if (!isDir) throw new ImpactedError('CWD', `directory ${cwd} does not exist. Check --cwd.`);
  let output: Buffer;
  try {
    output = gitBytesSync(dir, ['rev-parse', '--show-toplevel']);
  } catch {
    return dir;
  }
  // Exactly the one newline git ends the line with: a directory name may end in spaces (or be one).
  return decodePath(output.at(-1) === 10 ? output.subarray(0, -1) : output);
}

/** A user-given path (relative to where the user is) as a repository-relative path. */
export function toRepoPath(root: string, userCwd: string, file: string): string {
  return path.relative(root, path.resolve(userCwd, file)).split(path.sep).join('/');
}
