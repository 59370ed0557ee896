// A probe process that answers several requests one after the other (one JSON line each on its file descriptor 3, one
// marked JSON line back each), so that node and a runner's config loader start once for several configs asked at
// different moments. Every answer is the one a process of its own gives: the first request a server gets is asked as
// in a process started for it alone (its failure, with the same reason, stands); a later one is asked in the state the
// server started in (it checks that after each request), so its answer stands, and so does its failure (`failed`: the
// error, given the reason a process of its own would end with). A later request that the server dies on, answers with
// something else or does not answer in time is asked again in a server of its own. An answer that says
// `reusable: false` (the config left something behind that the server cannot put back) ends that server: the requests
// after it go to a new one.
import type { ChildProcess } from 'node:child_process';
import type { Socket } from 'node:net';
import type { Writable } from 'node:stream';
import { stopProcessGroup } from '../../run/stop-process-group.js';
import { defaultProbeTimeoutMs, exitedReason, outputOf, resultOfEnded, stalledAfter, startProbeProcess, type ProbeProcessResult } from './run-probe-process.js';

export interface ProbeServerOptions {
  /** Arguments for `node`: the server script and its arguments. */
  args: string[];
  /** Each answer is a line that starts with this text, followed by JSON. */
  marker: string;
  /** This request's deadline, from when the server is given it. */
  timeoutMs?: number;
}

/** One request: the directory to answer it in (a new server starts there), and what the server script reads. */
export interface ServerRequest {
  cwd: string;
  [field: string]: unknown;
}

interface Answer {
  result: ProbeProcessResult;
  /** The answer a process of its own gives: the server's first, or a later one that answered or said why it failed. */
  final: boolean;
}

interface Waiting {
  request: ServerRequest;
  timeoutMs: number;
  settle: (answer: Answer | undefined) => void;
}

interface Server {
  key: string;
  child: ChildProcess;
  requests: Writable;
  answered: number;
  /** When it started, and how long its first answer took: a later one that takes far longer is asked alone. */
  startedAt: number;
  firstMs?: number;
  waiting: Waiting[];
  current?: Waiting & { timer: NodeJS.Timeout; timedOutMs?: number };
  stdout: string;
  /** Takes no more requests: it said it cannot be reused, it ended, or impacted is done asking. */
  closed: boolean;
}

const servers = new Map<string, Server>();

function keyOf(options: ProbeServerOptions): string {
  // A server keeps the environment it started with: another one is another server.
  return JSON.stringify([options.args, process.env]);
}

/** A server with nothing to answer does not keep impacted running (it ends when impacted's end closes its requests). */
function hold(server: Server, busy: boolean): void {
  for (const stream of [server.child.stdout, server.child.stderr, server.requests] as unknown as Socket[]) {
    if (busy) stream.ref();
    else stream.unref();
  }
  if (busy) server.child.ref();
  else server.child.unref();
}

function sendNext(server: Server): void {
  if (server.current) return;
  const next = server.waiting.shift();
  if (!next) {
    if (server.closed) server.requests.end();
    hold(server, false);
    return;
  }
  if (server.closed && server.answered > 0) {
    // It takes no more: this one and those after it go to another server.
    next.settle(undefined);
    sendNext(server);
    return;
  }
  hold(server, true);
  // A config that keeps the next ones from loading costs seconds, not the deadline: they are asked alone.
  const timeoutMs = server.firstMs === undefined ? next.timeoutMs : Math.min(next.timeoutMs, stalledAfter(server.firstMs));
  const timer = setTimeout(() => {
    if (server.current) server.current.timedOutMs = timeoutMs;
    void stopProcessGroup(server.child, server.child.pid, 'SIGKILL');
  }, timeoutMs);
  server.current = { ...next, timer };
  server.requests.write(`${JSON.stringify(next.request)}\n`);
}

