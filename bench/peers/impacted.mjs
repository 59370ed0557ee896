// impacted itself, cold (no cache) and warm (cache primed, then the changed files edited so the run has real work),
// each also with `--no-probe` (runner configs read statically), to show what asking the installed runners costs;
// warm through a running `impacted serve`; and as a CI job with a restored cache runs it. The CLI rows run with
// IMPACTED_SERVER=off, whatever server the user runs.
import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from './context.mjs';
import { countProcesses } from './process-count.mjs';

/** @typedef {import('./context.mjs').BenchContext} BenchContext */
/** @typedef {import('./context.mjs').Peer} Peer */

const bin = path.join(projectRoot, 'bin', 'impacted.js');

/**
 * The command line, with the cache in a directory of the bench's own (a fresh empty one for a cold run).
 * @param {BenchContext} context
 * @param {boolean} probe  false: `--no-probe`
 */
function cli(context, probe) {
  const flags = probe ? [] : ['--no-probe'];
  return {
    args: (/** @type {string} */ cacheDir) => [bin, 'list', '--json', '--base', context.meta.base, '--cache-dir', cacheDir, ...flags],
    shown: (/** @type {string} */ cache) => `impacted list --json --base ${context.meta.base} --cache-dir <${cache}>${probe ? '' : ' --no-probe'}`,
    freshCacheDir: () => mkdtempSync(path.join(context.scratch, 'impacted-cache-')),
  };
}

/**
 * @param {string} stdout
 * @returns {string[]}
 */
function selectedTests(stdout) {
  /** @type {{ tests: { path: string }[] }} */
  const result = JSON.parse(stdout);
  return result.tests.map((test) => test.path).sort();
}

/**
 * `stats.ms`: impacted's own time, without Node's start-up and module loading.
 * @param {string} stdout
 */
function reportedMs(stdout) {
  /** @type {{ stats: { ms: number } }} */
  const result = JSON.parse(stdout);
  return result.stats.ms;
}

/** The CLI runs the list in its own process. */
const ownProcess = { IMPACTED_SERVER: 'off' };

/**
 * `impacted serve`, started with a socket directory of its own (the bench's CLI runs that set the same one reach it,
 * and no other impacted does); resolves once it listens.
 * @param {string} runtimeDir
 */
function startServer(runtimeDir) {
  const child = spawn(process.execPath, [bin, 'serve'], { env: { ...process.env, XDG_RUNTIME_DIR: runtimeDir }, stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let log = '';
    child.stderr.on('data', (chunk) => {
      log += chunk;
      if (log.includes('answering impacted list')) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`impacted serve ended (${code}): ${log}`)));
  });
}

/**
 * @param {BenchContext} context
 * @param {{ probe?: boolean }} [options]
 * @returns {Peer}
 */
export function impactedCold(context, { probe = true } = {}) {
  const impacted = cli(context, probe);
  return {
    id: probe ? 'impacted-cold' : 'impacted-cold-no-probe',
    label: `impacted list (cold${probe ? '' : ', --no-probe'})`,
    command: impacted.shown('fresh empty dir'),
    config:
      'none (no impacted.config.json; it detects the workspaces, tsconfigs and runner configs); a fresh empty --cache-dir per run, so it also writes the cache, as a first CI run does' +
      (probe ? ', and asks every installed runner for its configs' : '; runner configs read statically'),
    invocation: () => ({ file: process.execPath, args: impacted.args(impacted.freshCacheDir()), cwd: context.repo, env: ownProcess }),
    selected: selectedTests,
    reportedMs,
  };
}

/**
 * Warm: one unmeasured run fills the cache; before each measured run the changed files get another line appended,
 * so their imports are read and resolved again while the selection stays the same. After the measured runs, one more
 * run (not measured) counts the processes a warm run starts: its git processes and any runner probe.
 * Served: the same, with `impacted serve` running from before the unmeasured run, which it answers too; the peak RSS
 * is then the client's, and its processes are not counted (the server starts the git processes).
 * @param {BenchContext} context
 * @param {{ probe?: boolean, served?: boolean }} [options]
 * @returns {Peer}
 */
