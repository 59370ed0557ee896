// The git blob hash of file content, so a file git has not hashed gets the same cache key as one it has.
import { createHash } from 'node:crypto';

/** `sha1("blob <length>\0" + content)`, as `git hash-object` computes it. */
export function gitBlobHash(content: Uint8Array): string {
  return createHash('sha1').update(`blob ${content.byteLength}\0`).update(content).digest('hex');
}
