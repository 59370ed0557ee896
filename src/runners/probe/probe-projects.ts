// Asks each runner config's installed runner for its projects, once per change of what it depends on: answers (and
// failures) are cached by probe key, so a warm run starts no runner process.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunnerName } from '../../config/schema.js';
import type { ScannedFile } from '../../graph/scan-files.js';
import { dirOf } from '../project.js';
import type { RunnerProject } from '../types.js';
import { openProbeCache } from './probe-cache.js';
import { probeCwd } from './probe-cwd.js';
import { closeProbeServers } from './probe-server.js';
import { dependencyHash, probeKey } from './probe-key.js';
import type { ProbeOutcome, ProbeRequest, RunnerProbe } from './probe-types.js';
import { resolveRunnerPackage } from './resolve-runner-package.js';
import { jestProbe } from '../jest/probe.js';
import { mochaProbe } from '../mocha/probe.js';
import { playwrightProbe } from '../playwright/probe.js';
import { vitestProbe } from '../vitest/probe.js';

/** A runner that can be asked: the package whose installed version keys the cache, and its probe. */
export interface AskableRunner {
  packageName: string;
  probe: RunnerProbe;
}

/**
 * The probes are loaded with this module, so that a runner process starts in the same turn as its cache lookup
 * missed (a probe imported then would wait for the graph's extraction to yield at every step of its loading). Their
 * output schemas (and zod) load only once a runner is started, while it works: a warm run loads none.
 */
export const runnerProbes: Partial<Record<RunnerName, AskableRunner>> = {
  vitest: { packageName: 'vitest', probe: vitestProbe },
  jest: { packageName: 'jest', probe: jestProbe },
  mocha: { packageName: 'mocha', probe: mochaProbe },
  playwright: { packageName: '@playwright/test', probe: playwrightProbe },
};

export interface ProbeEntry {
  runner: RunnerName;
  /** Repository-relative config file; `''` for a package whose runner runs with its defaults. */
  configFile: string;
  /** Repository-relative directory the runner runs in (default: the config's directory). */
  cwd?: string;
  /** The repository file this entry stands for: a vitest workspace file vitest finds itself (`configFile` `''`) or beside the config. */
  owner?: string;
  /** A vite config: vitest reads it only where vitest is installed, so without vitest it is no runner config at all. */
  optional?: boolean;
}

export interface ProbeProjectsOptions {
  root: string;
  /** The scanned files (with git's content hashes where known): what the cache key is computed from. */
  files: readonly ScannedFile[];
  entries: readonly ProbeEntry[];
  /** Absolute cache directory; undefined: no cache. */
  cacheDir?: string;
  timeoutMs?: number;
  /** Runner processes at once (default `defaultProbeConcurrency`). */
  concurrency?: number;
  /** Of the included entries, those to ask all the same (called again after they are, until it returns none). */
  askAfterAll?: (probed: readonly ProbedEntry[]) => ProbedEntry[];
  /** The projects static reading gives a config whose runner could not be asked: what it includes counts as its answer's would. */
  readStatically?: (entry: ProbeEntry) => readonly RunnerProject[] | undefined;
}

export interface ProbedEntry extends ProbeEntry {
  outcome: ProbeOutcome;
  /** The answer came from the cache: no runner was started for it. */
  cached: boolean;
  /** A runner process was started for it (not for a runner that is not installed). */
  started: boolean;
  /** Not asked: the answer of this config (of the same runner, in its directory or above) includes it as a project. */
  includedBy?: string;
}

