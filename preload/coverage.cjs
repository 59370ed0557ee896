// Preloaded (`--require`) into every Node process of an audited or recorded test run, beside NODE_V8_COVERAGE: it
// records which processes started this one, which files the process read, and makes sure coverage is written.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { fileURLToPath } = require('node:url');
const v8 = require('node:v8');
const { isMainThread, threadId } = require('node:worker_threads');

const dir = process.env.NODE_V8_COVERAGE;
const lineageVariable = 'IMPACTED_AUDIT_LINEAGE';

/**
 * Which Node processes started this one (an environment variable passes the chain down through shells and
 * wrappers), so that the runner's own processes can be told from the ones a test started.
 */
if (dir && isMainThread) {
  const ancestors = (process.env[lineageVariable] || '').split(',').filter(Boolean).map(Number);
  process.env[lineageVariable] = [...ancestors, process.pid].join(',');
  try {
    fs.writeFileSync(path.join(dir, `process-${process.pid}.json`), JSON.stringify({ pid: process.pid, ancestors }));
  } catch {}
}

/**
 * Files read through `fs` (fixtures, SQL, templates, snapshots): coverage lists only scripts. One line per new path, in
 * a file named like the thread's coverage file, so reads are attributed to the same process and thread.
 */
if (dir) {
  const log = path.join(dir, `reads-${process.pid}-${threadId}.txt`);
  const seen = new Set();
  const appendFileSync = fs.appendFileSync;
  let writing = false;
  const note = (file) => {
    if (writing) return;
    let name;
    if (typeof file === 'string') name = file;
    else if (file instanceof URL && file.protocol === 'file:') name = fileURLToPath(file);
    else if (Buffer.isBuffer(file)) name = file.toString();
    else return;
    const absolute = path.resolve(name);
    if (seen.has(absolute)) return;
    seen.add(absolute);
    writing = true;
    try {
      appendFileSync(log, `${absolute}\n`);
    } catch {
    } finally {
      writing = false;
    }
  };
  const watch = (target, names) => {
    for (const name of names) {
      const original = target[name];
      if (typeof original !== 'function') continue;
      const watched = function (file, ...rest) {
        note(file);
        return original.call(this, file, ...rest);
      };
      Object.defineProperty(watched, 'name', { value: name });
      target[name] = watched;
    }
  };
  watch(fs, ['readFileSync', 'readFile', 'openSync', 'open', 'createReadStream']);
  watch(fs.promises, ['readFile', 'open']);
}

/**
 * Node writes coverage only on a normal exit, and runners stop their workers with SIGTERM (vitest's forks pool,
 * jest-worker): write it on SIGTERM too, then let the signal do what it would have done. Vitest kills a fork 500 ms
 * after SIGTERM, which a busy machine can miss, so its forks also write when asked to stop. That listener joins
 * vitest's own: one added earlier would read the IPC channel before vitest listens and lose its first message.
 */
function take() {
  try {
    v8.takeCoverage();
  } catch {}
}
function flush() {
  take();
  process.off('SIGTERM', flush);
  if (process.listenerCount('SIGTERM') === 0) process.kill(process.pid, 'SIGTERM');
}
if (dir) {
  process.on('SIGTERM', flush);
  if (/[\\/]vitest[\\/]dist[\\/]workers[\\/]forks\.js$/.test(process.argv[1] || '')) {
    process.on('newListener', function join(event) {
      if (event !== 'message') return;
      process.off('newListener', join);
      process.on('message', (message) => {
        if (message && message.type === 'stop' && message.__vitest_worker_request__) take();
      });
    });
  }
}
