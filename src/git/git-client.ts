// A thin simple-git wrapper: raw git commands whose failures carry their exit code, and user-facing error mapping.
import { existsSync } from 'node:fs';
import { GitError, simpleGit, type SimpleGit } from 'simple-git';
import { ImpactedError } from '../errors.js';
import { allowedGitVariables } from './git-environment.js';

/** The outcome of a git command whose exit code is data (`merge-base`, `rev-parse --verify`). */
export interface GitResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface GitClient {
  /** The directory git runs in. */
  readonly cwd: string;
  /** Runs git and returns stdout; a non-zero exit throws an `ImpactedError` (code `GIT`). */
  run(args: readonly string[]): Promise<string>;
  /** Runs git and returns the exit code and output; only a missing git binary throws. */
  attempt(args: readonly string[]): Promise<GitResult>;
}

interface GitFailure extends GitError {
  exitCode: number;
  stdout: string;
  stderr: string;
  spawnError?: NodeJS.ErrnoException;
}

function isGitFailure(error: unknown): error is GitFailure {
  return error instanceof GitError && typeof (error as Partial<GitFailure>).exitCode === 'number';
}

function isSpawnError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).syscall === 'string';
}


// Spawn failures may also reach the caller as a GitError whose message is the spawn error's text.
function isMissingBinary(error: unknown): boolean {
  return (
    (isGitFailure(error) && error.spawnError?.code === 'ENOENT') ||
    (error instanceof Error && /\bspawn \S+ ENOENT\b/.test(error.message))
  );
}

function gitMissing(cause: unknown): ImpactedError {
  return new ImpactedError('GIT_MISSING', 'git was not found on PATH. Install git (https://git-scm.com) and run impacted again.', {
    cause,
  });
}

function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .map((line) => line.trim())
      .find((line) => line.length > 0) ?? ''
  );
}

/** A one-line summary of a failed git command, for error messages and reasons. */
export function describeFailure(args: readonly string[], result: GitResult): string {
  const detail = firstLine(result.stderr) || `exit code ${result.exitCode}`;
  return `git ${args.join(' ')} failed: ${detail}`;
}

export function createGitClient(cwd: string): GitClient {
  if (!existsSync(cwd)) {
    throw new ImpactedError('CWD', `directory ${cwd} does not exist. Pass an existing directory with --cwd <dir>.`);
  }
  const git: SimpleGit = simpleGit({
    baseDir: cwd,
    config: ['core.quotepath=false', 'color.ui=false'],
    // simple-git strips ambient GIT_* variables itself; the same ones as every other git process are kept.
    allowEnvironment: allowedGitVariables,
    errors(error, result) {
      if (result.exitCode === 0 && error === undefined) return undefined;
      const stderr = Buffer.concat(result.stdErr).toString('utf8');
      const failure = Object.assign(new GitError(undefined, firstLine(stderr) || `exit code ${result.exitCode}`), {
        exitCode: result.exitCode,
        stdout: Buffer.concat(result.stdOut).toString('utf8'),
        stderr,
        spawnError: isSpawnError(error) ? error : undefined,
      });
      return failure;
    },
  });
  async function attempt(args: readonly string[]): Promise<GitResult> {
    try {
      const stdout = await git.raw([...args]);
      return { exitCode: 0, stdout, stderr: '' };
    } catch (error) {
      if (isMissingBinary(error)) throw gitMissing(error);
      if (isGitFailure(error)) return { exitCode: error.exitCode, stdout: error.stdout, stderr: error.stderr };
      throw new ImpactedError('GIT', `git ${args.join(' ')} failed: ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
      });
    }
  }

  async function run(args: readonly string[]): Promise<string> {
    const result = await attempt(args);
    if (result.exitCode !== 0) throw new ImpactedError('GIT', describeFailure(args, result));
    return result.stdout;
  }

  return { cwd, run, attempt };
}
