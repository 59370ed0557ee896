// Asks each runner config's installed runner for its projects, once per change of what it depends on: answers (and
// failures) are cached by probe key, so a warm run starts no runner process.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunnerName } from '../../config/schema.js';
import type { ScannedFile } from '../../graph/scan-files.js';
import { openProbeCache } from './probe-cache.js';
import { probeCwd } from './probe-cwd.js';
import { dependencyHash, probeKey } from './probe-key.js';
import type { ProbeOutcome, RunnerProbe } from './probe-types.js';
import { resolveRunnerPackage } from './resolve-runner-package.js';

/** A runner that can be asked: the package whose installed version keys the cache, and its probe, loaded when asked. */
export interface AskableRunner {
  packageName: string;
  load: () => Promise<RunnerProbe>;
}

/** The probes (with their output schemas, and zod) load only when a runner is really asked: a warm run loads none. */
export const runnerProbes: Partial<Record<RunnerName, AskableRunner>> = {
  vitest: { packageName: 'vitest', load: async () => (await import('../vitest/probe.js')).vitestProbe },
  jest: { packageName: 'jest', load: async () => (await import('../jest/probe.js')).jestProbe },
  mocha: { packageName: 'mocha', load: async () => (await import('../mocha/probe.js')).mochaProbe },
  playwright: { packageName: '@playwright/test', load: async () => (await import('../playwright/probe.js')).playwrightProbe },
};

export interface ProbeEntry {
  runner: RunnerName;
  /** Repository-relative config file; `''` for a package whose runner runs with its defaults. */
  configFile: string;
  /** Repository-relative directory the runner runs in (default: the config's directory). */
  cwd?: string;
  /** The repository file this entry stands for when `configFile` is `''` (a vitest workspace file vitest finds itself). */
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
}

export interface ProbedEntry extends ProbeEntry {
  outcome: ProbeOutcome;
  /** The answer came from the cache: no runner was started for it. */
  cached: boolean;
  /** A runner process was started for it (not for a runner that is not installed). */
  started: boolean;
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

/** Probes every entry whose runner can be asked, in order; never throws. */
export async function probeProjects(options: ProbeProjectsOptions): Promise<ProbedEntry[]> {
  const cache = options.cacheDir === undefined ? undefined : openProbeCache(options.cacheDir);
  let dependencies: string | undefined;
  const probed: ProbedEntry[] = [];
  for (const entry of options.entries) {
    const runner = runnerProbes[entry.runner];
    const request = { root: options.root, configFile: entry.configFile, cwd: entry.cwd, timeoutMs: options.timeoutMs };
    if (!runner) {
      probed.push({ ...entry, outcome: { ok: false, reason: `${entry.runner} has no probe` }, cached: false, started: false });
      continue;
    }
    // The installed version is read from its package.json: part of the key, and no process is needed for it.
    const installed = resolveRunnerPackage(runner.packageName, probeCwd(request), options.root);
    if (!installed) {
      probed.push({ ...entry, outcome: { ok: false, reason: `${runner.packageName} is not installed` }, cached: false, started: false });
      continue;
    }
    dependencies ??= dependencyHash(options.root, options.files);
    const key = probeKey(dependencies, probeFingerprint(), [entry.runner, installed.dir, installed.version, entry.configFile, entry.cwd ?? '']);
    const hit = cache?.lookup(key);
    if (hit) {
      const outcome: ProbeOutcome = 'reason' in hit ? { ok: false, reason: hit.reason } : { ok: true, version: hit.version, projects: hit.projects };
      probed.push({ ...entry, outcome, cached: true, started: false });
      continue;
    }
    const outcome = await (await runner.load()).probe(request);
    // A deadline may pass only because the machine was busy: that one is asked again next time.
    if (outcome.ok) cache?.store(key, { version: outcome.version, projects: outcome.projects });
    else if (!/did not finish within/.test(outcome.reason)) cache?.store(key, { version: installed.version, reason: outcome.reason });
    probed.push({ ...entry, outcome, cached: false, started: true });
  }
  cache?.save();
  return probed;
}
