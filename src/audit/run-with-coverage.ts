// Runs one test file alone through its runner with NODE_V8_COVERAGE set, and returns every script its processes loaded.
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunnerSpec } from '../config/schema.js';
import { runTests } from '../run/run-tests.js';
import type { WorkspacePackage } from '../types.js';
import { readCoverage, type Coverage } from './read-coverage.js';

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

/** The preload every Node process of the run gets (shipped in the package, for users' own recorded CI runs too). */
export const coveragePreload = fileURLToPath(new URL('../../preload/coverage.cjs', import.meta.url));

function quoteNodeOption(value: string): string {
  return /[\s"\\]/.test(value) ? `"${value.replace(/["\\]/g, '\\$&')}"` : value;
}

export async function runWithCoverage(options: CoverageRunOptions): Promise<CoverageRun> {
  const coverageDir = await mkdtemp(path.join(options.workDir, 'run-'));
  const inherited = options.env?.NODE_OPTIONS ?? process.env.NODE_OPTIONS ?? '';
  // --enable-source-maps makes Node keep the maps of transformed or compiled code in the coverage files.
  const nodeOptions = [inherited, `--require ${quoteNodeOption(coveragePreload)}`, '--enable-source-maps'].filter(Boolean).join(' ');
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
