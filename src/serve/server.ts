// `impacted serve`: a long-lived process that answers the CLI's `list`, `why` and `graph` requests, one after the
// other, by running the CLI in itself with each request's arguments, directory and environment. What a run reads it
// reads again, with the same checks a new process makes (the graph and probe caches check every file as they do in a
// new process); what the server saves is Node.js's start, loading and compiling impacted, and the compiler's warm-up.
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createServer, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import type { Io } from '../cli.js';
import { ImpactedError } from '../errors.js';
import { isServed, servedCommands, serverRunning, type ServedRun } from './client.js';
import { exitFrame, frame, frameTypes } from './frames.js';
import { serverSocket, unusableSocket, untrustedDir } from './server-socket.js';

export interface ServeOptions {
  /** Runs the CLI with these arguments, printing through `io`, and returns its exit code. */
  run: (argv: string[], io: Io) => Promise<number>;
  /** Stops after this long without a request. */
  idleMs: number;
  /** The server's own lines (started, each request, stopped). */
  log: (line: string) => void;
}

const requestSchema = z.union([
  z.object({ stop: z.literal(true) }),
  z.object({ ping: z.literal(true) }),
  z.object({
    argv: z.array(z.string()),
    cwd: z.string(),
    env: z.record(z.string(), z.string()),
    stdoutTerminal: z.boolean(),
    stderrTerminal: z.boolean(),
    uptimeMs: z.number(),
    umask: z.number().int().min(0).max(0o777),
  }),
]);

/** A request line longer than this (an environment is a few kilobytes) is not read. */
const maxRequestBytes = 16 << 20;

/** process.env becomes `env`, key by key (child processes and the CLI read process.env itself). */
function replaceEnvironment(env: Record<string, string | undefined>): void {
  for (const key of Object.keys(process.env)) if (!(key in env)) delete process.env[key];
  Object.assign(process.env, env);
}

/** Reads the connection's first line, the request; undefined when it closes first or sends something else. */
function readRequest(connection: Socket): Promise<z.infer<typeof requestSchema> | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const onData = (chunk: Buffer): void => {
      chunks.push(chunk);
      length += chunk.length;
      const end = chunk.indexOf(10);
      if (end === -1 && length <= maxRequestBytes) return;
      connection.off('data', onData);
      // Still read (and drop) what follows, so that the client's end is seen: 'end' waits for the stream to be read.
      connection.resume();
      if (end === -1) return resolve(undefined);
      const line = Buffer.concat(chunks).toString('utf8').split('\n')[0]!;
      try {
        const parsed = requestSchema.safeParse(JSON.parse(line));
        resolve(parsed.success ? parsed.data : undefined);
      } catch {
        resolve(undefined);
      }
    };
    connection.on('data', onData);
    connection.once('close', () => resolve(undefined));
  });
}

/**
 * One request: the CLI run with the request's directory, environment and umask, which the server has again
 * afterwards (its own directory is the file system's root, which no one deletes under it).
 */
async function answer(connection: Socket, request: ServedRun, run: ServeOptions['run']): Promise<number> {
  const receivedAt = performance.now();
  const send = (bytes: Buffer): void => {
    if (!connection.destroyed) connection.write(bytes);
  };
  if (!isServed(request.argv)) {
    send(frame(frameTypes.stderr, `impacted: impacted serve answers impacted ${servedCommands.join(', ')}, not impacted ${request.argv.join(' ')}\n`));
    send(exitFrame(2));
    connection.end();
    return 2;
  }
  const ownCwd = process.cwd();
  const ownEnv = { ...process.env };
  let code: number;
  try {
    process.chdir(request.cwd);
  } catch (error) {
    send(frame(frameTypes.stderr, `impacted: cannot work in ${request.cwd}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`));
    send(exitFrame(2));
    connection.end();
    return 2;
  }
  replaceEnvironment(request.env);
  const ownUmask = process.umask(request.umask);
  try {
    code = await run(request.argv, {
      stdout: (text) => send(frame(frameTypes.stdout, text)),
      stderr: (text) => send(frame(frameTypes.stderr, text)),
      terminal: request.stdoutTerminal,
      stderrTerminal: request.stderrTerminal,
      now: () => request.uptimeMs + (performance.now() - receivedAt),
      longLived: true,
    });
  } finally {
    replaceEnvironment(ownEnv);
    process.umask(ownUmask);
    process.chdir(ownCwd);
  }
  send(exitFrame(code));
  connection.end();
  return code;
}

const maxTimerMs = 2 ** 31 - 1;

