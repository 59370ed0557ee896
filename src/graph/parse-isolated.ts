// oxc-parser on a worker thread with a large stack. oxc recurses natively per level of nesting, and a stack overflow
// in native code is a segfault of the whole process (10,000 nested parentheses on the main thread's 8 MB stack), not
// an exception. On a 512 MB stack, every source of up to 256 K characters fits; longer ones are not given to oxc.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { ParserOptions, ParseResult } from 'oxc-parser';

const stackSizeMb = 512;
/** One character opens at most one level of nesting, and oxc needs under 2 KB of stack per level (1.6 KB measured). */
export const maxParsedChars = (stackSizeMb * 1024 * 1024) / 2048;
/** A parse that takes longer than this (a worker that died) counts as a file that does not parse. */
const answerTimeoutMs = 60_000;

/** What `extract-imports` reads of oxc's result: the module record and the errors; the AST when asked for. */
export type ParsedModule = Pick<ParseResult, 'module' | 'errors'> & { program?: ParseResult['program'] };

const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const { port, flag, oxcUrl } = workerData;
import(oxcUrl).then(({ parseSync }) => {
  parentPort.on('message', ({ file, source, options, program }) => {
    let reply;
    try {
      const result = parseSync(file, source, options);
      // As JSON text: V8 clones objects recursively, and the main thread's stack cannot take a deeply nested AST.
      reply = { module: result.module, errors: result.errors, program: program ? JSON.stringify(result.program) : undefined };
    } catch (error) {
      reply = { failed: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(reply);
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
  });
});
`;

interface ParserWorker {
  port: MessagePort;
  flag: Int32Array;
  worker: Worker;
}

let parser: ParserWorker | undefined;
let parsed = 0;
/** How many sources were given to oxc in this process (bench:extract counts the lexer's fallbacks). */
export function parsedFiles(): number {
  return parsed;
}
/** Set when the worker did not answer once: later files are not given to it, so a broken worker costs one timeout. */
let unanswered = false;

function startWorker(): ParserWorker {
  const { port1, port2 } = new MessageChannel();
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const oxcUrl = pathToFileURL(createRequire(import.meta.url).resolve('oxc-parser')).href;
  const worker = new Worker(workerSource, {
    eval: true,
    workerData: { port: port2, flag, oxcUrl },
    transferList: [port2],
    // Not the parent's flags: `--input-type=module` would make the worker's source a module, without `require`.
    execArgv: [],
    resourceLimits: { stackSizeMb },
  });
  // The worker lives as long as impacted needs it and never keeps the process alive.
  worker.unref();
  port1.unref();
  worker.on('error', () => {
    parser = undefined;
  });
  return { port: port1, flag, worker };
}

/** Parses like oxc's `parseSync`, without the risk of a crash; throws a short message when it cannot. */
export function parseIsolated(file: string, source: string, options: ParserOptions, want: { program?: boolean } = {}): ParsedModule {
  if (source.length > maxParsedChars) throw new Error(`longer than ${maxParsedChars / 1024} K characters: not parsed`);
  if (unanswered) throw new Error('the parser did not answer');
  parsed++;
  parser ??= startWorker();
  const { port, flag, worker } = parser;
  Atomics.store(flag, 0, 0);
  // A worker, not a window: there is no target origin.
  // oxlint-disable-next-line unicorn/require-post-message-target-origin
  worker.postMessage({ file, source, options, program: want.program === true });
  const waited = Atomics.wait(flag, 0, 0, answerTimeoutMs);
  const reply = receiveMessageOnPort(port)?.message as
    | (Omit<ParsedModule, 'program'> & { program?: string; failed?: undefined })
    | { failed: string }
    | undefined;
  if (waited === 'timed-out' || reply === undefined) {
    unanswered = true;
    void worker.terminate();
    throw new Error('the parser did not answer');
  }
  if (reply.failed !== undefined) throw new Error(reply.failed);
  // JSON.parse does not recurse, so it reads an AST of any depth.
  return { ...reply, program: reply.program === undefined ? undefined : (JSON.parse(reply.program) as ParseResult['program']) };
}
