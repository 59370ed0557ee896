// The worker thread of extract-files.ts: answers each chunk of files it is sent with their outcomes (as JSON text, see
// there), read from the work tree, on the port it was given.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { worktreeFiles } from '../files/repo-files.js';
import { readAndExtract } from './extract-files.js';

const { root, port } = workerData as { root: string; port: MessagePort };
const source = worktreeFiles(root);
parentPort!.on('message', ({ from, files }: { from: number; files: string[] }) => {
  port.postMessage({ from, outcomes: JSON.stringify(files.map((file) => readAndExtract(source, file))) });
});
