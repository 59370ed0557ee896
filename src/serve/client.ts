// The CLI's side of `impacted serve`: bin/impacted.js sends a `list`, `why` or `graph` to the running server of this
// build of impacted, if there is one, before it loads anything else; without one (or with IMPACTED_SERVER=off) the
// CLI runs it itself. This module loads nothing but Node.js's own.
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { ignoreClosedPipes } from '../closed-pipes.js';
import { frameReader, frameTypes } from './frames.js';
import { serverSocket, unusableSocket, untrustedDir } from './server-socket.js';

/** What the server is asked: one run of the CLI as this process would run it. */
export interface ServedRun {
  argv: string[];
  cwd: string;
  env: Record<string, string>;
  stdoutTerminal: boolean;
  stderrTerminal: boolean;
  /** How long this process had run when it asked: `--verbose` counts the start-up from this process's start. */
  uptimeMs: number;
  /** The files a run writes (`graph --html`, the caches) get this process's permissions. */
  umask: number;
}

/** A run; a stop (once the server has answered what it is answering); a ping, answered at once by a running server. */
export type ServerRequest = ServedRun | { stop: true } | { ping: true };

/**
 * The commands a server answers, which only read and print (`graph --html` writes the page it is asked for). `run`
 * starts runners, which belong in the user's terminal; `audit` and `record` run tests too.
 */
export const servedCommands = ['list', 'why', 'graph'];

/** Whether `argv` names a served command: its first argument that is no option (the global ones take no value). */
export const isServed = (argv: readonly string[]): boolean => servedCommands.includes(argv.find((arg) => !arg.startsWith('-')) ?? '');

/**
 * A server that does not say it has the request in this time is not used: the kernel accepts a connection for a
 * suspended (Ctrl-Z) or stuck server too.
 */
const acceptTimeoutMs = 1_000;

/** How an exchange with the server ended: its exit frame's code, or why there was none. */
type Outcome = { code: number } | { unreachable: true } | { dropped: true };

function exchange(request: ServerRequest, onFrame: (type: number, payload: Buffer) => void): Promise<Outcome> {
  let socket;
  try {
    socket = serverSocket();
  } catch {
    return Promise.resolve({ unreachable: true }); // no built CLI beside this module: no server runs it either
  }
  // No socket file: no server, and nothing to connect to (a named pipe has no file to look for).
  if (process.platform !== 'win32' && !existsSync(socket.path)) return Promise.resolve({ unreachable: true });
  if (unusableSocket(socket) !== undefined || untrustedDir(socket.dir) !== undefined) return Promise.resolve({ unreachable: true });
  return import('node:net').then(
    ({ connect }) =>
      new Promise<Outcome>((resolve) => {
        const connection = connect(socket.path);
        let accepted = false;
        let settled = false;
        const settle = (outcome: Outcome): void => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          connection.destroy();
          resolve(outcome);
        };
        const timer = setTimeout(() => settle({ unreachable: true }), acceptTimeoutMs);
        connection.on('connect', () => connection.write(`${JSON.stringify(request)}\n`));
        connection.on(
          'data',
          frameReader((type, payload) => {
            if (type === frameTypes.exit) return settle({ code: payload.readInt32BE(0) });
            if (!accepted) clearTimeout(timer);
            accepted = true;
            if (type !== frameTypes.accepted) onFrame(type, payload);
          }),
        );
        const ended = (): void => settle(accepted ? { dropped: true } : { unreachable: true });
        connection.on('error', ended);
        connection.on('close', ended);
      }),
  );
}

/**
 * Runs `argv` in the server, printing what it prints, and returns its exit code; undefined when this process must run
 * it: not a served command, no server, or a server that stopped before it answered (then nothing of stdout is printed:
 * it is held until the run ends).
 */
export async function askServer(argv: string[]): Promise<number | undefined> {
  if (!isServed(argv) || process.env.IMPACTED_SERVER === 'off') return undefined;
  let cwd: string;
  try {
    cwd = process.cwd();
  } catch {
    return undefined; // a directory deleted under this process: the CLI says so itself
  }
  ignoreClosedPipes();
  const request: ServedRun = {
    argv,
    cwd,
    env: process.env as Record<string, string>,
    stdoutTerminal: process.stdout.isTTY === true,
    stderrTerminal: process.stderr.isTTY === true,
    uptimeMs: performance.now(),
    umask: process.umask(),
  };
  const stdout: Buffer[] = [];
  const outcome = await exchange(request, (type, payload) => {
    if (type === frameTypes.stderr) process.stderr.write(payload);
    else if (type === frameTypes.stdout) stdout.push(payload);
  });
  if ('dropped' in outcome) process.stderr.write('impacted: the server (impacted serve) stopped before it answered; running here instead\n');
  if (!('code' in outcome)) return undefined;
  for (const chunk of stdout) process.stdout.write(chunk);
  return outcome.code;
}

/** Whether a server for this build of impacted is answering. */
export async function serverRunning(): Promise<boolean> {
  return 'code' in (await exchange({ ping: true }, () => undefined));
}

/** Asks the running server to stop once it has answered what it is answering; false when none is running. */
export async function stopServer(): Promise<boolean> {
  return 'code' in (await exchange({ stop: true }, () => undefined));
}
