// `npm run bench`: impacted against the I/O floor, jest, nx/turbo-style package selection, vitest, dependency-cruiser and
// madge, on one change of a generated monorepo per size (`--files 1000,10000`), or of a real repository (`--repo <dir>`).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultRepoDir, ensureRepo } from './generate-repo.mjs';
import { createContext } from './peers/context.mjs';
import { dependencyCruiser } from './peers/dependency-cruiser.mjs';
import { impactedCi, impactedCold, impactedWarm } from './peers/impacted.mjs';
import { refreshIndex } from './peers/git-index.mjs';
import { ioFloor } from './peers/io-floor.mjs';
import { jestRelated } from './peers/jest.mjs';
import { madge } from './peers/madge.mjs';
import { measure, rssSource } from './peers/measure.mjs';
import { nodeStartup } from './peers/node-startup.mjs';
import { compareSets, median } from './peers/compare.mjs';
import { missExplainer } from './peers/explain-misses.mjs';
import { packageLevel } from './peers/package-level.mjs';
import { readRealRepo } from './peers/real-repo.mjs';
import { checkTargets, markdownTable, scalingTable } from './peers/report.mjs';
import { vitestChanged } from './peers/vitest.mjs';

/** @typedef {import('./peers/context.mjs').Peer} Peer */
/** @typedef {import('./peers/context.mjs').BenchContext} BenchContext */
/** @typedef {import('./peers/report.mjs').Row} Row */

const benchDir = path.dirname(fileURLToPath(import.meta.url));
/** A peer's first run slower than this is not repeated (impacted's always are): its one run is the number reported. */
const slowRunMs = 10_000;

/** @type {Record<string, (context: BenchContext) => Peer>} */
const peerFactories = {
  'io-floor': ioFloor,
  'impacted-cold': impactedCold,
  'impacted-cold-no-probe': (context) => impactedCold(context, { probe: false }),
  'impacted-warm': impactedWarm,
  'impacted-warm-no-probe': (context) => impactedWarm(context, { probe: false }),
  'impacted-served': (context) => impactedWarm(context, { served: true }),
  'impacted-ci': impactedCi,
  'jest-cold': (context) => jestRelated(context, 'cold'),
  'jest-warm': (context) => jestRelated(context, 'warm'),
  'package-level': packageLevel,
  vitest: vitestChanged,
  'dependency-cruiser': dependencyCruiser,
  madge,
};

/**
 * `parseArgs`, with an unknown or malformed option as a usage error.
 * @template {import('node:util').ParseArgsConfig} T
 * @param {T} config
 */
