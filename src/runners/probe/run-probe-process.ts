// Starts one runner probe as a node child process with no stdin and a deadline, and reads the JSON it prints.
import { spawn, type ChildProcess } from 'node:child_process';
import { stopProcessGroup } from '../../run/stop-process-group.js';

/** A probe that loads a big config (or hangs on one) is stopped after this long, and static reading takes over. */
export const defaultProbeTimeoutMs = 60_000;

export interface ProbeProcessOptions {
  /** Arguments for `node`: a script and its arguments, or a runner's bin and its flags. */
  args: string[];
  cwd: string;
  timeoutMs?: number;
  /** The JSON follows this text on stdout (child scripts print it after anything the runner logs); absent: all of stdout is JSON. */
  marker?: string;
  /**
   * Every line that starts with the marker holds a JSON value: the result is their list (those printed before a failure
   * too). After the first, each next line must come within `stalledAfter` of the one before, else the process is
   * stopped there (a config that hangs the ones after it costs that, not the whole deadline).
   */
  everyMarkedLine?: boolean;
  env?: Record<string, string>;
}

export type ProbeProcessResult = { ok: true; value: unknown } | { ok: false; reason: string };

/** Counts the runner processes this process started, so tests can prove a warm run starts none. */
let started = 0;
export function probeProcessesStarted(): number {
  return started;
}

/** The line of a runner's error output that says what went wrong: the error line (with the next one when it is only a heading), not the stack. */
function errorLine(text: string): string {
  const lines = text.split('\n').map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('at ') && !line.startsWith('Node.js v'));
  const at = Math.max(0, lines.findIndex((line) => /error|●/i.test(line)));
  const line = lines[at] ?? '';
  const detail = line.endsWith(':') && lines[at + 1] !== undefined ? `${line} ${lines[at + 1]}` : line;
  return detail.slice(0, 300);
}

/** The JSON values of the lines that start with `marker`; a line that is not JSON is left out (its config is asked again). */
function markedValues(stdout: string, marker: string): unknown[] {
  return stdout.split('\n').flatMap((line) => {
    if (!line.startsWith(marker)) return [];
    try {
      return [JSON.parse(line.slice(marker.length)) as unknown];
    } catch {
      return [];
    }
  });
}

function parseOutput(stdout: string, marker: string | undefined): ProbeProcessResult {
  let text = stdout;
  if (marker !== undefined) {
    const at = stdout.lastIndexOf(marker);
    if (at === -1) return { ok: false, reason: 'it printed no result' };
    text = stdout.slice(at + marker.length).split('\n', 1)[0] ?? '';
  } else {
    // Runners may log before their JSON; it starts at the first line that opens an object or an array.
    const start = stdout.search(/^[{[]/m);
    if (start === -1) return { ok: false, reason: 'it printed no JSON' };
    text = stdout.slice(start);
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, reason: 'its output is not JSON' };
  }
}

/** What a probe process left: its output, and how it ended (`error`: it could not be started, or said too much). */
export interface Finished {
  stdout: string;
  stderr: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  error?: string;
}

/** Most a probe may print: what a runner's resolved configs take, many times over. */
const maxOutputBytes = 64 * 1024 * 1024;

/**
 * Starts `node ...args` in its own process group, with no stdin (and, with `requests`, a pipe on file descriptor 3 that
 * a probe server reads its requests from). Through node's own child_process rather than execa: importing execa costs
 * ~0.16 s of CPU, on the thread that extracts the graph's imports meanwhile, and a probe needs none of what it adds (no
 * shell, no PATH lookup, one JSON line to read).
 */
export function startProbeProcess(options: Pick<ProbeProcessOptions, 'args' | 'cwd' | 'env'> & { requests?: boolean }): ChildProcess {
  started++;
  return spawn(process.execPath, options.args, {
    cwd: options.cwd,
    stdio: ['ignore', 'pipe', 'pipe', ...(options.requests ? (['pipe'] as const) : [])],
    detached: process.platform !== 'win32',
    env: { ...process.env, ...options.env, CI: '1', NO_COLOR: '1', FORCE_COLOR: '0' },
  });
}

/** Collects what a probe process prints (`onStdout` sees it as it comes) until it ends; one that prints too much is stopped. */
export function outputOf(child: ChildProcess, onStdout?: (chunk: Buffer) => void): Promise<Finished> {
  return new Promise<Finished>((resolve) => {
    const output = { stdout: [] as Buffer[], stderr: [] as Buffer[] };
    let bytes = 0;
    let error: string | undefined;
    for (const name of ['stdout', 'stderr'] as const) {
      child[name]!.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes <= maxOutputBytes) {
          output[name].push(chunk);
          if (name === 'stdout') onStdout?.(chunk);
        } else if (error === undefined) {
          error = `it printed more than ${maxOutputBytes / 1024 / 1024} MB`;
          void stopProcessGroup(child, child.pid, 'SIGKILL');
        }
      });
    }
    child.on('error', (spawnError) => (error ??= spawnError.message));
    child.on('close', (code, signal) =>
      resolve({ stdout: Buffer.concat(output.stdout).toString('utf8'), stderr: Buffer.concat(output.stderr).toString('utf8'), code, signal, error }),
    );
  });
}