/** Settles the current request; `stands`: a later request's failure that is its answer (not one to ask again alone). */
function answerCurrent(server: Server, result: ProbeProcessResult, stands = result.ok): void {
  const current = server.current;
  if (!current) return;
  clearTimeout(current.timer);
  server.current = undefined;
  server.firstMs ??= Date.now() - server.startedAt;
  current.settle({ result, final: server.answered === 0 || stands });
  server.answered++;
  sendNext(server);
}

function onAnswerLine(server: Server, options: ProbeServerOptions, text: string): void {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    // As a process of its own whose marked line is not JSON: the first one fails with that reason, a later one is asked again.
    answerCurrent(server, { ok: false, reason: 'its output is not JSON' });
    return;
  }
  const answer = value as { reusable?: unknown; failed?: unknown } | null;
  if (answer?.reusable !== true) closeServer(server);
  // A later request the server could not answer, with its error: the reason a process of its own ends with.
  if (typeof answer?.failed === 'string') answerCurrent(server, { ok: false, reason: exitedReason(1, answer.failed, '', options.args) }, true);
  else answerCurrent(server, { ok: true, value });
}

function startServer(options: ProbeServerOptions, cwd: string, key: string): Server {
  const child = startProbeProcess({ args: options.args, cwd, requests: true });
  const requests = child.stdio[3] as Writable;
  // A server that ended before reading a request: what it printed says why.
  requests.on('error', () => {});
  const server: Server = { key, child, requests, answered: 0, startedAt: Date.now(), waiting: [], stdout: '', closed: false };
  void outputOf(child, (chunk) => {
    server.stdout += chunk.toString('utf8');
    for (let end = server.stdout.indexOf('\n'); end !== -1; end = server.stdout.indexOf('\n')) {
      const line = server.stdout.slice(0, end);
      server.stdout = server.stdout.slice(end + 1);
      if (line.startsWith(options.marker)) onAnswerLine(server, options, line.slice(options.marker.length));
    }
  }).then((finished) => {
    closeServer(server);
    const current = server.current;
    if (current) {
      // The first request's process ended as one of its own does: the same result, from all it printed.
      const ended = resultOfEnded(finished, { args: options.args, marker: options.marker, ...(current.timedOutMs === undefined ? {} : { timedOutMs: current.timedOutMs }) });
      // A later one's answer is not in what its server printed before.
      answerCurrent(server, server.answered > 0 && ended.ok ? { ok: false, reason: 'it printed no result' } : ended);
    }
    for (const waiting of server.waiting.splice(0)) waiting.settle(undefined);
  });
  return server;
}

function closeServer(server: Server): void {
  server.closed = true;
  if (servers.get(server.key) === server) servers.delete(server.key);
}

function askOnce(server: Server, options: ProbeServerOptions, request: ServerRequest): Promise<Answer | undefined> {
  return new Promise((settle) => {
    server.waiting.push({ request, timeoutMs: options.timeoutMs ?? defaultProbeTimeoutMs, settle });
    sendNext(server);
  });
}

/** Asks a running server with these options (one starts in the request's directory when none runs); never rejects. */
export async function askProbeServer(options: ProbeServerOptions, request: ServerRequest): Promise<ProbeProcessResult> {
  const key = keyOf(options);
  for (;;) {
    let server = servers.get(key);
    if (!server) {
      server = startServer(options, request.cwd, key);
      servers.set(key, server);
    }
    const answer = await askOnce(server, options, request);
    // Not sent (the server ended or took no more before its turn): asked again.
    if (answer === undefined) continue;
    if (answer.final) return answer.result;
    // Not answered after other requests: asked in a server of its own, where it is the first.
    const own = startServer(options, request.cwd, '');
    closeServer(own);
    const alone = await askOnce(own, options, request);
    return alone?.result ?? { ok: false, reason: 'it printed no result' };
  }
}

/** The running servers take no more requests: each ends once it has answered what it was asked. */
export function closeProbeServers(): void {
  for (const server of servers.values()) {
    closeServer(server);
    if (!server.current && server.waiting.length === 0) server.requests.end();
  }
}