function duration(ms: number): string {
  return ms >= 60_000 ? `${Math.round(ms / 6_000) / 10} minutes` : `${Math.round(ms / 100) / 10} s`;
}

function listen(server: ReturnType<typeof createServer>, socketPath: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Serves until asked to stop (`impacted serve --stop`, a terminating signal) or idle for `idleMs`. */
export async function serve(options: ServeOptions): Promise<void> {
  const socket = serverSocket();
  const unusable = unusableSocket(socket);
  if (unusable !== undefined) throw new ImpactedError('FILE', `cannot serve: ${unusable}. Set XDG_RUNTIME_DIR to a shorter directory of your own.`);
  try {
    // Only the last directory: the one it is in (XDG_RUNTIME_DIR, the temporary directory) must be there already.
    mkdirSync(socket.dir, { mode: 0o700 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EEXIST') throw new ImpactedError('FILE', `cannot create the socket directory ${socket.dir} (${code ?? (error as Error).message}). Set XDG_RUNTIME_DIR to a directory of your own.`, { cause: error });
  }
  const untrusted = untrustedDir(socket.dir);
  if (untrusted !== undefined) throw new ImpactedError('FILE', `cannot serve: ${untrusted}. Remove it, or set XDG_RUNTIME_DIR to a directory of your own.`);
  // A server that answers is running; a socket file nobody answers on is left from one that was killed.
  if (await serverRunning()) throw new ImpactedError('USAGE', 'a server is already running for this build of impacted. Stop it first: impacted serve --stop');
  if (process.platform !== 'win32') rmSync(socket.path, { force: true });

  let queue = Promise.resolve();
  let idleTimer: NodeJS.Timeout | undefined;
  let stopped = false;
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const stop = (why: string): void => {
    if (stopped) return;
    stopped = true;
    clearTimeout(idleTimer);
    server.close();
    if (process.platform !== 'win32') rmSync(socket.path, { force: true });
    options.log(`impacted serve: ${why}; stopped`);
    done();
  };
  const idle = (deadline = Date.now() + options.idleMs): void => {
    clearTimeout(idleTimer);
    const left = deadline - Date.now();
    // A timer's longest delay is 2^31 - 1 ms (24.8 days): a longer wait is several.
    idleTimer = setTimeout(() => (left > maxTimerMs ? idle(deadline) : stop(`no request for ${duration(options.idleMs)}`)), Math.min(Math.max(left, 0), maxTimerMs));
  };

  const server = createServer((connection) => {
    let gone = false;
    connection.on('error', () => undefined); // a client that went away: a run it asked for still ends, unread
    // A client never ends its side while it waits: its end is its going.
    connection.once('end', () => (gone = true));
    connection.once('close', () => (gone = true));
    void readRequest(connection).then((request) => {
      if (request === undefined) return void connection.destroy();
      if ('ping' in request) return void connection.end(exitFrame(0));
      connection.write(frame(frameTypes.accepted, ''));
      queue = queue.then(async () => {
        // A client that gave up waiting (this server was suspended, or busy past its patience) ran it itself. Its end
        // may be right behind its request: the event loop's I/O is read once more before looking.
        await new Promise((resolve) => setImmediate(resolve));
        if (gone || connection.destroyed) return; // (a write to a client that went away destroys the connection)
        if ('stop' in request) {
          connection.end(exitFrame(0));
          return stop('asked to stop');
        }
        if (stopped) return void connection.destroy(); // the client runs it itself
        clearTimeout(idleTimer);
        const started = performance.now();
        const code = await answer(connection, request, options.run);
        options.log(`impacted serve: ${request.argv.join(' ')} in ${request.cwd}: exit ${code}, ${Math.round(performance.now() - started)} ms`);
        if (!stopped) idle();
      }).catch((error: unknown) => {
        // Not a failed run (the CLI reports those itself): the server's own failure. The next request is still answered.
        options.log(`impacted serve: internal error: ${(error as Error).stack ?? String(error)}`);
        connection.destroy();
      });
    });
  });
  try {
    await listen(server, socket.path);
  } catch (error) {
    throw new ImpactedError('FILE', `cannot listen on ${socket.path}: ${(error as Error).message}`, { cause: error });
  }
  // Its own directory: one no one deletes under it (each request works in its client's).
  process.chdir(path.parse(process.execPath).root);
  const onSignal = (signal: NodeJS.Signals): void => stop(`${signal}`);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, onSignal);
  options.log(`impacted serve: answering impacted ${servedCommands.join(', ')} at ${socket.path}; stops after ${duration(options.idleMs)} without a request, or with impacted serve --stop`);
  idle();
  await finished;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.off(signal, onSignal);
}
