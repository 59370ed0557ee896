// `npm run bench:replay-recorded -- <repo dir> --map <file> [--commits 30]`: replays a repository's last commits with
// and without a recorded map, and checks that the union selects every test the recording saw use a changed file.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(projectRoot, 'bin', 'impacted.js');
const { values, positionals } = parseArgs({ allowPositionals: true, options: { map: { type: 'string' }, commits: { type: 'string', default: '30' } } });
const [repoArg] = positionals;
if (!repoArg || !values.map) {
  console.error('usage: npm run bench:replay-recorded -- <repo dir> --map <recorded map> [--commits 30]');
  process.exit(2);
}
const repo = path.resolve(repoArg);
const mapFile = path.resolve(values.map);
const scratch = mkdtempSync(path.join(os.tmpdir(), 'impacted-replay-recorded-'));
const withMap = path.join(scratch, 'with-map.json');
const staticOnly = path.join(scratch, 'static.json');
writeFileSync(withMap, JSON.stringify({ recorded: mapFile }));
writeFileSync(staticOnly, JSON.stringify({ recorded: false }));

const { readRecordedMap } = await import(path.join(projectRoot, 'dist/record/recorded-map.js'));
const map = await readRecordedMap(mapFile, mapFile);
const git = (...args) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' }).trim();
const commits = git('rev-list', '--first-parent', `--max-count=${values.commits}`, 'HEAD').split('\n');
const list = (commit, config) => {
  const started = process.hrtime.bigint();
  const out = execFileSync(process.execPath, [bin, 'list', '--json', '--base', `${commit}^`, '--head', commit, '--config', config], {
    cwd: repo,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 1 << 28,
  });
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, selection: JSON.parse(out) };
};

const count = (run) => (run.selection.mode === 'all' ? `all ${run.selection.tests.length}` : `${run.selection.tests.length}`);

console.log(`repository ${repo}, map ${mapFile} (${(statSync(mapFile).size / 1024).toFixed(1)} KB, ${map.tests.size} tests, recorded on ${map.commit.slice(0, 12)})`);
console.log('| commit | changed | mode | static | union | recording saw | missed by union | stale | ms (union) |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
let missedTotal = 0;
let added = 0;
for (const commit of commits) {
  const plain = list(commit, staticOnly);
  const union = list(commit, withMap);
  const changed = new Set(union.selection.changed.flatMap((c) => (c.from ? [c.path, c.from] : [c.path])));
  const stale = new Set(union.selection.recorded?.stale ?? []);
  const saw = new Set();
  for (const [test, recorded] of map.tests) {
    if (stale.has(test)) continue;
    if ([...recorded.executed, ...recorded.read].some((file) => changed.has(file))) saw.add(test);
  }
  const selected = new Set(union.selection.tests.map((t) => t.path));
  const missed = [...saw].filter((test) => !selected.has(test));
  missedTotal += missed.length;
  added += union.selection.tests.length - plain.selection.tests.length;
  console.log(`| ${commit.slice(0, 8)} | ${changed.size} | ${union.selection.mode} | ${count(plain)} | ${count(union)} | ${saw.size} | ${missed.length} | ${stale.size} | ${union.ms.toFixed(0)} |`);
}
console.log(`\n${commits.length} commits: the union missed ${missedTotal} test selections the recording saw; it added ${added} tests over static alone.`);
console.log(`load average: ${os.loadavg().map((n) => n.toFixed(2)).join(' ')}`);
