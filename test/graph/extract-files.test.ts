// The worker thread that shares import extraction (src/graph/extract-files.ts), from the build (dist/: the worker is
// a built file): what it answers for a file is what this thread reads there (a FIFO's refusal too), each answer goes
// to its own file, and a worker that is closed leaves every file to this thread.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { worktreeFiles } from '../../dist/files/repo-files.js';
import { readAndExtract, shareExtraction, shareWalk, type ExtractOutcome } from '../../dist/graph/extract-files.js';
import { createRepo } from '../helpers/repo.js';

const count = 1500;

/** A work tree of `count` modules, each importing a specifier of its own (`padding` characters longer), and a FIFO near the end. */
function modules(padding = 0): { root: string; files: string[] } {
  const repo = createRepo();
  mkdirSync(path.join(repo.dir, 'src'));
  const files = Array.from({ length: count }, (_, at) => `src/m${String(at).padStart(4, '0')}.ts`);
  files.forEach((file, at) => {
    if (at === count - 2) execFileSync('mkfifo', [path.join(repo.dir, file)]);
    else writeFileSync(path.join(repo.dir, file), `import { a } from './own-${at}${'-'.repeat(padding)}.js';\nexport const b = a;\n`);
  });
  return { root: repo.dir, files };
}

/** Asks for `files[at]` until the worker has answered it (this thread waits, so the worker gets there first). */
function awaitAnswer(take: (at: number) => ExtractOutcome | undefined, at: number): ExtractOutcome {
  const until = Date.now() + 20_000;
  for (;;) {
    const outcome = take(at);
    if (outcome) return outcome;
    if (Date.now() > until) throw new Error(`no answer for file ${at}`);
  }
}

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

function heapAfterCollection(): number {
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

describe.runIf(availableParallelism() >= 2)('extraction shared with a worker thread', () => {
  it("answers for the files at the end of the list, each with this thread's own outcome for that file", () => {
    const { root, files } = modules();
    const shared = shareExtraction(root, files, 1000)!;
    expect(shared).toBeDefined();
    const source = worktreeFiles(root);
    // The two chunks sent when the worker started are the last 200 files; this thread waits for each of them.
    for (let at = count - 1; at >= count - 200; at--) expect(awaitAnswer(shared.take, at)).toEqual(readAndExtract(source, files[at]!));
    expect(awaitAnswer(shared.take, count - 1)).toEqual({ result: { imports: [{ specifier: `./own-${count - 1}.js`, kind: 'static' }], assets: [] } });
    expect(awaitAnswer(shared.take, count - 2)).toEqual({ readError: expect.stringContaining('is not a regular file') });
    shared.close();
  });

  it('lets go of its answers once closed (1,000 answers of 2 KB each)', () => {
    const { root, files } = modules(2000);
    const shared = shareExtraction(root, files, 1000)!;
    // This thread stays at the first file (so the worker is given chunk after chunk) and waits for each answer.
    const fromStart = (at: number) => (shared.take(0), shared.take(at));
    for (let at = count - 1; at >= count - 1000; at--) if (at !== count - 2) expect(awaitAnswer(fromStart, at)).toHaveProperty('result');
    const answered = heapAfterCollection();
    shared.close();
    // The Worker object outlives the thread, with the listeners that reach what the sharing held: not the answers.
    expect(answered - heapAfterCollection()).toBeGreaterThan(1_500_000);
    expect(shared.take(count - 1)).toBeUndefined();
  });

  it("a walk's worker answers the files offered, each with this thread's own outcome, and each once", () => {
    const { root, files } = modules();
    const share = shareWalk(root)!;
    expect(share).toBeDefined();
    const source = worktreeFiles(root);
    // Four chunks of 100 from the end of the list (the FIFO among them): the worker holds four at a time.
    const chunks = [0, 1, 2, 3].map((chunk) => Array.from({ length: 100 }, (_, at) => count - 1 - (100 * chunk + at)));
    for (const chunk of chunks) {
      expect(share.wants()).toBe(true);
      share.offer(chunk, chunk.map((at) => files[at]!));
    }
    // It has room again once it has answered the first chunk.
    const until = Date.now() + 20_000;
    while (!share.wants()) {
      if (Date.now() > until) throw new Error('no answer');
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
    }
    for (const at of chunks[0]!) expect(share.take(at)).toEqual(readAndExtract(source, files[at]!));
    expect(share.take(count - 2)).toBeUndefined();
    // Never offered: nothing.
    expect(share.take(0)).toBeUndefined();
    share.close();
    for (const at of chunks[1]!) expect(share.take(at)).toBeUndefined();
  });

  it('leaves every file to this thread once it is closed', () => {
    const { root, files } = modules();
    const shared = shareExtraction(root, files, 1000)!;
    shared.close();
    for (let at = 0; at < count; at++) expect(shared.take(at)).toBeUndefined();
  });

  it('starts no worker for fewer files than asked, nor ever for fewer than 1,000', () => {
    const { root, files } = modules();
    expect(shareExtraction(root, files)).toBeUndefined();
    expect(shareExtraction(root, files, 1501)).toBeUndefined();
    expect(shareExtraction(root, files.slice(0, 999), 0)).toBeUndefined();
  });
});
