import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { projectRoot } from './helpers/repo.js';
import { readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(`${projectRoot}/package.json`, 'utf8')) as { version: string };

describe('impacted CLI basics', () => {
  it('prints its version', () => {
    const result = runCli(['--version'], { cwd: projectRoot });
    expect(result).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it('prints help listing the commands', () => {
    const result = runCli(['--help'], { cwd: projectRoot });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: impacted');
  });

  it('rejects an unknown option with exit 2', () => {
    const result = runCli(['--bogus'], { cwd: projectRoot });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown option '--bogus'");
  });

  it('rejects an unknown command with exit 2', () => {
    const result = runCli(['frobnicate'], { cwd: projectRoot });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown command 'frobnicate'|too many arguments/);
  });
});
