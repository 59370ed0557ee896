// Test helper: runs the real built CLI (bin/impacted.js) as a child process.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
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
