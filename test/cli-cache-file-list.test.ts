// A warm run after files are added, deleted or renamed selects exactly what a cold run selects: the cached resolutions
// an added or gone path could change are redone, unchanged importers included (fixtures/cache-file-list).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { createRepo, type TempRepo } from './helpers/repo.js';

interface Listed {
  tests: { path: string; reasons: unknown[] }[];
}

function list(repo: TempRepo, cache: string[]): Listed {
  const result = runCli(['list', '--json', '--base', 'main', ...cache], { cwd: repo.dir });
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Listed;
}

/** The fixture on a feature branch, with `before` applied, and a cache filled by a run there. */
function primed(before: (repo: TempRepo) => void = () => {}): { repo: TempRepo; warm: () => Listed } {
  const repo = createRepo('cache-file-list');
  repo.git('checkout', '-q', '-b', 'feature');
  before(repo);
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'impacted-cache-'));
  list(repo, ['--cache-dir', cacheDir]);
  return { repo, warm: () => list(repo, ['--cache-dir', cacheDir]) };
}

/** The warm run's tests and reasons equal a cold run's; the selected paths, for the test to name. */
function warmEqualsCold(repo: TempRepo, warm: () => Listed): string[] {
  const cached = warm();
  const cold = list(repo, ['--no-cache']);
  expect(cached.tests).toEqual(cold.tests);
  return cold.tests.map((test) => test.path);
}

describe('warm runs after the file list changes', () => {
  it('a new file shadows what an unchanged import resolved to: foo.ts before foo/index.ts, .ts before .tsx', () => {
    const { repo, warm } = primed();
    repo.write('packages/lib/src/foo.ts', "export const foo = 'from the file';\n");
    repo.write('packages/lib/src/widget.ts', "export const widget = 'from the ts file';\n");
    expect(warmEqualsCold(repo, warm)).toEqual(['packages/app/test/uses-foo.test.ts', 'packages/app/test/uses-widget.test.ts']);
  });

  it('a new file resolves an import that named no file: under a tsconfig paths target, and beside the importer', () => {
    const { repo, warm } = primed();
    repo.write('packages/lib/src/extra.ts', 'export const extra = 1;\n');
    expect(warmEqualsCold(repo, warm)).toEqual(['packages/app/test/uses-extra.test.ts']);
    repo.write('packages/lib/src/names.ts', "export const names = ['new'];\n");
    expect(warmEqualsCold(repo, warm)).toEqual(['packages/app/test/uses-extra.test.ts', 'packages/app/test/uses-names.test.ts']);
  });

  it('a deleted target: the import falls back to the next candidate, or resolves to nothing and widens', () => {
    // Added on the branch and cached there, then deleted: once gone, neither file is in the diff from main.
    const { repo, warm } = primed((branch) => {
      branch.write('packages/lib/src/foo.ts', "export const foo = 'from the file';\n");
      branch.write('packages/lib/src/names.ts', "export const names = ['new'];\n");
      branch.commit('shadow foo, add names');
    });
    repo.remove('packages/lib/src/foo.ts');
    repo.write('packages/lib/src/foo/index.ts', "export const foo = 'from the directory, edited';\n");
    expect(warmEqualsCold(repo, warm)).toEqual(['packages/app/test/uses-foo.test.ts', 'packages/app/test/uses-names.test.ts', 'packages/lib/test/foo.test.ts']);
    // uses-names.ts now imports nothing that exists: a change in its package selects the tests that reach it.
    repo.remove('packages/lib/src/names.ts');
    repo.write('packages/app/src/uses-widget.ts', `${repo.read('packages/app/src/uses-widget.ts')}export const again = 1;\n`);
    expect(warmEqualsCold(repo, warm)).toEqual([
      'packages/app/test/uses-foo.test.ts',
      'packages/app/test/uses-names.test.ts',
      'packages/app/test/uses-widget.test.ts',
      'packages/lib/test/foo.test.ts',
    ]);
  });

  it('a rename: the new path resolves an unchanged import, the old one stays for the tests that reached it', () => {
    const { repo, warm } = primed();
    repo.git('mv', 'packages/lib/src/old-names.ts', 'packages/lib/src/names.ts');
    expect(warmEqualsCold(repo, warm)).toEqual(['packages/app/test/uses-names.test.ts', 'packages/lib/test/old-names.test.ts']);
    repo.commit('rename names');
    expect(warmEqualsCold(repo, warm)).toEqual(['packages/app/test/uses-names.test.ts', 'packages/lib/test/old-names.test.ts']);
  });
});
