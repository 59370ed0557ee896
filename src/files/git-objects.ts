// Reads blobs from git's object store: many at once through one `git cat-file --batch`, or one at a time.
import { spawn } from 'node:child_process';
import { gitBytesSync } from '../git/git-process.js';
import { gitEnvironment } from '../git/git-environment.js';

export interface GitObjects {
  /** Loads these blobs with one git process, so that `read` finds them in memory. */
  prefetch(hashes: Iterable<string>): Promise<void>;
  /** A blob's bytes: prefetched, else read with one git process. */
  read(hash: string): Buffer;
}

/** Parses `cat-file --batch` output: `<hash> blob <size>\n<content>\n` per object, `<hash> missing\n` for none. */
function parseBatch(output: Buffer, into: Map<string, Buffer>, missing: Set<string>): void {
  let at = 0;
  while (at < output.length) {
    const newline = output.indexOf(10, at);
    if (newline === -1) break;
    const [hash = '', type, size] = output.subarray(at, newline).toString('latin1').split(' ');
    at = newline + 1;
    if (type === 'missing') missing.add(hash);
    if (type === undefined || size === undefined) continue;
    const length = Number(size);
    into.set(hash, output.subarray(at, at + length));
    at += length + 1;
  }
}

function catFileBatch(root: string, hashes: readonly string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd: root, env: gitEnvironment(), stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    const errors: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => errors.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(chunks));
      else reject(new Error(`git cat-file --batch failed: ${Buffer.concat(errors).toString('utf8').trim().split('\n')[0] ?? `exit code ${code}`}`));
    });
    child.stdin.on('error', () => undefined); // a git that died early is reported by 'close'
    child.stdin.end(`${hashes.join('\n')}\n`);
  });
}

export function gitObjects(root: string): GitObjects {
  const blobs = new Map<string, Buffer>();
  // Blobs the batch reported missing (a partial clone that never fetched them): no second git process asks again.
  const missing = new Set<string>();
  return {
    async prefetch(hashes) {
      const wanted = [...new Set(hashes)].filter((hash) => !blobs.has(hash) && !missing.has(hash));
      if (wanted.length > 0) parseBatch(await catFileBatch(root, wanted), blobs, missing);
    },
    read(hash) {
      if (missing.has(hash)) throw new Error(`git has no blob ${hash} (a partial clone that never fetched it)`);
      let blob = blobs.get(hash);
      if (!blob) {
        blob = gitBytesSync(root, ['cat-file', 'blob', hash]);
        blobs.set(hash, blob);
      }
      return blob;
    },
  };
}
