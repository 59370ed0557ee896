// Test helper: runs the real built CLI (bin/impacted.js) as a child process.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from './repo.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], options: { cwd: string; env?: Record<string, string | undefined> }): CliResult {
  const result = spawnSync(process.execPath, [path.join(projectRoot, 'bin/impacted.js'), ...args], {
    cwd: options.cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', CI: '', GITHUB_ACTIONS: '', GITHUB_BASE_REF: '', ...options.env },
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Runs the CLI and notes every module it loads (ES modules by URL, `require`d ones by path). */
export function runCliLoading(args: string[], options: { cwd: string }): CliResult & { modules: string[] } {
  const dir = mkdtempSync(path.join(tmpdir(), 'impacted-modules-'));
  const log = path.join(dir, 'loaded.txt');
  const result = runCli(args, { cwd: options.cwd, env: { IMPACTED_MODULE_LOG: log, NODE_OPTIONS: `--import ${pathToFileURL(path.join(projectRoot, 'test/helpers/module-log.mjs')).href}` } });
  let modules: string[] = [];
  try {
    modules = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  } catch {
    // The process did not get as far as loading anything.
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { ...result, modules };
}