function parseOptions(config) {
  try {
    return parseArgs(config);
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
}

/**
 * A usage error: one line, no stack trace.
 * @param {string} message
 * @returns {never}
 */
function fail(message) {
  console.error(`bench: ${message}`);
  process.exit(2);
}

const { values } = parseOptions({
  options: {
    files: { type: 'string', default: '10000' },
    'repos-dir': { type: 'string' },
    huge: { type: 'boolean', default: false },
    repo: { type: 'string' },
    base: { type: 'string', default: 'HEAD~1' },
    change: { type: 'string' },
    runs: { type: 'string', default: '5' },
    timeout: { type: 'string', default: '120' },
    only: { type: 'string' },
    out: { type: 'string', default: path.join(benchDir, 'results.json') },
    'keep-ca-certs': { type: 'boolean', default: false },
  },
});
const sizes = values.files.split(',').map(Number);
const timeoutMs = Number(values.timeout) * 1000;
const runs = Number(values.runs);
if (!values.repo && sizes.some((files) => !Number.isInteger(files) || files < 100)) fail('--files takes whole numbers of files: 1000, 10000, 50000 or 100000, comma-separated');
if (sizes.some((files) => files > 50_000) && !values.huge) fail(`--files ${values.files} takes many minutes and gigabytes per peer; add --huge to run it anyway`);
if (!(timeoutMs > 0)) fail('--timeout takes seconds');
if (!Number.isInteger(runs) || runs < 1) fail('--runs takes a whole number');
// The repository's own runner setup is not what the peers are given on a real repository: vitest is left out there.
// A cold run without the probe only differs where runners are installed: on a real repository.
const defaultIds = Object.keys(peerFactories).filter((id) => (values.repo ? id !== 'vitest' : id !== 'impacted-cold-no-probe'));
const ids = values.only ? values.only.split(',') : defaultIds;
const unknown = ids.filter((id) => !(id in peerFactories));
if (unknown.length > 0) fail(`unknown peer ${unknown.join(', ')}; pick from ${Object.keys(peerFactories).join(', ')}`);
for (const id of ['impacted-cold', 'io-floor'].filter((required) => !ids.includes(required))) ids.unshift(id);
if (!existsSync(path.join(benchDir, '..', 'dist', 'cli.js'))) fail('dist/ is missing: run npm run build first');

// Every Node process pays for NODE_EXTRA_CA_CERTS before it runs any code: the machine's cost, not a tool's. Every row
// runs without it (unless --keep-ca-certs), and the bench prints what it costs here.
const startup = nodeStartup(9);
const caCerts = process.env.NODE_EXTRA_CA_CERTS === undefined ? 'not set' : values['keep-ca-certs'] ? 'kept' : 'removed';
if (caCerts === 'removed') delete process.env.NODE_EXTRA_CA_CERTS;
const startupLine =
  caCerts === 'not set'
    ? `Node start-up (node -e 0): ${startup.asIsMs} ms`
    : `Node start-up (node -e 0): ${startup.asIsMs} ms with this machine's NODE_EXTRA_CA_CERTS, ${startup.withoutCaCertsMs} ms without; every row runs ${caCerts === 'removed' ? 'without it (--keep-ca-certs keeps it)' : 'with it'}`;
console.log(startupLine);

const rss = rssSource();
// dist/ is what runs; it was built from this commit plus whatever was uncommitted at the time.
const impactedCommit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: path.join(benchDir, '..'), encoding: 'utf8' }).trim();
const machine = {
  cpu: os.cpus()[0]?.model ?? 'unknown',
  cores: os.cpus().length,
  memoryGb: Math.round(os.totalmem() / 2 ** 30),
  os: `${os.type()} ${os.release()}`,
  node: process.version,
};
/** @type {{ key: string, files: number, rows: Row[] }[]} */
const done = [];
if (values.repo) {
  const repo = path.resolve(values.repo);
  if (!existsSync(path.join(repo, '.git'))) fail(`${values.repo} is not the root of a git checkout`);
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'impacted-bench-clone-'));
  const real = await readRealRepo(repo, { base: values.base, change: values.change?.split(','), scratch }).catch((/** @type {unknown} */ error) => {
    // fail() exits at once: the clone goes first.
    rmSync(scratch, { recursive: true, force: true });
    return fail(error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error));
  });
  try {
    const rows = await benchOne(real.meta, real);
    done.push({ key: path.basename(repo), files: real.meta.files, rows });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
} else {
  for (const files of sizes) {
    const meta = ensureRepo({ dir: values['repos-dir'] ? path.join(path.resolve(values['repos-dir']), path.basename(defaultRepoDir(files))) : defaultRepoDir(files), files });
    // A run stopped halfway through the warm runs leaves its edits behind; the change must be the generator's.
    execFileSync('git', ['checkout', '--', ...meta.changed], { cwd: meta.dir });
    done.push({ key: path.basename(meta.dir), files: meta.files, rows: await benchOne(meta) });
  }
}
if (done.length > 1) {
  console.log('\nScaling (medians; cost per file = cold or warm time / files):\n');
  const scaling = scalingTable(done);
  console.log(scaling.table);
  for (const target of scaling.targets) console.log(`  ${target.met ? 'met   ' : 'MISSED'} ${target.name}: ${target.actual}`);
}

/**
 * Every peer on one repository and its change: prints the table and the targets, adds the entry to the results file.
 * @param {import('./generate-repo.mjs').RepoMeta} meta
 * @param {import('./peers/real-repo.mjs').RealRepo} [real]
 * @returns {Promise<Row[]>}
 */