let memo: string | undefined;
/** impacted's probe code (this folder and every runner's probe files) and node's version: a new one asks again. */
function probeFingerprint(): string {
  if (memo) return memo;
  const runners = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
  const hash = createHash('sha1').update(process.version);
  for (const dir of readdirSync(runners, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort()) {
    for (const name of readdirSync(path.join(runners, dir)).sort()) {
      if (/\.(?:[jt]s|mjs)$/.test(name) && !name.endsWith('.d.ts')) hash.update(`${dir}/${name}\0`).update(readFileSync(path.join(runners, dir, name)));
    }
  }
  return (memo = hash.digest('hex'));
}

function fileOf(entry: ProbeEntry): string {
  return entry.owner ?? entry.configFile;
}

/** Whether `file` is in directory `dir` or below it. */
function isInside(dir: string, file: string): boolean {
  return dir === '' || file.startsWith(`${dir}/`);
}

/** The config an answered entry includes (names as one of its projects' config), if it is `entry`'s. */
function includer(entry: ProbeEntry, outer: readonly ProbedEntry[], readStatically: (entry: ProbedEntry) => readonly RunnerProject[] | undefined): string | undefined {
  const file = fileOf(entry);
  const projectsOf = (other: ProbedEntry) => (other.outcome.ok ? other.outcome.projects : other.includedBy === undefined ? readStatically(other) : undefined);
  const found = outer.find((other) => fileOf(other) !== file && projectsOf(other)?.some((project) => project.configFile === file));
  return found && fileOf(found);
}

/** Runs tasks `slots` at a time, in the order they ask. */
function limiter(slots: number): <T>(task: () => Promise<T>) => Promise<T> {
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (slots > 0) slots--;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else slots++;
    }
  };
}

/** Runner processes started at once by default: two, as on a 2-core CI runner; the probes are mostly process start-up. */
export const defaultProbeConcurrency = 2;

/**
 * Probes every entry whose runner can be asked, `concurrency` runners at a time; never throws. An entry waits for the
 * entries of its runner in its directory and above (shallowest first), and is not asked when one of their answers
 * includes it (`includedBy`: a root config whose projects are the packages' configs answers for them all).
 */
