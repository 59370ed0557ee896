// Finds the repository root for a --cwd: the git top level, or the folder itself outside git.
import { readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { ImpactedError } from './errors.js';
import { decodePath, gitBytesSync } from './git/git-process.js';

/**
 * Whether a git config text may set the work tree elsewhere. Not a parse: any mention of a setting that could move it
 * (`core.worktree`, `core.bare`, an include that could) asks git; `extensions.worktreeConfig` alone does not.
 */
function movesWorkTree(config: string): boolean {
  return /worktree(?!config)|bare\s*=\s*true|include/i.test(config);
}

/**
 * The work tree that holds `dir` (a real path), found as git finds it but without starting git: the nearest directory
 * up that holds a plain `.git` directory. Undefined when git must be asked: a `.git` file (a linked worktree, a
 * submodule), a `.git` whose config may name another work tree or a bare repository, or a `dir` inside `.git` itself.
 */
function plainWorkTree(dir: string): string | undefined {
  if (dir.split(path.sep).includes('.git')) return undefined;
  for (let current = dir; ; current = path.dirname(current)) {
    const gitDir = path.join(current, '.git');
    const found = statSync(gitDir, { throwIfNoEntry: false });
    if (found?.isDirectory()) {
      const config = readFileSync(path.join(gitDir, 'config'), 'utf8');
      if (!statSync(path.join(gitDir, 'HEAD'), { throwIfNoEntry: false }) || movesWorkTree(config)) return undefined;
      // `extensions.worktreeConfig` (set by `git sparse-checkout`) adds config.worktree, which may move it too.
      if (!/worktreeConfig/i.test(config)) return current;
      return movesWorkTree(readFileSync(path.join(gitDir, 'config.worktree'), 'utf8')) ? undefined : current;
    }
    if (found) return undefined;
    if (path.dirname(current) === current) return undefined;
  }
}

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
    const found = plainWorkTree(realpathSync(dir));
    if (found !== undefined) return found;
  } catch {
    // An unreadable .git: git says what it makes of it.
  }
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