async function benchOne(meta, real) {
  const context = createContext(meta, timeoutMs, real);
  const loadAtStart = Number(os.loadavg()[0]?.toFixed(2));
  console.log(
    `\n${meta.dir}: ${meta.files} files, ${meta.packages} packages, ${meta.tests} tests; change: ${meta.changed.length} files, ${meta.base}..${meta.head}` +
      (real ? '' : `, ${meta.affected.length} tests affected (oracle)`),
  );
  // Every tool is measured on a working copy whose index is as a developer's is (see git-index.mjs); a real
  // repository's own checkout (no --change) is not written to, its index included.
  if (!real || real.editable) {
    const index = refreshIndex(meta.dir);
    console.log(`git index refreshed first: a work-tree diff (git diff-files) took ${index.beforeMs} ms before, ${index.afterMs} ms after`);
  }
  /** @type {Row[]} */
  let rows = [];
  try {
    rows = await measureAll(ids.map((id) => /** @type {(context: BenchContext) => Peer} */ (peerFactories[id])(context)));
  } finally {
    rmSync(context.scratch, { recursive: true, force: true });
  }

  const baseline = rows.find((row) => row.id === 'impacted-cold');
  const floor = rows.find((row) => row.id === 'io-floor');
  const reference = baseline?.status === 'ok' ? baseline.selected : undefined;
  const oracle = real ? undefined : [...meta.affected].sort();
  for (const row of rows) {
    const timed = row.status !== 'failed' && row.runs > 0;
    row.ratio = baseline?.status === 'ok' && timed ? row.ms / baseline.ms : undefined;
    row.vsFloor = floor?.status === 'ok' && timed ? row.ms / floor.ms : undefined;
    if (row.status !== 'ok' || row.id === 'io-floor') continue;
    if (oracle) row.vsOracle = compareSets(row.selected, oracle);
    if (reference) row.vsImpacted = compareSets(row.selected, reference);
  }
  if (oracle && rows.some((row) => (row.vsOracle?.missing.length ?? 0) > 0)) {
    const explain = await missExplainer(meta.dir, meta.changed);
    for (const row of rows) if (row.vsOracle && row.vsOracle.missing.length > 0) row.missedThrough = explain(row.vsOracle.missing);
  }
  // Others share this machine; a high load average means the times are slower than the machine can do.
  const loadAverage = { start: loadAtStart, end: Number(os.loadavg()[0]?.toFixed(2)) };
  const targets = checkTargets(real ? 'real' : meta.files, rows);
  const results = {
    date: new Date().toISOString(),
    impactedCommit,
    machine: { ...machine, loadAverage },
    repo: {
      dir: real ? meta.dir : undefined,
      files: meta.files,
      packages: meta.packages,
      tests: meta.tests,
      seed: real ? undefined : meta.seed,
      generatorVersion: real ? undefined : meta.generatorVersion,
      base: meta.base,
      head: meta.head,
      changed: meta.changed,
      affected: real ? undefined : meta.affected.length,
    },
    method: {
      wallTime: `from spawn to exit of one process per run; median of ${runs} runs (impacted's rows, and other tools whose first run takes under ${slowRunMs / 1000} s), else that 1 run; runs after the first alternate between the tools`,
      peakRss:
        rss === 'time'
          ? 'GNU time %M: the largest resident set of any single process of the run'
          : 'process.resourceUsage().maxRSS of each Node process of the run, the largest',
      timeoutS: timeoutMs / 1000,
      nodeStartup: { ...startup, nodeExtraCaCerts: caCerts },
    },
    targets,
    rows: rows.map(({ selected, ...row }) => ({ ...row, selectedCount: selected.length })),
  };
  // One entry per repository, so a 50k run does not erase the 10k numbers; a run of some tools only (`--only`) has an
  // entry of its own, so it does not erase a run of every tool either.
  const key = values.only ? `${path.basename(meta.dir)} --only ${ids.join(',')}` : path.basename(meta.dir);
  writeFileSync(values.out, `${JSON.stringify({ ...readResults(values.out), [key]: results }, null, 2)}\n`);

  console.log(
    `\n${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB, Node ${machine.node}, load average ${loadAverage.start} -> ${loadAverage.end}; ` +
      `${meta.files} files, ${meta.packages} packages, ${meta.tests} tests` +
      (real ? `; change ${meta.base}..${meta.head}: ${meta.changed.length} files` : `, ${meta.affected.length} affected`) +
      `\n${startupLine}\n`,
  );
  console.log(markdownTable(rows, oracle?.length));
  for (const row of rows.filter((candidate) => candidate.processes)) {
    const { git, node } = /** @type {import('./peers/process-count.mjs').ProcessCount} */ (row.processes);
    console.log(`\n${row.label}, one more run: ${git.length} git processes (${git.map((args) => args.split(' ')[0]).join(', ')}); ${node.length} other Node processes${node.length > 0 ? `: ${node.join('; ')}` : ''}`);
  }
  if (targets.length > 0) {
    console.log('\nTargets:');
    for (const target of targets) console.log(`  ${target.met ? 'met   ' : 'MISSED'} ${target.name}: ${target.actual}`);
  }
  console.log(`\nwritten to ${path.relative(process.cwd(), values.out)} (key "${key}")`);
  return rows;
}

/**
 * Every peer's first run, one peer after the other (a computed peer only computes); then the further runs of the peers
 * whose first run was fast, in rounds that alternate between them (A B C A B C ...), so that a change of the machine's
 * load during the bench weighs on every peer alike and the ratios compare. Teardowns run last, in reverse order (warm
 * peers restore the files they edited).
 * @param {Peer[]} peers
 * @returns {Promise<Row[]>}
 */
