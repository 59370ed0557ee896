// Runs git: every process with the same settings and a cleaned environment; output read as bytes (file lists, blobs) has its NUL-separated paths decoded strictly, never lossily.
import { execFile, execFileSync } from 'node:child_process';
import { ImpactedError } from '../errors.js';
import { gitEnvironment } from './git-environment.js';

/** The settings every git command runs with: paths printed as they are, no colours. */
export const gitConfig = ['core.quotepath=false', 'color.ui=false'];
const gitOptions = gitConfig.flatMap((setting) => ['-c', setting]);
const maxBuffer = 1 << 30;

/** How a git process ended: its exit code and output. */
export interface GitExit {
  exitCode: number;
  stdout: Buffer;
  stderr: Buffer;
}

/**
 * Runs `git <args>` in `cwd`, with ambient GIT_* variables cleared, and resolves with its exit code, whatever it is;
 * rejects only when git did not run to its end (not found: the error's `code` is ENOENT; a full buffer; a signal).
 */
export function gitExit(cwd: string, args: readonly string[]): Promise<GitExit> {
  const key = aheadKey(cwd, args);
  const ahead = startedAhead.get(key);
  if (ahead) {
    startedAhead.delete(key);
    return ahead;
  }
  return run(cwd, args);
}

/** Processes started ahead (`gitAhead`), by directory and arguments; each is taken once, by the first identical call. */
const startedAhead = new Map<string, Promise<GitExit>>();

function aheadKey(cwd: string, args: readonly string[]): string {
  return [cwd, ...args].join('\0');
}

/**
 * Starts `git <args>` in `cwd` now, for the first `gitExit` with the very same directory and arguments (the CLI starts
 * the first commands of a run while the pipeline's modules load). One nobody asks for is left to end on its own.
 * Returns the process's outcome, for commands that follow from it (it is still taken by that call).
 */
export function gitAhead(cwd: string, args: readonly string[]): Promise<GitExit> {
  const key = aheadKey(cwd, args);
  let started = startedAhead.get(key);
  if (!started) {
    started = run(cwd, args);
    // Taken (and its failure reported) by the call it was started for.
    started.catch(() => undefined);
    startedAhead.set(key, started);
  }
  return started;
}

function run(cwd: string, args: readonly string[]): Promise<GitExit> {
  return new Promise((resolve, reject) => {
    execFile('git', [...gitOptions, ...args], { cwd, env: gitEnvironment(), encoding: 'buffer', maxBuffer }, (error, stdout, stderr) => {
      if (!error) resolve({ exitCode: 0, stdout, stderr });
      else if (typeof error.code === 'number') resolve({ exitCode: error.code, stdout, stderr });
      else reject(error);
    });
  });
}

/** Runs `git <args>` in `cwd` and returns its stdout; a non-zero exit rejects with git's first stderr line. */
export async function gitBytes(cwd: string, args: readonly string[]): Promise<Buffer> {
  let result: GitExit;
  try {
    result = await gitExit(cwd, args);
  } catch (error) {
    throw new Error(`git ${args.join(' ')} failed: ${(error as Error).message}`, { cause: error });
  }
  if (result.exitCode === 0) return result.stdout;
  const detail = result.stderr.toString('utf8').trim().split('\n')[0] || `exit code ${result.exitCode}`;
  throw new Error(`git ${args.join(' ')} failed: ${detail}`);
}

/** The synchronous form, for the rare read that cannot wait (one blob nobody prefetched). */
export function gitBytesSync(cwd: string, args: readonly string[]): Buffer {
  return execFileSync('git', [...gitOptions, ...args], { cwd, env: gitEnvironment(), maxBuffer, stdio: ['ignore', 'pipe', 'pipe'] });
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** A path as git prints it with core.quotepath: printable ASCII as is, every other byte as a C octal escape. */
export function escapeBytes(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) {
    if (byte === 0x5c) out += '\\\\';
    else if (byte === 0x22) out += '\\"';
    else out += byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : `\\${byte.toString(8).padStart(3, '0')}`;
  }
  return `"${out}"`;
}

/** A file name git printed, as a string; a name that is not UTF-8 cannot be named exactly later, so it stops the run. */
export function decodePath(bytes: Uint8Array): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw new ImpactedError(
      'FILE',
      `the file name ${escapeBytes(bytes)} is not valid UTF-8, and impacted reads and reports paths as UTF-8. Rename the file (git mv) and run impacted again.`,
    );
  }
}

/** Splits NUL-terminated records (`-z` output); a record that is not UTF-8 throws as `decodePath` does. */
export function splitNul(output: Buffer): string[] {
  let text: string;
  try {
    // One strict decode of the whole output is much cheaper than one per record; only a failure looks closer.
    text = strictUtf8.decode(output);
  } catch {
    for (let start = 0, end = output.indexOf(0); start < output.length; start = end + 1, end = output.indexOf(0, start)) {
      const record = output.subarray(start, end === -1 ? output.length : end);
      // `ls-files -s` and `ls-tree` records are "<mode> <hash> ...<TAB><path>": the error names the path only.
      const tab = record.indexOf(9);
      const meta = tab === -1 ? '' : record.subarray(0, tab).toString('latin1');
      decodePath(tab !== -1 && /^[0-9a-zA-Z ]+$/.test(meta) ? record.subarray(tab + 1) : record);
      if (end === -1) break;
    }
    throw new Error('unreachable: a strict decode failed but every record decodes');
  }
  return text.split('\0').filter((record) => record !== '');
}
