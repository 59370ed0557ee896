// Runs one test file alone through its runner with NODE_V8_COVERAGE set, and returns every script its processes loaded.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RunnerSpec } from '../config/schema.js';
import { runTests } from '../run/run-tests.js';
import type { WorkspacePackage } from '../types.js';
import { lineageVariable, readCoverage, type Coverage } from './read-coverage.js';

/**
 * Records, beside the coverage, which Node processes started this one (an environment variable passes the chain down
 * through shells and wrappers), so that the audit can tell the runner's own processes from the ones a test started.
 */
const recordLineage = `if (require('node:worker_threads').isMainThread && process.env.NODE_V8_COVERAGE) {
  const ancestors = (process.env.${lineageVariable} || '').split(',').filter(Boolean).map(Number);
  process.env.${lineageVariable} = [...ancestors, process.pid].join(',');
  try {
    const file = require('node:path').join(process.env.NODE_V8_COVERAGE, 'process-' + process.pid + '.json');
    require('node:fs').writeFileSync(file, JSON.stringify({ pid: process.pid, ancestors }));
  } catch {}
}`;

/**
 * Preloaded into every Node process of the run. Node writes coverage only on a normal exit, and runners stop their
 * workers with SIGTERM (vitest's forks pool, jest-worker): write it on SIGTERM too, then let the signal do what it
 * would have done. Vitest kills a fork 500 ms after SIGTERM, which a busy machine can miss, so its forks also write
 * when asked to stop. That listener joins vitest's own: one added earlier would read the IPC channel before vitest
 * listens and lose its first message.
 */
const flushCoverage = `'use strict';
const v8 = require('node:v8');
${recordLineage}
function take() {
  try { v8.takeCoverage(); } catch {}
}
function flush() {
  take();
  process.off('SIGTERM', flush);
  if (process.listenerCount('SIGTERM') === 0) process.kill(process.pid, 'SIGTERM');
}
process.on('SIGTERM', flush);
if (/[\\\\/]vitest[\\\\/]dist[\\\\/]workers[\\\\/]forks\\.js$/.test(process.argv[1] || '')) {
  process.on('newListener', function join(event) {
    if (event !== 'message') return;
    process.off('newListener', join);
    process.on('message', (message) => {
      if (message && message.type === 'stop' && message.__vitest_worker_request__) take();
    });
  });
}
`;

const maxOutput = 64 * 1024;

export interface CoverageRunOptions {
  root: string;
  /** Repository-relative test file. */
  test: string;
  packages: WorkspacePackage[];
  runner?: RunnerSpec;
  /** A directory of this audit's own, where each run gets a subdirectory. */
  workDir: string;
  env?: Record<string, string | undefined>;
  signal?: AbortSignal;
}

export interface CoverageRun {
  exitCode: number;
  error?: string;
  coverage: Coverage;
  /** The runner's output, its tail when long. */
  output: string;
}

/** Writes the preload script once per audit; returns its path. */
export async function writeCoveragePreload(workDir: string): Promise<string> {
  const file = path.join(workDir, 'flush-coverage.cjs');
  await writeFile(file, flushCoverage);
  return file;
}

function quoteNodeOption(value: string): string {
  return /[\s"\\]/.test(value) ? `"${value.replace(/["\\]/g, '\\$&')}"` : value;
}

export async function runWithCoverage(options: CoverageRunOptions, preload: string): Promise<CoverageRun> {
  const coverageDir = await mkdtemp(path.join(options.workDir, 'run-'));
  const inherited = options.env?.NODE_OPTIONS ?? process.env.NODE_OPTIONS ?? '';
  // --enable-source-maps makes Node keep the maps of transformed or compiled code in the coverage files.
  const nodeOptions = [inherited, `--require ${quoteNodeOption(preload)}`, '--enable-source-maps'].filter(Boolean).join(' ');
  let output = '';
  try {
    const result = await runTests({
      root: options.root,
      mode: 'affected',
      tests: [options.test],
      packages: options.packages,
      runner: options.runner,
      stdio: 'pipe',
      signal: options.signal,
      env: { ...options.env, NODE_V8_COVERAGE: coverageDir, NODE_OPTIONS: nodeOptions },
      onEvent: (event) => {
        if (event.type !== 'output') return;
        output += event.text;
        if (output.length > 2 * maxOutput) output = output.slice(-maxOutput);
      },
    });
    const error = result.groups.find((group) => group.error)?.error;
    const coverage = await readCoverage(coverageDir);
    return { exitCode: result.exitCode, ...(error ? { error } : {}), coverage, output: output.slice(-maxOutput) };
  } finally {
    await rm(coverageDir, { recursive: true, force: true });
  }
}
