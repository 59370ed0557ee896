// `npm run bench:history -- <repo dir> --commits 30`: replays a real repository's last commits through `impacted list`.
//
// For each of the last N first-parent commits C, the repository is checked out at C in a temporary clone (its
// node_modules symlinked from <repo dir>) and `impacted list --base C^ --json` is timed. It prints, per commit,
// the selection share (selected tests / all tests), the mode, the time and the reason, then the median share and
// the number of commits that ran every test. `--impacted <bin>` replays another build (a before/after comparison),
// `--json <file>` writes the rows.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync, appendFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const benchDir = path.dirname(fileURLToPath(import.meta.url));

/**
 * A usage error: one line, no stack trace.
 * @param {string} message
 * @returns {never}
 */
function fail(message) {
  console.error(`bench:history: ${message}`);
  process.exit(2);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    commits: { type: 'string', default: '30' },
    impacted: { type: 'string', default: path.join(benchDir, '..', 'bin', 'impacted.js') },
    json: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const [source] = positionals;
const commits = Number(values.commits);
if (!source || positionals.length > 1) fail('usage: npm run bench:history -- <repo dir> [--commits 30] [--impacted <bin>] [--json <file>]');
if (!Number.isInteger(commits) || commits < 1) fail('--commits takes a whole number');
const repo = path.resolve(source);
const bin = path.resolve(values.impacted);
if (!existsSync(path.join(repo, '.git'))) fail(`${repo} is not a git checkout`);
if (!existsSync(bin)) fail(`${bin} does not exist (npm run build?)`);

/** @param {string} cwd @param {string[]} args */
const git = (cwd, ...args) => execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).trim();

/** The node_modules folders of the checkout (the root's and each package's), relative to it. */
function nodeModulesDirs(dir, relative = '', depth = 0) {
  /** @type {string[]} */
  const found = [];
  for (const entry of readdirSync(path.join(dir, relative), { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === '.git') continue;
    const child = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.name === 'node_modules') found.push(child);
    else if (depth < 3) found.push(...nodeModulesDirs(dir, child, depth + 1));
  }
  return found;
}

/** Files of `commit` whose blob the clone does not have. */
function missingBlobs(commit) {
  const entries = git(clone, 'ls-tree', '-r', '--format=%(objectname) %(path)', commit)
    .split('\n')
    .filter(Boolean)
    .map((line) => ({ sha: line.slice(0, line.indexOf(' ')), file: line.slice(line.indexOf(' ') + 1) }));
  const checked = execFileSync('git', ['cat-file', '--batch-check'], { cwd: clone, input: entries.map((e) => e.sha).join('\n'), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const absent = new Set(checked.split('\n').filter((line) => line.endsWith(' missing')).map((line) => line.split(' ')[0]));
  return entries.filter((e) => absent.has(e.sha)).map((e) => e.file);
}

const history = git(repo, 'log', '--first-parent', `-n${commits}`, '--format=%H', 'HEAD').split('\n').filter(Boolean);
const clone = mkdtempSync(path.join(tmpdir(), 'impacted-history-'));
const cacheDir = path.join(clone, '.impacted-cache');
git(tmpdir(), 'clone', '--quiet', '--no-checkout', repo, clone);
// Snapshots may lack their largest blobs: a sparse checkout leaves those files out instead of failing.
git(clone, 'config', 'core.sparseCheckout', 'true');
// A symlinked node_modules is not matched by a `node_modules/` ignore rule: exclude it so it is not a change.
appendFileSync(path.join(clone, '.git', 'info', 'exclude'), '\nnode_modules\n.impacted-cache\n');
const modules = nodeModulesDirs(repo);

console.log(`bench:history: ${repo}, last ${history.length} commits, ${bin}`);
/** @type {{ commit: string, subject: string, selected: number, tests: number, share: number, mode: string, reason: string, ms: number, error?: string }[]} */
const rows = [];
try {
  for (const commit of history) {
    const subject = git(repo, 'log', '-1', '--format=%s', commit);
    const missing = missingBlobs(commit);
    writeFileSync(path.join(clone, '.git', 'info', 'sparse-checkout'), ['/*', ...missing.map((file) => `!/${file.replace(/[*?[\\!#]/g, '\\$&')}`)].join('\n') + '\n');
    git(clone, 'checkout', '--quiet', '--force', commit);
    for (const dir of modules) {
      if (existsSync(path.join(clone, dir)) || !existsSync(path.join(clone, path.dirname(dir)))) continue;
      symlinkSync(path.join(repo, dir), path.join(clone, dir));
    }
    const started = performance.now();
    const result = spawnSync(process.execPath, [bin, 'list', '--base', `${commit}^`, '--json', '--cache-dir', cacheDir], {
      cwd: clone,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', CI: '', GITHUB_ACTIONS: '' },
      maxBuffer: 64 * 1024 * 1024,
    });
    const ms = Math.round(performance.now() - started);
    const short = commit.slice(0, 9);
    if (result.status !== 0) {
      const error = (result.stderr || result.stdout).trim().split('\n').pop() ?? `exit ${result.status}`;
      rows.push({ commit: short, subject, selected: 0, tests: 0, share: Number.NaN, mode: 'error', reason: error, ms, error });
    } else {
      const selection = JSON.parse(result.stdout);
      const tests = selection.stats.tests;
      const selected = selection.tests.length;
      rows.push({ commit: short, subject, selected, tests, share: tests === 0 ? 0 : selected / tests, mode: selection.mode, reason: selection.reason, ms });
    }
    const row = rows.at(-1);
    const share = Number.isNaN(row.share) ? '  -  ' : `${(row.share * 100).toFixed(0).padStart(3)}%`;
    console.log(`${row.commit} ${share} ${`${row.selected}/${row.tests}`.padStart(9)} ${row.mode.padEnd(8)} ${String(row.ms).padStart(6)} ms  ${row.reason}`);
  }
} finally {
  if (!values.keep) rmSync(clone, { recursive: true, force: true });
}

const measured = rows.filter((r) => r.mode !== 'error');
const median = (numbers) => {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length === 0 ? Number.NaN : sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const runAll = measured.filter((r) => r.mode === 'all').length;
console.log(
  `median share ${(median(measured.map((r) => r.share)) * 100).toFixed(1)}%, mean ${((measured.reduce((sum, r) => sum + r.share, 0) / Math.max(1, measured.length)) * 100).toFixed(1)}%, ` +
    `run-all ${runAll} of ${measured.length} commits, errors ${rows.length - measured.length}, median list ${median(rows.map((r) => r.ms))} ms`,
);
if (values.json) {
  mkdirSync(path.dirname(path.resolve(values.json)), { recursive: true });
  writeFileSync(values.json, `${JSON.stringify({ repo, bin, rows }, null, 2)}\n`);
}
