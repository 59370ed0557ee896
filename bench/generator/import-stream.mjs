// Writes a `git fast-import` stream to a file: one commit whose files are given one at a time.
// Packing objects straight from the stream and letting git check them out is several times faster
// than writing the work tree from Node and then running `git add` over tens of thousands of files.
import { closeSync, openSync, writeSync } from 'node:fs';

/** 2026-01-01T00:00:00Z: fixed dates make commit hashes depend on the seed alone. */
const timestamp = '1767225600 +0000';
const identity = 'impacted bench <bench@example.com>';
const flushAt = 1 << 20;

/** @param {string} text */
function data(text) {
  return `data ${Buffer.byteLength(text)}\n${text}\n`;
}

/**
 * @typedef {object} ImportStream
 * @property {(file: string, content: string) => void} write  adds a repository-relative file
 * @property {() => number} close   ends the stream; returns how many files it holds
 */

/**
 * @param {string} streamFile
 * @param {{ branch: string, message: string, parent?: string }} commit
 * @returns {ImportStream}
 */
export function createImportStream(streamFile, { branch, message, parent }) {
  const fd = openSync(streamFile, 'w');
  /** @type {string[]} */
  let pending = [];
  let pendingLength = 0;
  let count = 0;
  const push = (/** @type {string} */ text) => {
    pending.push(text);
    pendingLength += text.length;
    if (pendingLength >= flushAt) flush();
  };
  const flush = () => {
    writeSync(fd, pending.join(''));
    pending = [];
    pendingLength = 0;
  };
  push(`commit refs/heads/${branch}\nauthor ${identity} ${timestamp}\ncommitter ${identity} ${timestamp}\n`);
  push(data(`${message}\n`));
  if (parent) push(`from refs/heads/${parent}\n`);
  return {
    write(file, content) {
      push(`M 100644 inline ${file}\n`);
      push(data(content));
      count++;
    },
    close() {
      push('done\n');
      flush();
      closeSync(fd);
      return count;
    },
  };
}
