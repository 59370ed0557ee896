// Reading and extracting a file's imports, and sharing that work for many files with one worker thread: on two
// cores, the worker reads and parses files from the end of the list while this thread goes on from its start.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { RepoFiles } from '../files/repo-files.js';
import { extractImports, type ExtractResult } from './extract-imports.js';

export type ExtractOutcome = { result: ExtractResult } | { readError: string };

/** Larger code files are generated data or bundles: not parsed, reported as a problem, so selection widens. */
const maxParsedBytes = 5 * 1024 * 1024;

/** What a file's content imports; a file too large to be source code is not parsed. */
export function extractContent(content: Buffer, file: string): ExtractResult {
  return content.length > maxParsedBytes
    ? { imports: [], assets: [], error: `larger than 5 MB (${(content.length / 1048576).toFixed(1)} MB): imports not read` }
    : extractImports(content.toString('utf8'), file);
}

export function readAndExtract(source: RepoFiles, file: string): ExtractOutcome {
  let content: Buffer;
  try {
    content = source.read(file);
  } catch (error) {
    return { readError: (error as Error).message };
  }
  return { result: extractContent(content, file) };
}

/**
 * Files to read from which a worker is started by default. Below, a second thread does not pay on two cores: V8's own
 * background threads (compiling, collecting garbage: about 1.1 s of CPU in a cold run at 10,000 files, TurboFan
 * mostly) keep the second core busy, and the worker's start (a thread, its modules, the lexer's WebAssembly, its own
 * compiling) and its answers cost more than they save: 3,000 files 867 -> 941 ms cold with a worker. From several
 * thousand it pays: 10,000 files 1,943 -> 1,858 ms, medusa (12,915 code files) 3,104 -> 2,894 ms with `--no-probe`
 * and 4,034 -> 3,993 ms while its runners are asked (alternating cold runs, 4 December; see the README's Speed).
 */
export const defaultSecondThreadFrom = 8_000;
/** Fewer files than this never start a worker, whatever the caller asks. */
const minFilesForWorker = 1000;
/** Files per message: messaging costs little at this size, and a chunk this thread does again when it catches up is short. */
export const chunkSize = 100;
/**
 * Chunks the worker holds at once, so that it never waits for the next one: this thread sends one only between its
 * own files, and a file it resolves or a collection of its heap can take milliseconds. With 2, the worker of a cold
 * run at 100,000 files waited a quarter of its time (2-3 s of ~9 s, under load) and did 58,000 files; with 4, 0.6 s
 * and 61,000-63,000. At the end, the chunks this thread gets to first are done twice (never more than 400 files).
 */
const inFlight = 4;

const workerFile = fileURLToPath(new URL('extract-worker.js', import.meta.url));

/** The worker thread (extract-worker.ts) and the port it answers on; undefined without a second core or the built worker. */
function startWorker(root: string): { worker: Worker; answers: MessagePort } | undefined {
  if (availableParallelism() < 2 || !existsSync(workerFile)) return undefined;
  const { port1: answers, port2 } = new MessageChannel();
  try {
    const worker = new Worker(workerFile, { workerData: { root, port: port2 }, transferList: [port2] });
    worker.unref();
    return { worker, answers };
  } catch {
    answers.close();
    return undefined;
  }
}

export interface SharedExtraction {
  /**
   * The outcome of `files[at]` when the worker has given it; undefined when it has not (the caller reads the file
   * itself). Called for every file in order: the worker is then given no file at or before `at`.
   */
  take(at: number): ExtractOutcome | undefined;
  /** Stops the worker (what it still holds is not needed). */
  close(): void;
}

/**
 * Shares reading and extracting `files` (repository paths in the work tree, all to be read) with a worker thread
 * when there are at least `from` of them (never fewer than 1,000) and a second core. The worker takes chunks from the end of the list, this thread
 * takes files from the start, and they meet: a file is done by whichever gets to it first, and both give the same
 * outcome (the same code on the same bytes), so the result never depends on the worker, which may also fail or be
 * slow. Undefined: no worker (the caller does every file).
 */
