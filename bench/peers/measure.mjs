// Runs one command as a child process and measures its wall time and peak RSS, with a timeout.
import { spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const gnuTime = '/usr/bin/time';

/**
 * How peak RSS is read: GNU time's `%M` (the largest single process of the tree, from wait4), or, where
 * there is no GNU time, a module preloaded into every Node process through NODE_OPTIONS that writes its
 * own `process.resourceUsage().maxRSS` at exit (all the tools measured here are Node programs).
 * @returns {'time' | 'node'}
 */
export function rssSource() {
  try {
    accessSync(gnuTime, constants.X_OK);
    return 'time';
  } catch {
    return 'node';
  }
}

/**
 * @typedef {object} Invocation
 * @property {string} file        the program (absolute path, or `process.execPath`)
 * @property {string[]} args
 * @property {string} cwd
 * @property {Record<string, string>} [env]  added to the environment
 *
 * @typedef {object} Measurement
 * @property {number} ms          wall time, from spawn to exit
 * @property {number | undefined} rssMb  peak RSS of the largest process, in MB
 * @property {number | null} code
 * @property {boolean} timedOut
 * @property {string} stdout
 * @property {string} stderr
 */

/**
 * Runs `invocation`, killing its whole process group after `timeoutMs`. Output goes to files, not pipes,
 * so a tool printing megabytes of JSON is not slowed down by the parent reading it.
 * @param {Invocation} invocation
 * @param {{ timeoutMs: number, rss?: 'time' | 'node' }} options
 * @returns {Promise<Measurement>}
 */
export async function measure(invocation, { timeoutMs, rss = rssSource() }) {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'impacted-bench-run-'));
  const stdoutFile = path.join(scratch, 'stdout');
  const stderrFile = path.join(scratch, 'stderr');
  const rssFile = path.join(scratch, 'rss');
  /** @type {Record<string, string | undefined>} */
  const env = { ...process.env, ...invocation.env };
  let file = invocation.file;
  let args = invocation.args;
  if (rss === 'time') {
    args = ['-f', '%M', '-o', rssFile, file, ...args];
    file = gnuTime;
  } else {
    const reporter = path.join(scratch, 'report-rss.mjs');
    writeFileSync(
      reporter,
      `import { appendFileSync } from 'node:fs';\nprocess.on('exit', () => appendFileSync(${JSON.stringify(rssFile)}, process.resourceUsage().maxRSS + '\\n'));\n`,
    );
    env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ''} --import=${pathToFileURL(reporter).href}`.trim();
  }
  const out = openSync(stdoutFile, 'w');
  const err = openSync(stderrFile, 'w');
  const started = performance.now();
  const child = spawn(file, args, { cwd: invocation.cwd, env, stdio: ['ignore', out, err], detached: true });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup(child.pid);
  }, timeoutMs);
  /** @type {number | null} */
  const code = await new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (exitCode) => resolve(exitCode));
  });
  const ms = performance.now() - started;
  clearTimeout(timer);
  // A tool's own children may outlive it; they are not ours to leave behind.
  killGroup(child.pid);
  closeSync(out);
  closeSync(err);
  const measurement = {
    ms,
    rssMb: readRssMb(rssFile),
    code,
    timedOut,
    stdout: readFileSync(stdoutFile, 'utf8'),
    stderr: readFileSync(stderrFile, 'utf8'),
  };
  rmSync(scratch, { recursive: true, force: true });
  return measurement;
}

/** @param {number | undefined} pid */
function killGroup(pid) {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // The group is already gone.
  }
}

/**
 * The largest value in the file (GNU time writes one line; the Node reporter one per process), in MB.
 * GNU time prefixes "Command exited with non-zero status N" when the tool fails, hence the filter.
 * @param {string} file
 */
function readRssMb(file) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const kilobytes = text
    .split('\n')
    .filter((line) => /^\d+$/.test(line.trim()))
    .map(Number);
  return kilobytes.length === 0 ? undefined : Math.max(...kilobytes) / 1024;
}