async function measureAll(peers) {
  /** @type {{ peer: Peer, row: Row, measurements: import('./peers/measure.mjs').Measurement[], wanted: number, set: boolean }[]} */
  const states = [];
  try {
    for (const peer of peers) {
      /** @type {Row} */
      const row = { id: peer.id, label: peer.label, command: peer.command, config: peer.config, status: 'ok', runs: 0, ms: 0, msPerRun: [], selected: [] };
      const state = { peer, row, measurements: [], wanted: 0, set: false };
      states.push(state);
      process.stdout.write(`${peer.label} ... `);
      try {
        if (peer.compute) {
          row.selected = await peer.compute();
          console.log(`${row.selected.length} tests`);
          continue;
        }
        await peer.setup?.();
        state.set = true;
        await runOnce(state);
        // impacted's own rows always get every run: they are what is measured, and their ratios pair them.
        state.wanted = peer.runs ?? (peer.id.startsWith('impacted-') || (state.measurements[0]?.ms ?? 0) < slowRunMs ? runs : 1);
      } catch (error) {
        // A setup run that failed or hung: the peer is reported, the bench goes on.
        Object.assign(row, { status: 'failed', error: error instanceof Error ? error.message.split('\n')[0] : String(error) });
      }
      console.log(row.status === 'ok' ? `first run ${((state.measurements[0]?.ms ?? 0) / 1000).toFixed(2)} s` : `${row.status}${row.error ? `: ${row.error}` : ''}`);
    }
    const more = () => states.filter((state) => state.row.status === 'ok' && state.measurements.length < state.wanted);
    if (more().length > 0) console.log(`further runs, alternating between ${more().length} tools: ${more().map((state) => state.peer.id).join(', ')}`);
    for (let round = more(); round.length > 0; round = more()) for (const state of round) await runOnce(state);
    for (const state of states) finish(state);
  } finally {
    for (const state of states.toReversed()) if (state.set) state.peer.teardown?.();
  }
  return states.map((state) => state.row);
}

/**
 * One measured run of a peer; a timeout or a failure ends its runs.
 * @param {{ peer: Peer, row: Row, measurements: import('./peers/measure.mjs').Measurement[] }} state
 */
async function runOnce({ peer, row, measurements }) {
  const measurement = await measure(peer.invocation(), { timeoutMs, rss });
  measurements.push(measurement);
  if (measurement.timedOut) Object.assign(row, { status: 'timeout', ms: measurement.ms });
  else if (measurement.code !== 0) {
    const message = measurement.stderr.trim().split('\n').filter(Boolean).at(-1) ?? `exit code ${measurement.code}`;
    Object.assign(row, { status: 'failed', error: message, ms: measurement.ms });
  }
  row.runs = measurements.length;
}

/**
 * The row of a peer whose runs are done: the median, the peak RSS, the selection of its last run, and what one more
 * run starts (warm peers).
 * @param {{ peer: Peer, row: Row, measurements: import('./peers/measure.mjs').Measurement[] }} state
 */
function finish({ peer, row, measurements }) {
  if (row.status !== 'ok' || peer.compute) return;
  const last = /** @type {import('./peers/measure.mjs').Measurement} */ (measurements.at(-1));
  const rssValues = measurements.map((measurement) => measurement.rssMb).filter((value) => value !== undefined);
  try {
    Object.assign(row, {
      ms: median(measurements.map((measurement) => measurement.ms)),
      msPerRun: measurements.map((measurement) => Math.round(measurement.ms)),
      rssMb: rssValues.length > 0 ? Math.max(...rssValues) : undefined,
      selected: peer.selected(last.stdout),
      // The median of what each run reported, as the wall time is the median of the runs.
      reportedMs: peer.reportedMs && median(measurements.map((measurement) => /** @type {(stdout: string) => number} */ (peer.reportedMs)(measurement.stdout))),
      processes: peer.processes?.(),
    });
  } catch (error) {
    Object.assign(row, { status: 'failed', error: error instanceof Error ? error.message.split('\n')[0] : String(error) });
  }
}

/**
 * The results already in `file`, by repository size; nothing when it is missing or not such an object.
 * @param {string} file
 * @returns {Record<string, unknown>}
 */
function readResults(file) {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8'));
    return parsed && typeof parsed === 'object' && !('rows' in parsed) ? parsed : {};
  } catch {
    return {};
  }
}