export function shareExtraction(root: string, files: readonly string[], from = defaultSecondThreadFrom): SharedExtraction | undefined {
  const started = files.length < Math.max(from, minFilesForWorker) ? undefined : startWorker(root);
  if (!started) return undefined;
  const { worker, answers } = started;
  /**
   * The worker's answers by chunk (chunk 0 ends the list): the JSON text of the chunk's outcomes as it came, parsed
   * when this thread gets to the chunk, and let go once it has gone on to the next. As objects from their arrival
   * they waited for this thread (at 100,000 files more than half the files' extractions, ~28 MB), survived the young
   * generation's collections and were promoted; a text is one flat string. All let go when the worker stops: the
   * Worker object outlives its thread (Node keeps it, and the listener that reaches this closure, long after).
   */
  let chunks: (string | ExtractOutcome[] | undefined)[] = [];
  /** Chunks are sent from the end: `sentFrom` is where the last one sent begins. */
  let sentFrom = files.length;
  let sending = 0;
  let mainAt = 0;
  let stopped = false;
  const stop = () => {
    stopped = true;
    chunks = [];
    answers.close();
    void worker.terminate();
  };
  worker.on('error', stop);
  const send = () => {
    if (stopped) return;
    while (sending < inFlight && sentFrom - chunkSize > mainAt) {
      const from = sentFrom - chunkSize;
      worker.postMessage({ from, files: files.slice(from, sentFrom) });
      sentFrom = from;
      sending++;
    }
  };
  const receive = () => {
    for (let message = receiveMessageOnPort(answers); message; message = receiveMessageOnPort(answers)) {
      const { from, outcomes: text } = message.message as { from: number; outcomes: string };
      sending--;
      chunks[(files.length - from) / chunkSize - 1] = text;
    }
  };
  /** The worker's outcome of `files[at]`, when it has answered that file's chunk. */
  const answered = (at: number): ExtractOutcome | undefined => {
    if (at < sentFrom) return undefined;
    const chunk = Math.floor((files.length - 1 - at) / chunkSize);
    let outcomes = chunks[chunk];
    if (typeof outcomes === 'string') {
      chunks[chunk] = outcomes = JSON.parse(outcomes) as ExtractOutcome[];
      // Files are taken in order: the chunk before this one in the list (after it here) is done with.
      if (typeof chunks[chunk + 1] === 'object') chunks[chunk + 1] = undefined;
    }
    return outcomes?.[at - (files.length - (chunk + 1) * chunkSize)];
  };
  send();
  return {
    take(at) {
      mainAt = at + 1;
      if (stopped) return undefined;
      // Answers are looked for where one is wanted, and now and then to free the worker's slots for more chunks.
      let outcome = answered(at);
      if ((at >= sentFrom && outcome === undefined) || (at & 15) === 0) {
        receive();
        outcome ??= answered(at);
      }
      send();
      return outcome;
    },
    close: () => stopped || stop(),
  };
}

export interface WalkShare {
  /** Whether the worker has room for another chunk (`offer` sends one). */
  wants(): boolean;
  /** Gives the worker up to `chunkSize` files to read (indexes, with their work-tree paths): those this thread will come to last. */
  offer(indexes: readonly number[], paths: readonly string[]): void;
  /** The outcome of file `index` when the worker has given it; undefined otherwise (the caller reads the file itself). */
  take(index: number): ExtractOutcome | undefined;
  close(): void;
}

/**
 * Shares reading files with a worker thread where the files to read are found as they are read (a walk of the
 * imports): the caller offers, a chunk at a time, the files it will come to last, and takes the worker's outcome of a
 * file when there is one. A file offered is never read twice unless this thread gets to it before the worker's answer.
 * Undefined: no worker (the caller reads every file).
 */
export function shareWalk(root: string): WalkShare | undefined {
  const started = startWorker(root);
  if (!started) return undefined;
  const { worker, answers } = started;
  /** Each chunk sent: its files, then the JSON text of their outcomes, then the outcomes, until all are taken. */
  const chunks: ({ indexes: readonly number[]; answer?: string | ExtractOutcome[]; left: number } | undefined)[] = [];
  /** Where each file offered and not taken is: its chunk times `chunkSize`, plus its place in the chunk. */
  const placeOf = new Map<number, number>();
  let sending = 0;
  let stopped = false;
  const stop = () => {
    stopped = true;
    chunks.length = 0;
    placeOf.clear();
    answers.close();
    void worker.terminate();
  };
  worker.on('error', stop);
  const receive = () => {
    for (let message = receiveMessageOnPort(answers); message; message = receiveMessageOnPort(answers)) {
      const { from, outcomes } = message.message as { from: number; outcomes: string };
      sending--;
      const chunk = chunks[from];
      if (chunk) chunk.answer = outcomes;
    }
  };
  return {
    wants() {
      if (stopped) return false;
      if (sending >= inFlight) receive();
      return sending < inFlight;
    },
    offer(indexes, paths) {
      if (stopped || indexes.length === 0) return;
      const from = chunks.length;
      chunks.push({ indexes, left: indexes.length });
      indexes.forEach((index, slot) => placeOf.set(index, from * chunkSize + slot));
      worker.postMessage({ from, files: paths });
      sending++;
    },
    take(index) {
      const place = placeOf.get(index);
      if (stopped || place === undefined) return undefined;
      placeOf.delete(index);
      const at = Math.floor(place / chunkSize);
      const chunk = chunks[at]!;
      if (chunk.answer === undefined) receive();
      if (typeof chunk.answer === 'string') chunk.answer = JSON.parse(chunk.answer) as ExtractOutcome[];
      const outcome = chunk.answer?.[place % chunkSize];
      // A chunk all taken (or given up on) is let go.
      if (--chunk.left === 0) chunks[at] = undefined;
      return outcome;
    },
    close: () => stopped || stop(),
  };
}