export function impactedWarm(context, { probe = true, served = false } = {}) {
  const impacted = cli(context, probe);
  const runtimeDir = served ? mkdtempSync(path.join(context.scratch, 'impacted-serve-')) : undefined;
  const env = runtimeDir ? { XDG_RUNTIME_DIR: runtimeDir } : ownProcess;
  /** @type {import('node:child_process').ChildProcess | undefined} */
  let server;
  /** @type {string | undefined} */
  let cacheDir;
  let edit = 0;
  /** @type {Buffer[]} */
  let originals = [];
  const invocation = () => {
    edit++;
    // A checkout that is read-only: its warm runs find every file as the cache has it.
    if (context.editable) for (const file of context.meta.changed) appendFileSync(path.join(context.repo, file), `// bench edit ${edit}\n`);
    return { file: process.execPath, args: impacted.args(/** @type {string} */ (cacheDir)), cwd: context.repo, env };
  };
  return {
    id: served ? 'impacted-served' : probe ? 'impacted-warm' : 'impacted-warm-no-probe',
    label: served ? 'impacted list (warm, impacted serve running)' : `impacted list (warm${probe ? '' : ', --no-probe'})`,
    command: impacted.shown('primed dir'),
    config:
      (served ? 'impacted serve started first (a socket directory of its own); peak RSS is the client\u2019s; ' : '') +
      (context.editable
        ? `cache primed by two runs, then the ${context.meta.changed.length} changed files edited (a line appended) before each run`
        : 'cache primed by two runs; the repository is not edited (read-only), so every file is as cached') +
      (probe ? '; the runners\u2019 answers come from the probe cache' : '; runner configs read statically'),
    setup: async () => {
      originals = context.meta.changed.map((file) => readFileSync(path.join(context.repo, file)));
      cacheDir = impacted.freshCacheDir();
      if (runtimeDir) server = await startServer(runtimeDir);
      // Two runs: the first builds the cache, the second records the untracked listing beside it (a run into an
      // empty cache directory does not), as a developer's third run and every one after find them.
      for (let run = 0; run < 2; run++) execFileSync(process.execPath, impacted.args(cacheDir), { cwd: context.repo, stdio: 'ignore', timeout: context.timeoutMs, env: { ...process.env, ...env } });
    },
    invocation,
    processes: served ? undefined : () => countProcesses(invocation(), context.timeoutMs),
    teardown: () => {
      server?.kill('SIGTERM');
      context.meta.changed.forEach((file, index) => originals[index] && writeFileSync(path.join(context.repo, file), originals[index]));
    },
    selected: selectedTests,
    reportedMs,
  };
}

/**
 * A CI job with the cache directory restored from an earlier job (the README's CI recipes): `CI=true` (so no untracked
 * listing is kept, as in a fresh checkout), each run from a fresh copy of a cache one unmeasured run on the change
 * left, after a line is appended to the changed files (what the push since changed is read again).
 * @param {BenchContext} context
 * @returns {Peer}
 */
export function impactedCi(context) {
  const impacted = cli(context, true);
  const env = { ...ownProcess, CI: 'true' };
  /** @type {string | undefined} */
  let restored;
  let edit = 0;
  /** @type {Buffer[]} */
  let originals = [];
  return {
    id: 'impacted-ci',
    label: 'impacted list (CI, cache restored)',
    command: `CI=true ${impacted.shown('copy of a primed dir')}`,
    config: `CI=true; before each run a copy of the cache one earlier run left${context.editable ? `, and the ${context.meta.changed.length} changed files edited (a line appended)` : ''}; the runners\u2019 answers come from the restored probe cache`,
    setup: () => {
      originals = context.meta.changed.map((file) => readFileSync(path.join(context.repo, file)));
      restored = impacted.freshCacheDir();
      execFileSync(process.execPath, impacted.args(restored), { cwd: context.repo, stdio: 'ignore', timeout: context.timeoutMs, env: { ...process.env, ...env } });
    },
    invocation: () => {
      edit++;
      if (context.editable) for (const file of context.meta.changed) appendFileSync(path.join(context.repo, file), `// bench edit ${edit}\n`);
      const cacheDir = impacted.freshCacheDir();
      cpSync(/** @type {string} */ (restored), cacheDir, { recursive: true });
      return { file: process.execPath, args: impacted.args(cacheDir), cwd: context.repo, env };
    },
    teardown: () => {
      context.meta.changed.forEach((file, index) => originals[index] && writeFileSync(path.join(context.repo, file), originals[index]));
    },
    selected: selectedTests,
    reportedMs,
  };
}
