// --cache-dir and --no-cache on the CLI: the cache lands where asked, or nowhere, and never changes the answer.
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheFileName } from '../src/graph/graph-cache.js';
import { runCli } from './helpers/cli.js';
import { createRepo } from './helpers/repo.js';

describe('graph cache flags', () => {
  const repo = createRepo('select-monorepo');
  repo.git('checkout', '-q', '-b', 'feature');
  repo.write('packages/money/src/tax.ts', `${repo.read('packages/money/src/tax.ts')}export const zero = 0;\n`);

  it('--no-cache writes no cache; --cache-dir writes it there; all three give the same selection', () => {
    const cold = runCli(['list', '--json', '--base', 'main', '--no-cache'], { cwd: repo.dir });
    expect(existsSync(path.join(repo.dir, 'node_modules/.cache/impacted'))).toBe(false);
    const cacheDir = path.join(mkdtempSync(path.join(tmpdir(), 'impacted-cache-')), 'here');
    const first = runCli(['list', '--json', '--base', 'main', '--cache-dir', cacheDir], { cwd: repo.dir });
    expect(readdirSync(cacheDir)).toContain(cacheFileName);
    const warm = runCli(['list', '--json', '--base', 'main', '--cache-dir', cacheDir], { cwd: repo.dir });
    const tests = (stdout: string) => (JSON.parse(stdout) as { tests: unknown[] }).tests;
    expect(tests(first.stdout)).toEqual(tests(cold.stdout));
    expect(tests(warm.stdout)).toEqual(tests(cold.stdout));
    expect(tests(cold.stdout)).toHaveLength(3);
  });
});
