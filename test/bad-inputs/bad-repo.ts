// Test helper for bad-input scenarios: the bad-inputs fixture in a temp git repo, and the CLI run with a bounded time.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { Selection } from '../../src/types.js';
import { createRepo, projectRoot, type TempRepo } from '../helpers/repo.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export const appTest = 'packages/app/test/app.test.ts';
export const iconTest = 'packages/core/test/icon.test.ts';
export const mathTest = 'packages/core/test/math.test.ts';
export const allTests = [appTest, iconTest, mathTest];

// No CI variable of the machine running these tests may steer base or default-branch detection.
const quietCi = Object.fromEntries(
  [
    'CI',
    'GITHUB_ACTIONS',
    'GITHUB_BASE_REF',
    'GITHUB_REF_NAME',
    'GITHUB_EVENT_NAME',
    'GITHUB_STEP_SUMMARY',
    'GITHUB_OUTPUT',
    'CI_COMMIT_REF_NAME',
    'CI_COMMIT_BRANCH',
    'CI_DEFAULT_BRANCH',
    'CI_MERGE_REQUEST_TARGET_BRANCH_NAME',
    'CI_MERGE_REQUEST_DIFF_BASE_SHA',
    'BITBUCKET_BRANCH',
    'BITBUCKET_PR_DESTINATION_BRANCH',
    'BUILDKITE_BRANCH',
    'BUILDKITE_PULL_REQUEST',
    'BUILDKITE_PULL_REQUEST_BASE_BRANCH',
    'IMPACTED_BASE',
  ].map((name) => [name, '']),
);

/**
 * Spawns bin/impacted.js. A hang (a symlink loop followed forever) must fail the test, and spawnSync blocks the
 * worker so vitest's own timeout cannot fire: the child is killed after `timeout` ms and the code is then -1.
 */
export function cli(args: string[], options: { cwd: string; env?: Record<string, string>; timeout?: number }): CliResult {
  const result = spawnSync(process.execPath, [path.join(projectRoot, 'bin/impacted.js'), ...args], {
    cwd: options.cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...quietCi, ...options.env },
    timeout: options.timeout ?? 30_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** `impacted list --json`, which must succeed. */
export function listJson(repo: TempRepo, ...args: string[]): Selection {
  const result = cli(['list', '--json', ...args], { cwd: repo.dir });
  expect(result.stderr).toMatch(/^impacted: /);
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as Selection;
}

export const selected = (selection: Selection): string[] => selection.tests.map((test) => test.path);

/** The bad-inputs fixture on `main`, committed; `feature` checks out a new branch first. */
export function badRepo(options: { feature?: boolean } = {}): TempRepo {
  const repo = createRepo('bad-inputs');
  if (options.feature) repo.git('checkout', '-q', '-b', 'feature');
  return repo;
}

/** Configures `node record.mjs {files}` as the runner (committed on the current branch) and reads what it recorded. */
export function withRecorder(repo: TempRepo, runner: { command?: string; shell?: boolean } = {}): { env: Record<string, string>; runs: () => string[][] } {
  const file = path.join(repo.dir, 'runs.jsonl');
  repo.write('impacted.config.json', JSON.stringify({ runner: { command: runner.command ?? 'node record.mjs {files}', ...(runner.shell ? { shell: true } : {}) } }));
  repo.commit('record the runner arguments');
  return {
    env: { RECORD_FILE: file },
    runs: () =>
      existsSync(file)
        ? readFileSync(file, 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((line) => JSON.parse(line) as string[])
        : [],
  };
}
