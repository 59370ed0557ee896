// impacted itself, cold (no cache) and warm (cache primed, then three files edited so the run has real work).
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from './context.mjs';

/** @typedef {import('./context.mjs').BenchContext} BenchContext */
/** @typedef {import('./context.mjs').Peer} Peer */

const bin = path.join(projectRoot, 'bin', 'impacted.js');

/**
 * The command line, with the cache in a directory of the bench's own (a fresh empty one for a cold run).
 * @param {BenchContext} context
 */
function cli(context) {
  return {
    args: (/** @type {string} */ cacheDir) => [bin, 'list', '--json', '--base', context.meta.base, '--cache-dir', cacheDir],
    shown: (/** @type {string} */ cache) => `impacted list --json --base ${context.meta.base} --cache-dir <${cache}>`,
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

/**
 * @param {BenchContext} context
 * @returns {Peer}
 */
export function impactedCold(context) {
  const impacted = cli(context);
  return {
    id: 'impacted-cold',
    label: 'impacted list (cold)',
    command: impacted.shown('fresh empty dir'),
    config: 'none (no impacted.config.json; it detects the workspaces, tsconfigs and vitest include globs); a fresh empty --cache-dir per run, so it also writes the cache, as a first CI run does',
    invocation: () => ({ file: process.execPath, args: impacted.args(impacted.freshCacheDir()), cwd: context.repo }),
    selected: selectedTests,
    reportedMs,
  };
}

/**
 * Warm: one unmeasured run fills the cache; before each measured run the three changed files get another
 * line appended, so their imports are read and resolved again while the selection stays the oracle's.
 * @param {BenchContext} context
 * @returns {Peer}
 */
export function impactedWarm(context) {
  const impacted = cli(context);
  /** @type {string | undefined} */
  let cacheDir;
  let edit = 0;
  /** @type {Buffer[]} */
  let originals = [];
  return {
    id: 'impacted-warm',
    label: 'impacted list (warm)',
    command: impacted.shown('primed dir'),
    config: context.editable
      ? `cache primed by one run, then the ${context.meta.changed.length} changed files edited (a line appended) before each run`
      : 'cache primed by one run; the repository is not edited (read-only), so every file is as cached',
    setup: () => {
      originals = context.meta.changed.map((file) => readFileSync(path.join(context.repo, file)));
      cacheDir = impacted.freshCacheDir();
      execFileSync(process.execPath, impacted.args(cacheDir), { cwd: context.repo, stdio: 'ignore', timeout: context.timeoutMs });
    },
    invocation: () => {
      edit++;
      // A real repository is read-only: its warm runs find every file as the cache has it.
      if (context.editable) for (const file of context.meta.changed) appendFileSync(path.join(context.repo, file), `// bench edit ${edit}\n`);
      return { file: process.execPath, args: impacted.args(/** @type {string} */ (cacheDir)), cwd: context.repo };
    },
    teardown: () => {
      context.meta.changed.forEach((file, index) => originals[index] && writeFileSync(path.join(context.repo, file), originals[index]));
    },
    selected: selectedTests,
    reportedMs,
  };
}
