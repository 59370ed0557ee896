// The processes one run starts: every git process (a logging `git` first on PATH) and every Node process (a module
// preloaded through NODE_OPTIONS logs each one's arguments), so a warm run can be shown to start no runner.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * @typedef {object} ProcessCount
 * @property {string[]} git    the arguments of each git process, in order
 * @property {string[]} node   the script (and first arguments) of each Node process but the run's own
 */

/**
 * The lines a log file holds; none when nothing wrote it.
 * @param {string} file
 */
function lines(file) {
  try {
    return readFileSync(file, 'utf8').split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

/**
 * Runs `invocation` once, not measured, and lists the processes it started.
 * @param {import('./measure.mjs').Invocation} invocation
 * @param {number} timeoutMs
 * @returns {ProcessCount}
 */
export function countProcesses(invocation, timeoutMs) {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'impacted-bench-processes-'));
  try {
    const gitLog = path.join(scratch, 'git.log');
    const nodeLog = path.join(scratch, 'node.log');
    const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    writeFileSync(path.join(scratch, 'git'), `#!/bin/sh\nprintf '%s\\n' "$*" >> '${gitLog}'\nexec '${realGit}' "$@"\n`);
    chmodSync(path.join(scratch, 'git'), 0o755);
    const logger = path.join(scratch, 'log-node.mjs');
    writeFileSync(logger, `import { appendFileSync } from 'node:fs';\nappendFileSync(${JSON.stringify(nodeLog)}, JSON.stringify(process.argv.slice(1, 3)) + '\\n');\n`);
    const env = {
      ...process.env,
      ...invocation.env,
      PATH: `${scratch}${path.delimiter}${process.env.PATH}`,
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${pathToFileURL(logger).href}`.trim(),
    };
    const result = spawnSync(invocation.file, invocation.args, { cwd: invocation.cwd, env, stdio: 'ignore', timeout: timeoutMs });
    if (result.status !== 0) throw new Error(`the process-counting run exited with ${result.status ?? result.signal}`);
    const git = lines(gitLog).map((line) => line.replace(/^(-c \S+ )+/, ''));
    // The first Node process is the run itself; any other is a child it started (a runner probe).
    const node = lines(nodeLog)
      .slice(1)
      .map((line) => /** @type {string[]} */ (JSON.parse(line)).map((arg) => path.basename(arg)).join(' '));
    return { git, node };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
