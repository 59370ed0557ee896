// The work-tree reader: regular files inside the root only, whatever directories lie on the way to them.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { worktreeFiles } from '../../src/files/repo-files.js';

const base = mkdtempSync(path.join(tmpdir(), 'impacted-repo-files-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

const root = path.join(base, 'repo');
const outside = path.join(base, 'outside');
for (const dir of ['src/deep/er', 'real/sub']) mkdirSync(path.join(root, dir), { recursive: true });
mkdirSync(path.join(outside, 'sub'), { recursive: true });
for (const file of ['src/deep/er/a.ts', 'real/sub/b.ts', 'top.ts']) writeFileSync(path.join(root, file), file);
writeFileSync(path.join(outside, 'sub', 'secret.ts'), 'SECRET');
// A link to a directory inside the repository, one to a directory outside it, and one inside that leads outside.
symlinkSync('../real', path.join(root, 'src', 'inside'));
symlinkSync(outside, path.join(root, 'src', 'away'));
symlinkSync('../../src/away', path.join(root, 'real', 'sub', 'back-out'));

function readOrCode(file: string): string {
  try {
    return worktreeFiles(root).read(file).toString('utf8');
  } catch (error) {
    return (error as { code: string }).code;
  }
}

describe('worktreeFiles().read', () => {
  it('reads regular files at any depth and through links to directories inside the repository', () => {
    const files = worktreeFiles(root);
    expect(files.read('top.ts').toString()).toBe('top.ts');
    expect(files.read('src/deep/er/a.ts').toString()).toBe('src/deep/er/a.ts');
    expect(files.read('src/inside/sub/b.ts').toString()).toBe('real/sub/b.ts');
    expect(files.read('src/deep/../../real/sub/b.ts').toString()).toBe('real/sub/b.ts');
  });

  it('refuses what a directory link leads outside, however deep below it and however the path is written', () => {
    for (const file of ['src/away/sub/secret.ts', 'src/away/sub/../sub/secret.ts', 'real/sub/back-out/sub/secret.ts', 'src/inside/sub/back-out/sub/secret.ts']) {
      expect(readOrCode(file), file).toBe('EOUTSIDE');
    }
    // After a file inside was read through the same directories (the answer per directory is remembered).
    const files = worktreeFiles(root);
    expect(files.read('real/sub/b.ts').toString()).toBe('real/sub/b.ts');
    expect(() => files.read('real/sub/back-out/sub/secret.ts')).toThrow(/outside the repository/);
    expect(files.exists('src/away/sub/secret.ts')).toBe(false);
  });

  it('refuses paths that leave the root, and reports missing files and directories as such', () => {
    expect(readOrCode('../outside/sub/secret.ts')).toBe('EOUTSIDE');
    expect(readOrCode(path.join(outside, 'sub', 'secret.ts'))).toBe('EOUTSIDE');
    expect(readOrCode('src/missing/x.ts')).toBe('ENOENT');
    expect(readOrCode('top.ts/x.ts')).toBe('ENOTDIR');
    expect(readOrCode('src/deep')).toBe('ENOTREG');
  });
});