/** What a probe process that ended answered, or why it did not: the reason impacted prints. */
export function resultOfEnded(result: Finished, options: { args: readonly string[]; marker?: string; timedOutMs?: number }): ProbeProcessResult {
  if (options.timedOutMs !== undefined) return { ok: false, reason: `it did not finish within ${Math.round(options.timedOutMs / 1000)} s` };
  if (result.error !== undefined) return { ok: false, reason: result.error };
  const parsed = parseOutput(result.stdout, options.marker);
  if (parsed.ok) return parsed;
  if (result.code !== 0) return { ok: false, reason: exitedReason(result.code ?? result.signal ?? 'an error', result.stderr, result.stdout, options.args) };
  return parsed;
}

/** Why a probe process that printed no result ended as it did: its error line. */
export function exitedReason(code: number | string, stderr: string, stdout: string, args: readonly string[]): string {
  const detail = errorLine(stderr) || errorLine(stdout) || `node ${args.join(' ')} failed`;
  return `it exited with ${code}: ${detail}`;
}

/** How long a line after the first may take: three times what the first took (the runner's import and one config), at least 5 s. */
export function stalledAfter(firstMs: number): number {
  return Math.max(5_000, 3 * firstMs);
}

/** Calls `onLine` for each line that starts with `marker`, as the chunks come. */
function markedLines(marker: string, onLine: () => void): (chunk: Buffer) => void {
  let partial = '';
  return (chunk) => {
    const lines = (partial + chunk.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) if (line.startsWith(marker)) onLine();
  };
}

/** Runs `node ...args` in its own process group; never rejects, never outlives `timeoutMs`. */
export async function runProbeProcess(options: ProbeProcessOptions): Promise<ProbeProcessResult> {
  const timeoutMs = options.timeoutMs ?? defaultProbeTimeoutMs;
  const child = startProbeProcess(options);
  let timedOut = false;
  const stop = () => void stopProcessGroup(child, child.pid, 'SIGKILL');
  const timer = setTimeout(() => {
    timedOut = true;
    stop();
  }, timeoutMs);
  const startedAt = Date.now();
  let stall: NodeJS.Timeout | undefined;
  let allowed: number | undefined;
  const onStdout =
    options.everyMarkedLine && options.marker !== undefined
      ? markedLines(options.marker, () => {
          allowed ??= stalledAfter(Date.now() - startedAt);
          clearTimeout(stall);
          stall = setTimeout(stop, allowed);
        })
      : undefined;
  const result = await outputOf(child, onStdout);
  clearTimeout(timer);
  clearTimeout(stall);
  if (options.everyMarkedLine && options.marker !== undefined) return { ok: true, value: markedValues(result.stdout, options.marker) };
  return resultOfEnded(result, { args: options.args, marker: options.marker, ...(timedOut ? { timedOutMs: timeoutMs } : {}) });
}
