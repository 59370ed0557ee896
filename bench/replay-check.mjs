// `npm run bench:replay -- --repo <dir>`: history replay check. For each of the last N first-parent commits C,
// `impacted list --base C^ --head C --json` (the graph read from git objects) must give the same selection as a
// checkout of C with `impacted list --base C^ --json`. Works on a temp clone; the repository is only read.
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const cli = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'impacted.js');

const { values } = parseArgs({
  options: {
    repo: { type: 'string' },
    commits: { type: 'string', default: '30' },
    ref: { type: 'string', default: 'HEAD' },
    // `--head` reads runner configs statically (the work tree's runners never loaded the commit's configs), so both
    // sides do unless asked to probe the checkout anyway.
    probe: { type: 'boolean', default: false },
  },
});
if (!values.repo) {
  console.error('bench:replay: --repo <dir> is required (a git checkout with its dependencies installed)');
  process.exit(2);
}
const source = path.resolve(values.repo);
const count = Number(values.commits);
const git = (cwd, ...args) => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

const work = mkdtempSync(path.join(os.tmpdir(), 'impacted-replay-'));
const clone = path.join(work, 'repo');
const cacheDir = path.join(work, 'cache');
git(work, 'clone', '-q', '--no-checkout', source, clone);
// The source's dependencies serve the clone; kept out of git status so that both sides see the same changes.
if (existsSync(path.join(source, 'node_modules'))) symlinkSync(path.join(source, 'node_modules'), path.join(clone, 'node_modules'));
appendFileSync(path.join(clone, '.git', 'info', 'exclude'), '\nnode_modules\n');

/** `impacted list --json`: the parts of the selection both sides must agree on, and its wall time. */
function list(args) {
  const started = performance.now();
  const probe = values.probe ? [] : ['--no-probe'];
  const result = spawnSync(process.execPath, [cli, 'list', '--json', '--quiet', '--cache-dir', cacheDir, ...probe, ...args], {
    cwd: clone,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', CI: '', GITHUB_ACTIONS: '', GITHUB_BASE_REF: '', IMPACTED_BASE: '' },
    maxBuffer: 256 * 1024 * 1024,
  });
  const ms = performance.now() - started;
  if (result.status !== 0) return { error: `exit ${result.status}: ${result.stderr.trim().split('\n')[0]}`, ms };
  const { mode, reason, base, changed, tests } = JSON.parse(result.stdout);
  return { selection: { mode, reason, base, changed, tests }, ms };
}

const commits = git(source, 'rev-list', '--first-parent', `--max-count=${count}`, values.ref).split('\n');
const rows = [];
let mismatches = 0;
try {
  git(clone, 'checkout', '-q', '--detach', commits[0]);
  for (const commit of commits) {
    const parents = git(source, 'rev-list', '--parents', '-n', '1', commit).split(' ').length - 1;
    if (parents === 0) continue; // the root commit has no C^
    git(clone, 'checkout', '-q', '--detach', commits[0]);
    const replayed = list(['--base', `${commit}^`, '--head', commit]);
    git(clone, 'checkout', '-q', '--detach', commit);
    // A partial clone may lack some blobs (never fetched): git cannot write those files, which would then look
    // deleted. Marked skip-worktree, they count as unchanged, as they are in the commit.
    const unwritten = git(clone, 'ls-files', '-d', '-z').split('\0').filter(Boolean);
    if (unwritten.length > 0) execFileSync('git', ['update-index', '--skip-worktree', '-z', '--stdin'], { cwd: clone, input: unwritten.join('\0') });
    const checkedOut = list(['--base', `${commit}^`]);
    const same = JSON.stringify(replayed.selection ?? replayed.error) === JSON.stringify(checkedOut.selection ?? checkedOut.error);
    if (!same) mismatches++;
    rows.push({
      commit: commit.slice(0, 8),
      subject: git(source, 'log', '-1', '--format=%s', commit).slice(0, 50),
      changed: replayed.selection?.changed.length ?? replayed.error,
      mode: replayed.selection?.mode ?? '-',
      selected: replayed.selection?.tests.length ?? '-',
      same,
      unwritten: unwritten.length,
      replayMs: Math.round(replayed.ms),
      checkoutMs: Math.round(checkedOut.ms),
    });
    if (!same) {
      console.error(`${commit}: --head gives ${JSON.stringify(replayed.selection ?? replayed.error).slice(0, 400)}`);
      console.error(`${commit}: checkout gives ${JSON.stringify(checkedOut.selection ?? checkedOut.error).slice(0, 400)}`);
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

console.log(`${source}: ${rows.length} commits replayed (first-parent from ${values.ref}${values.probe ? ', checkouts probed' : ', --no-probe'}), load average ${os.loadavg().map((n) => n.toFixed(2)).join(' ')}`);
console.log('| commit | subject | changed | mode | selected | same | unwritten files | --head ms | checkout ms |');
console.log('| --- | --- | ---: | --- | ---: | --- | ---: | ---: | ---: |');
for (const row of rows) {
  console.log(`| ${row.commit} | ${row.subject.replaceAll('|', '\\|')} | ${row.changed} | ${row.mode} | ${row.selected} | ${row.same ? 'yes' : 'NO'} | ${row.unwritten} | ${row.replayMs} | ${row.checkoutMs} |`);
}
console.log(`${rows.length - mismatches} of ${rows.length} identical`);
process.exitCode = mismatches > 0 ? 1 : 0;