export async function probeProjects(options: ProbeProjectsOptions): Promise<ProbedEntry[]> {
  const cache = options.cacheDir === undefined ? undefined : openProbeCache(options.cacheDir);
  let dependencies: string | undefined;
  const slot = limiter(options.concurrency ?? defaultProbeConcurrency);
  // The configs of one installed runner asked at the same moment share one process (one slot) where its probe can.
  type Waiting = { request: ProbeRequest; settle: (outcome: Promise<ProbeOutcome>) => void };
  const batches = new Map<string, { runner: AskableRunner; waiting: Waiting[] }>();
  const run = (runner: AskableRunner, batch: readonly Waiting[]) => {
    const { probe } = runner;
    const many = batch.length > 1 ? probe.probeMany : undefined;
    if (!many) {
      for (const { request, settle } of batch) settle(slot(() => probe.probe(request)));
      return;
    }
    const outcomes = slot(() => many(batch.map(({ request }) => request)));
    batch.forEach(({ settle }, i) => settle(outcomes.then((all) => all[i]!)));
  };
  /** Starts the batch of `key`, if it has not started yet. */
  const flush = (key: string) => {
    const batch = batches.get(key);
    if (!batch) return;
    batches.delete(key);
    try {
      run(batch.runner, batch.waiting);
    } catch (error) {
      batch.waiting.forEach(({ settle }) => settle(Promise.reject(error)));
    }
  };
  const askRunner = (runner: AskableRunner, key: string, request: ProbeRequest) =>
    new Promise<ProbeOutcome>((resolve, reject) => {
      let batch = batches.get(key);
      if (!batch) {
        batch = { runner, waiting: [] };
        batches.set(key, batch);
        // Once this turn's promise callbacks have run, every config whose turn came at this moment has joined (not
        // the event loop's next turn: while the graph extracts imports, that comes only when it yields).
        process.nextTick(() => flush(key));
      }
      batch.waiting.push({ request, settle: (outcome) => outcome.then(resolve, reject) });
    });
  const ask = async (entry: ProbeEntry): Promise<ProbedEntry> => {
    const runner = runnerProbes[entry.runner];
    const request = { root: options.root, configFile: entry.configFile, cwd: entry.cwd, timeoutMs: options.timeoutMs };
    if (!runner) return { ...entry, outcome: { ok: false, reason: `${entry.runner} has no probe` }, cached: false, started: false };
    // The installed version is read from its package.json: part of the key, and no process is needed for it.
    const installed = resolveRunnerPackage(runner.packageName, probeCwd(request), options.root);
    if (!installed) return { ...entry, outcome: { ok: false, reason: `${runner.packageName} is not installed` }, cached: false, started: false };
    if (dependencies === undefined) {
      const computed = dependencyHash(options.root, options.files, cache?.imports);
      cache?.storeImports(computed.memo);
      dependencies = computed.hash;
    }
    const key = probeKey(dependencies, probeFingerprint(), [entry.runner, installed.dir, installed.version, entry.configFile, entry.cwd ?? '']);
    const hit = cache?.lookup(key);
    if (hit) {
      const outcome: ProbeOutcome = 'reason' in hit ? { ok: false, reason: hit.reason } : { ok: true, version: hit.version, projects: hit.projects };
      return { ...entry, outcome, cached: true, started: false };
    }
    const outcome = await askRunner(runner, `${entry.runner}\0${installed.dir}`, request);
    // A deadline may pass only because the machine was busy: that one is asked again next time.
    if (outcome.ok) cache?.store(key, { version: outcome.version, projects: outcome.projects });
    else if (!/did not finish within/.test(outcome.reason)) cache?.store(key, { version: installed.version, reason: outcome.reason });
    return { ...entry, outcome, cached: false, started: true };
  };
  // A config the runner could not answer for is read statically (once) when a config below it asks what it includes.
  const statically = new Map<ProbeEntry, readonly RunnerProject[] | undefined>();
  const readStatically = (entry: ProbeEntry) => {
    if (!statically.has(entry)) statically.set(entry, options.readStatically?.(entry));
    return statically.get(entry);
  };
  const depth = (entry: ProbeEntry) => fileOf(entry).split('/').length;
  const order = options.entries.map((entry, index) => ({ entry, index })).sort((a, b) => depth(a.entry) - depth(b.entry) || a.index - b.index);
  const results: Promise<ProbedEntry>[] = [];
  const started: { entry: ProbeEntry; result: Promise<ProbedEntry> }[] = [];
  for (const { entry, index } of order) {
    const outer = started.filter((other) => other.entry.runner === entry.runner && isInside(dirOf(fileOf(other.entry)), fileOf(entry))).map((other) => other.result);
    // An entry that waits for none is asked now, in this call: its runner starts before the caller goes on (the graph's
    // extraction, whose first stretch would otherwise run before any promise callback of this call).
    const result =
      outer.length === 0
        ? ask(entry)
        : Promise.all(outer).then(async (answers): Promise<ProbedEntry> => {
            const includedBy = includer(entry, answers, readStatically);
            return includedBy === undefined ? ask(entry) : { ...entry, outcome: { ok: false, reason: `included by ${includedBy}` }, cached: false, started: false, includedBy };
          });
    started.push({ entry, result });
    results[index] = result;
  }
  // Those asked now, in batches of one installed runner each (the configs asked at one moment), start now.
  for (const key of batches.keys()) flush(key);
  let probed = await Promise.all(results);
  for (let again = options.askAfterAll?.(probed) ?? []; again.length > 0; again = options.askAfterAll?.(probed) ?? []) {
    const asked = await Promise.all(again.map(({ outcome: _outcome, cached: _cached, started: _started, includedBy: _includedBy, ...entry }) => ask(entry)));
    probed = probed.map((entry) => asked[again.indexOf(entry)] ?? entry);
  }
  // A runner process kept for more configs (jest's) has nothing more to answer.
  closeProbeServers();
  cache?.save();
  return probed;
}
