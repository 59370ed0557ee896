// A runner that is not installed: a dry run still plans it, and the message names the repository's package manager.
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { createRepo } from '../helpers/repo.js';

function pnpmRepo(devDependencies: Record<string, string>) {
  const repo = createRepo();
  repo.write('package.json', JSON.stringify({ name: 'shop', private: true, packageManager: 'pnpm@9.12.0', devDependencies }));
  repo.write('pnpm-lock.yaml', "lockfileVersion: '9.0'\n");
  repo.write('vitest.config.ts', 'export default {};\n');
  repo.write('src/sum.ts', 'export const sum = (a: number, b: number) => a + b;\n');
  repo.write('test/sum.test.ts', "import { sum } from '../src/sum';\nsum(1, 2);\n");
  repo.commit('a pnpm repository without node_modules');
  return repo;
}

describe('a runner that is not installed', () => {
  it('--dry-run prints the command anyway', () => {
    const repo = pnpmRepo({ vitest: '^4.0.0' });
    const result = runCli(['run', '--all', '--dry-run', '--quiet'], { cwd: repo.dir });
    expect(result).toMatchObject({ code: 0, stdout: '(cd . && vitest run)\n' });
  });

  it('declared in the root devDependencies: says to run pnpm install', () => {
    const repo = pnpmRepo({ vitest: '^4.0.0' });
    const result = runCli(['run', '--all', '--quiet'], { cwd: repo.dir });
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: 'impacted: vitest is not installed in the repository root: run pnpm install, or set "runner" in impacted.config.json.\n',
    });
  });

  it('not declared: says to add it with pnpm', () => {
    const repo = pnpmRepo({});
    repo.write('package.json', JSON.stringify({ name: 'shop', private: true, scripts: { test: 'vitest run' } }));
    repo.commit('no packageManager field: the lockfile tells');
    const result = runCli(['run', '--all', '--quiet'], { cwd: repo.dir });
    expect(result.stderr).toBe('impacted: vitest is not installed in the repository root: run pnpm add -D vitest, or set "runner" in impacted.config.json.\n');
    expect(result.code).toBe(2);
  });
});
