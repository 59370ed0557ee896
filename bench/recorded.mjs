// `npm run bench:recorded`: the size of a recorded map and what unioning it costs a warm `list`, on a generated monorepo.
// The map is synthesised from the graph (each test "executed" its whole static closure, the largest a real recording
// of that repository could be), so no suite has to run; medians over several runs, with the load average.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultRepoDir, ensureRepo } from './generate-repo.mjs';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(projectRoot, 'bin', 'impacted.js');
const { values } = parseArgs({ options: { files: { type: 'string', default: '10000' }, runs: { type: 'string', default: '7' }, repo: { type: 'string' } } });
const runs = Number(values.runs);

const dir = values.repo ? path.resolve(values.repo) : ensureRepo({ dir: defaultRepoDir(Number(values.files)), files: Number(values.files) }).dir;
const scratch = mkdtempSync(path.join(os.tmpdir(), 'impacted-bench-recorded-'));
const mapFile = path.join(scratch, 'recorded.json');
const cacheDir = path.join(scratch, 'cache');
const withMap = path.join(scratch, 'with-map.json');
const withoutMap = path.join(scratch, 'without-map.json');
writeFileSync(withMap, JSON.stringify({ recorded: mapFile }));
writeFileSync(withoutMap, JSON.stringify({ recorded: false }));

const { buildGraph } = await import(path.join(projectRoot, 'dist/graph/build-graph.js'));
const { findTests } = await import(path.join(projectRoot, 'dist/select/find-tests.js'));
const { serializeRecordedMap } = await import(path.join(projectRoot, 'dist/record/recorded-map.js'));
const { gitBlobHash } = await import(path.join(projectRoot, 'dist/graph/content-hash.js'));
const { readFileSync } = await import('node:fs');

const graph = await buildGraph({ cwd: dir, cache: false });
const { tests } = findTests(dir, graph.files, undefined);
const imports = new Map();
for (const edge of graph.edges) {
  if (!imports.has(edge.from)) imports.set(edge.from, []);
  imports.get(edge.from).push(edge.to);
}
const recordedTests = new Map();
const hashes = new Map();
const hashOf = (file) => {
  if (!hashes.has(file)) hashes.set(file, gitBlobHash(readFileSync(path.join(dir, file))));
  return hashes.get(file);
};
for (const test of tests) {
  const seen = new Set([test]);
  const queue = [test];
  for (let i = 0; i < queue.length; i++) {
    for (const next of imports.get(queue[i]) ?? []) {
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(next);
    }
  }
  const executed = [...seen].filter((file) => /\.[cm]?[jt]sx?$/.test(file)).sort();
  const read = [...seen].filter((file) => !/\.[cm]?[jt]sx?$/.test(file)).sort();
  for (const file of seen) hashOf(file);
  recordedTests.set(test, { executed, read, hash: hashOf(test) });
}
const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: dir, encoding: 'utf8' }).trim();
writeFileSync(mapFile, serializeRecordedMap({ version: 1, commit, recordedAt: new Date().toISOString(), tests: recordedTests, hashes }));

const repoBytes = execFileSync('git', ['ls-files', '-z'], { cwd: dir, encoding: 'utf8' })
  .split('\0')
  .filter(Boolean)
  .reduce((sum, file) => sum + statSync(path.join(dir, file)).size, 0);
const mapBytes = statSync(mapFile).size;

const list = (config) => {
  const started = process.hrtime.bigint();
  const out = execFileSync(process.execPath, [bin, 'list', '--json', '--base', 'main', '--config', config, '--cache-dir', cacheDir], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28 });
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, selection: JSON.parse(out) };
};
const median = (numbers) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)];
list(withoutMap); // primes the graph cache: both rows are warm
const rows = { without: [], with: [] };
let selected = {};
for (let i = 0; i < runs; i++) {
  for (const [name, config] of [['without', withoutMap], ['with', withMap]]) {
    const run = list(config);
    rows[name].push(run.ms);
    selected[name] = run.selection.tests.length;
  }
}
const load = os.loadavg().map((n) => n.toFixed(2)).join(' ');
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
console.log(`repository: ${dir} (${graph.files.length} files, ${tests.length} tests, ${mb(repoBytes)} tracked)`);
console.log(`map: ${recordedTests.size} tests, ${hashes.size} files, ${mb(mapBytes)} = ${((mapBytes / repoBytes) * 100).toFixed(1)}% of the repository`);
console.log(`warm list without map: median ${median(rows.without).toFixed(0)} ms; with map: ${median(rows.with).toFixed(0)} ms; added ${(median(rows.with) - median(rows.without)).toFixed(0)} ms (${runs} runs each, interleaved)`);
console.log(`selected: ${selected.without} tests without, ${selected.with} with the map`);
console.log(`load average: ${load}`);
rmSync(scratch, { recursive: true, force: true });
