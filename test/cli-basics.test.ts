import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { projectRoot } from './helpers/repo.js';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const { version } = JSON.parse(readFileSync(`${projectRoot}/package.json`, 'utf8')) as { version: string };

describe('impacted CLI basics', () => {
  it('prints its version', () => {
    const result = runCli(['--version'], { cwd: projectRoot });
    expect(result).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it('runs a bundle built after the tsc output it is made of (npm run build does both; tsc alone leaves it stale)', () => {
    const dist = path.join(projectRoot, 'dist');
    const built = readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((file) => /\.m?js$/.test(file) && !file.startsWith(`bundle${path.sep}`));
    const newest = Math.max(...built.map((file) => statSync(path.join(dist, file)).mtimeMs));
    expect(readFileSync(path.join(projectRoot, 'bin/impacted.js'), 'utf8')).toContain("import('../dist/bundle/cli.js')");
    expect(statSync(path.join(dist, 'bundle/cli.js')).mtimeMs, 'dist/bundle is older than dist/: run npm run build').toBeGreaterThanOrEqual(newest);
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
