// Runs git commands whose failures carry their exit code, and maps what the user must fix to one clear error.
// Local reads go straight through execFile; only commands that talk to a remote load simple-git.
import { existsSync } from 'node:fs';
import type { GitError } from 'simple-git';
import { ImpactedError } from '../errors.js';
import { simpleGit } from '../lazy-dependencies.js';
import { allowedGitVariables } from './git-environment.js';
import { gitConfig, gitExit } from './git-process.js';

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
  /**
   * `attempt` for a command that talks to a remote (`fetch`): through simple-git, which refuses the options that
   * would make git run another program (`--upload-pack`, `-c protocol.ext.allow`), whatever the arguments hold.
   */
  attemptRemote(args: readonly string[]): Promise<GitResult>;
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

function commandFailed(args: readonly string[], error: unknown): ImpactedError {
  return new ImpactedError('GIT', `git ${args.join(' ')} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
}

async function attemptLocal(cwd: string, args: readonly string[]): Promise<GitResult> {
  try {
    const { exitCode, stdout, stderr } = await gitExit(cwd, args);
    return { exitCode, stdout: stdout.toString('utf8'), stderr: stderr.toString('utf8') };
  } catch (error) {
    throw (error as NodeJS.ErrnoException).code === 'ENOENT' ? gitMissing(error) : commandFailed(args, error);
  }
}

interface SimpleGitFailure extends GitError {
  exitCode: number;
  stdout: string;
  stderr: string;
  spawnError?: NodeJS.ErrnoException;
}

async function attemptThroughSimpleGit(cwd: string, args: readonly string[]): Promise<GitResult> {
  const { GitError, simpleGit: createSimpleGit } = await simpleGit();
  const git = createSimpleGit({
    baseDir: cwd,
    config: gitConfig,
    // simple-git strips ambient GIT_* variables itself; the same ones as every other git process are kept.
    allowEnvironment: allowedGitVariables,
    errors(error, result) {
      if (result.exitCode === 0 && error === undefined) return undefined;
      const stderr = Buffer.concat(result.stdErr).toString('utf8');
      const spawnError = error instanceof Error && typeof (error as NodeJS.ErrnoException).syscall === 'string' ? (error as NodeJS.ErrnoException) : undefined;
      return Object.assign(new GitError(undefined, firstLine(stderr) || `exit code ${result.exitCode}`), {
        exitCode: result.exitCode,
        stdout: Buffer.concat(result.stdOut).toString('utf8'),
        stderr,
        spawnError,
      });
    },
  });
  try {
    return { exitCode: 0, stdout: await git.raw([...args]), stderr: '' };
  } catch (error) {
    const failure = error as Partial<SimpleGitFailure>;
    // Spawn failures may also reach here as a GitError whose message is the spawn error's text.
    if (failure.spawnError?.code === 'ENOENT' || (error instanceof Error && /\bspawn \S+ ENOENT\b/.test(error.message))) throw gitMissing(error);
    if (error instanceof GitError && typeof failure.exitCode === 'number') {
      return { exitCode: failure.exitCode, stdout: failure.stdout ?? '', stderr: failure.stderr ?? '' };
    }
    throw commandFailed(args, error);
  }
}

export function createGitClient(cwd: string): GitClient {
  if (!existsSync(cwd)) {
    throw new ImpactedError('CWD', `directory ${cwd} does not exist. Pass an existing directory with --cwd <dir>.`);
  }
  const attempt = (args: readonly string[]): Promise<GitResult> => attemptLocal(cwd, args);
  async function run(args: readonly string[]): Promise<string> {
    const result = await attempt(args);
    if (result.exitCode !== 0) throw new ImpactedError('GIT', describeFailure(args, result));
    return result.stdout;
  }
  return { cwd, run, attempt, attemptRemote: (args) => attemptThroughSimpleGit(cwd, args) };
}
