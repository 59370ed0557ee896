// The `impacted record` command behind the CLI: records (or explains) the map, text out through the given writers.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { auditProgress } from '../audit/audit-text.js';
import { resolveConfig } from '../config/load-config.js';
import { ImpactedError } from '../errors.js';
import { buildGraph } from '../graph/build-graph.js';
import { findRepoRoot, toRepoPath } from '../repo-root.js';
import { findTests } from '../select/find-tests.js';
import { dependenciesBeyondGraph } from './beyond-graph.js';
import { mapLabel } from './recorded-dependencies.js';
import { readRecordedMap, writeRecordedMap, type RecordedMap } from './recorded-map.js';
import { recordTests } from './record-tests.js';
import { recordedText, unseenText } from './record-text.js';

export interface RecordFlags {
  /** Test files to record, relative to `cwd`; default every test file. */
  tests?: string[];
  sample?: string;
  concurrency?: string;
  /** `--from-coverage <dir>`: a NODE_V8_COVERAGE directory of the user's own run. */
  fromCoverage?: string;
  /** `--out <file>`: where to write the map (default: the config's `recorded`). */
  out?: string;
  /** Keep the tests of the existing map that this recording does not cover. */
  merge?: boolean;
  /** Print the dependencies only the recording sees, from the existing map; record nothing. */
  explain?: boolean;
  top?: string;
  config?: string;
  cwd: string;
}

export interface RecordIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

function positive(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new ImpactedError('USAGE', `${flag} takes a positive whole number, not "${value}".`);
  return number;
}

/** Records the map (or with `explain`, explains the existing one). Exit 0, or 130/143 when stopped by a signal. */
export async function recordCommand(flags: RecordFlags, io: RecordIo, signal?: AbortSignal): Promise<number> {
  const root = findRepoRoot(flags.cwd);
  const userCwd = path.resolve(flags.cwd);
  const top = positive('--top', flags.top) ?? 10;
  const config = await resolveConfig(root, { configFile: flags.config });
  const file = flags.out ? path.resolve(userCwd, flags.out) : config.recorded?.file;
  if (!file) throw new ImpactedError('CONFIG', '"recorded" is false in the config: pass --out <file> to say where the map goes.');
  const label = mapLabel(root, file);

  if (flags.explain) {
    const map = await readRecordedMap(file, label);
    if (!map) throw new ImpactedError('FILE', `no recorded map at ${label}: run impacted record first (or pass --out <file>).`);
    const graph = await buildGraph({ cwd: root, implicitDependencies: config.implicitDependencies });
    io.stdout(unseenText(dependenciesBeyondGraph(map, graph, config, findTests(root, graph.files, { tests: config.tests, unreadTestScripts: config.unreadTestScripts })), top));
    io.stderr(`impacted: ${label}: recorded on ${map.commit.slice(0, 12)} at ${map.recordedAt}, ${map.tests.size} test files\n`);
    return 0;
  }

  const result = await recordTests({
    cwd: root,
    configFile: flags.config,
    tests: flags.tests?.map((test) => toRepoPath(root, userCwd, test)),
    sample: positive('--sample', flags.sample),
    concurrency: positive('--concurrency', flags.concurrency),
    fromCoverage: flags.fromCoverage === undefined ? undefined : path.resolve(userCwd, flags.fromCoverage),
    signal,
    onEvent: (event) => {
      if (event.type === 'test-end') io.stderr(`${auditProgress(event.test, event.index, event.total, event.ms)}\n`);
    },
  });
  if (signal?.aborted) {
    // Half a recording would look like a map of the whole suite: write nothing.
    io.stderr('impacted: record stopped: no map written\n');
    return signal.reason === 'SIGTERM' ? 143 : 130;
  }
  let map: RecordedMap = result.map;
  if (flags.merge) {
    const previous = await readRecordedMap(file, label);
    if (previous) {
      const tests = new Map([...previous.tests, ...map.tests]);
      map = { ...map, tests, hashes: new Map([...previous.hashes, ...map.hashes]) };
    }
  }
  await writeRecordedMap(file, map);
  const uncaptured = result.report?.tests.filter((test) => !test.captured).map((test) => test.path) ?? [];
  if (uncaptured.length > 0) {
    io.stderr(`impacted: ${uncaptured.length} test files left out (no coverage captured): ${uncaptured.slice(0, 5).join(', ')}${uncaptured.length > 5 ? ', ...' : ''}\n`);
  }
  io.stderr(`impacted: ${recordedText(map, label, (await stat(file)).size)}\n`);
  const unseen = dependenciesBeyondGraph(map, result.graph, result.config, findTests(root, result.graph.files, { tests: result.config.tests, unreadTestScripts: result.config.unreadTestScripts }));
  if (unseen.length > 0) io.stdout(unseenText(unseen, top));
  return 0;
}
