// Symlinks, FIFOs and devices where source files or the cache should be, through the real CLI: links inside the
// repository are followed, nothing outside it is read, and nothing but regular files is read (no hang, no gigabytes).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cacheFileName } from '../../src/graph/graph-cache.js';
import { appTest, badRepo, cli, listJson, mathTest, selected } from './bad-repo.js';

const outside = mkdtempSync(path.join(tmpdir(), 'impacted-outside-'));
afterAll(() => rmSync(outside, { recursive: true, force: true }));

const mkfifo = (file: string): void => {
  execFileSync('mkfifo', [file]);
};

/** The app imports core's math only through a link in its own folder. */
function linkedRepo(link: string, target: string, specifier: string) {
  const repo = badRepo();
  symlinkSync(target, path.join(repo.dir, link));
  repo.write('packages/app/src/app.ts', `import { add } from '${specifier}';\n\nexport const total = (items: number[]): number => items.reduce(add, 0);\n`);
  repo.commit('the app imports math through a symlink');
  repo.git('checkout', '-q', '-b', 'feature');
  repo.write('packages/core/src/math.ts', 'export const add = (a: number, b: number): number => b + a;\n');
  repo.commit('math');
  return repo;
}

describe('tracked symlinks inside the repository are followed to their target', () => {
  it('a link to a file: a change to the target selects the tests that import the link', () => {
    const repo = linkedRepo('packages/app/src/math.ts', '../../core/src/math.ts', './math.js');
    const selection = listJson(repo, '--base', 'main');
    expect(selected(selection)).toEqual([appTest, mathTest]);
    expect(selection.tests[0]?.reasons).toEqual([
      { changed: 'packages/core/src/math.ts', via: ['packages/app/src/math.ts', 'packages/app/src/app.ts'] },
    ]);
    // The same through --head, where the link is read from git objects.
    repo.git('checkout', '-q', 'main');
    expect(selected(listJson(repo, '--base', 'main', '--head', 'feature'))).toEqual([appTest, mathTest]);
  });

  it('a link to a directory: imports of files under it resolve to the files it leads to', () => {
    const repo = linkedRepo('packages/app/src/core', '../../core/src', './core/math.js');
    expect(listJson(repo, '--base', 'main').tests[0]?.reasons).toEqual([
      { changed: 'packages/core/src/math.ts', via: ['packages/app/src/core/math.ts', 'packages/app/src/app.ts'] },
    ]);
    const graph = cli(['graph'], { cwd: repo.dir });
    expect(graph.stdout).not.toContain('./core/math.js');
  });
});

describe('nothing outside the repository and nothing but regular files is read', () => {
  it('an untracked link to a file outside: not read, its imports never printed; a FIFO and /dev/zero behind links: no hang', () => {
    writeFileSync(path.join(outside, 'secret.ts'), "import 'SECRET-SPECIFIER';\n");
    mkfifo(path.join(outside, 'pipe.ts'));
    const repo = badRepo({ feature: true });
    symlinkSync(path.join(outside, 'secret.ts'), path.join(repo.dir, 'packages/app/src/secret.ts'));
    symlinkSync(path.join(outside, 'pipe.ts'), path.join(repo.dir, 'packages/app/src/pipe.ts'));
    symlinkSync('/dev/zero', path.join(repo.dir, 'packages/app/src/zero.ts'));

    const graph = cli(['graph', '--json'], { cwd: repo.dir, timeout: 20_000 });
    expect(graph.code).toBe(0);
    expect(graph.stdout).not.toContain('SECRET');
    const problems = (JSON.parse(graph.stdout) as { problems: { file: string; message: string }[] }).problems;
    expect(problems).toEqual([
      { file: 'packages/app/src/pipe.ts', kind: 'unreadable', message: `a symbolic link to ${path.join(outside, 'pipe.ts')}, outside the repository: not followed` },
      { file: 'packages/app/src/secret.ts', kind: 'unreadable', message: `a symbolic link to ${path.join(outside, 'secret.ts')}, outside the repository: not followed` },
      { file: 'packages/app/src/zero.ts', kind: 'unreadable', message: 'a symbolic link to /dev/zero, outside the repository: not followed' },
    ]);
    const list = cli(['list', '--json', '--base', 'main'], { cwd: repo.dir, timeout: 20_000 });
    expect(list.code).toBe(0);
    // Nothing imports them, so nothing is affected by them.
    expect(JSON.parse(list.stdout)).toMatchObject({ mode: 'affected', tests: [] });
  });

  it('a FIFO where a tracked source file was: no hang; the file is unreadable and its package widens', () => {
    const repo = badRepo({ feature: true });
    repo.remove('packages/core/src/math.ts');
    mkfifo(path.join(repo.dir, 'packages/core/src/math.ts'));
    const result = cli(['list', '--json', '--base', 'main'], { cwd: repo.dir, timeout: 20_000 });
    expect(result.code).toBe(0);
    const graph = cli(['graph', '--json'], { cwd: repo.dir, timeout: 20_000 });
    expect((JSON.parse(graph.stdout) as { problems: { file: string; message: string }[] }).problems).toEqual([
      { file: 'packages/core/src/math.ts', kind: 'unreadable', message: `cannot read: ${path.join(repo.dir, 'packages/core/src/math.ts')} is not a regular file (a directory, FIFO, socket or device): not read` },
    ]);
    expect(selected(JSON.parse(result.stdout))).toEqual([appTest, mathTest]);
  });

  it('a FIFO or a link to /dev/zero in place of the cache file: no hang, the cache is rebuilt elsewhere', () => {
    const repo = badRepo({ feature: true });
    repo.write('packages/core/src/math.ts', 'export const add = (a: number, b: number): number => b + a;\n');
    const fifoDir = path.join(outside, 'fifo-cache');
    mkdirSync(fifoDir);
    mkfifo(path.join(fifoDir, cacheFileName));
    const zeroDir = path.join(outside, 'zero-cache');
    mkdirSync(zeroDir);
    symlinkSync('/dev/zero', path.join(zeroDir, cacheFileName));
    for (const dir of [fifoDir, zeroDir]) {
      const result = cli(['list', '--json', '--base', 'main', '--cache-dir', dir], { cwd: repo.dir, timeout: 20_000 });
      expect(result.code).toBe(0);
      expect(selected(JSON.parse(result.stdout))).toEqual([appTest, mathTest]);
    }
  });
});
