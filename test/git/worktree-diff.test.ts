import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { changesIn, repoWith } from './git-fixtures.js';

const body = (name: string): string => `export function ${name}() {\n  return '${name}';\n}\n// padding so renames are detected\n`.repeat(3);

describe('detectChanges: the diff from the merge base', () => {
  it('sees committed, staged, unstaged and untracked changes, but not ignored files', async () => {
    const repo = repoWith({
      '.gitignore': 'dist/\n*.log\n',
      'src/committed.ts': body('committed'),
      'src/staged.ts': body('staged'),
      'src/unstaged.ts': body('unstaged'),
      'src/deleted.ts': body('deleted'),
      'src/old-name.ts': body('renamed'),
      'src/untouched.ts': body('untouched'),
    });
    const mainSha = repo.git('rev-parse', 'HEAD');
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('src/committed.ts', 'changed in a commit\n');
    repo.write('src/added-in-commit.ts', 'new\n');
    repo.commit('feature work');
    repo.write('src/staged.ts', 'staged change\n');
    repo.git('add', 'src/staged.ts');
    repo.write('src/unstaged.ts', 'unstaged change\n');
    repo.remove('src/deleted.ts');
    repo.git('mv', 'src/old-name.ts', 'src/new-name.ts');
    repo.write('src/untracked.ts', 'untracked\n');
    repo.write('dist/out.js', 'ignored\n');
    repo.write('debug.log', 'ignored\n');

    const changes = await changesIn(repo);

    expect(changes).toEqual({
      mode: 'affected',
      baseRef: 'main',
      base: mainSha,
      head: 'worktree',
      changed: [
        { path: 'src/added-in-commit.ts', status: 'added' },
        { path: 'src/committed.ts', status: 'modified' },
        { path: 'src/deleted.ts', status: 'deleted' },
        { path: 'src/new-name.ts', status: 'renamed', from: 'src/old-name.ts' },
        { path: 'src/staged.ts', status: 'modified' },
        { path: 'src/unstaged.ts', status: 'modified' },
        { path: 'src/untracked.ts', status: 'added' },
      ],
      lockfiles: [],
      manifests: [],
    });
  });

  it('diffs from the merge base, not from the tip of the base branch', async () => {
    const repo = repoWith({ 'a.ts': 'a\n', 'b.ts': 'b\n' });
    const forkPoint = repo.git('rev-parse', 'HEAD');
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('a.ts', 'feature\n');
    repo.commit('feature');
    repo.git('checkout', '-q', 'main');
    repo.write('b.ts', 'moved on\n');
    repo.commit('main moves on');
    repo.git('checkout', '-q', 'feature');

    const changes = await changesIn(repo);

    expect(changes.base).toBe(forkPoint);
    expect(changes.changed).toEqual([{ path: 'a.ts', status: 'modified' }]);
  });

  it('compares to a commit with --head, ignoring the work tree', async () => {
    const repo = repoWith({ 'a.ts': 'a\n', 'b.ts': 'b\n' });
    const mainSha = repo.git('rev-parse', 'HEAD');
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('a.ts', 'committed\n');
    const featureSha = repo.commit('feature');
    repo.write('b.ts', 'uncommitted\n');
    repo.write('c.ts', 'untracked\n');

    const changes = await changesIn(repo, { head: 'HEAD' });

    expect(changes).toEqual({
      mode: 'affected',
      baseRef: 'main',
      base: mainSha,
      head: featureSha,
      changed: [{ path: 'a.ts', status: 'modified' }],
      lockfiles: [],
      manifests: [],
    });
  });

  it('compares two refs while another branch is checked out', async () => {
    const repo = repoWith({ 'a.ts': 'a\n' });
    repo.git('checkout', '-q', '-b', 'feature');
    repo.git('mv', 'a.ts', 'b.ts');
    const featureSha = repo.commit('rename');
    repo.git('checkout', '-q', 'main');

    const changes = await changesIn(repo, { base: 'main', head: 'feature' });

    expect(changes.head).toBe(featureSha);
    expect(changes.changed).toEqual([{ path: 'b.ts', status: 'renamed', from: 'a.ts' }]);
  });

  it('gives an empty change set when the base is HEAD and the tree is clean', async () => {
    const repo = repoWith({ 'a.ts': 'a\n' });
    repo.git('checkout', '-q', '-b', 'feature');

    const changes = await changesIn(repo);

    expect(changes).toEqual({
      mode: 'affected',
      baseRef: 'main',
      base: repo.git('rev-parse', 'HEAD'),
      head: 'worktree',
      changed: [],
      lockfiles: [],
      manifests: [],
    });
  });

  it('keeps file names with spaces, unicode, quotes, tabs and newlines intact', async () => {
    const names = ['dir with space/a b.ts', 'ünïcödé/файл.ts', 'quote"s.ts', "it's.ts", 'tab\there.ts', 'new\nline.ts'];
    const repo = repoWith(Object.fromEntries(names.map((name) => [name, body('x')])));
    repo.git('checkout', '-q', '-b', 'feature');
    for (const name of names.slice(0, 3)) repo.write(name, 'changed\n');
    repo.git('mv', "it's.ts", 'renamed "it\'s" ü.ts');
    repo.remove('tab\there.ts');
    repo.write('untracked\nnewline ö.ts', 'new\n');

    const changes = await changesIn(repo);

    expect(changes.changed).toEqual([
      { path: 'dir with space/a b.ts', status: 'modified' },
      { path: 'quote"s.ts', status: 'modified' },
      { path: 'renamed "it\'s" ü.ts', status: 'renamed', from: "it's.ts" },
      { path: 'tab\there.ts', status: 'deleted' },
      { path: 'untracked\nnewline ö.ts', status: 'added' },
      { path: 'ünïcödé/файл.ts', status: 'modified' },
    ]);
  });

  it('reports a case-only rename with both paths', async () => {
    const repo = repoWith({ 'src/Button.ts': body('Button') });
    repo.git('checkout', '-q', '-b', 'feature');
    repo.git('mv', 'src/Button.ts', 'src/button.ts');
    repo.commit('lower-case the file name');

    const changes = await changesIn(repo);

    expect(changes.changed).toEqual([{ path: 'src/button.ts', status: 'renamed', from: 'src/Button.ts' }]);
  });

  it('counts copies as added and type changes as modified', async () => {
    const repo = repoWith({ 'src/original.ts': body('original'), 'src/target.ts': 'target\n', 'src/link.ts': 'file\n' });
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('src/copy.ts', body('original'));
    repo.remove('src/link.ts');
    symlinkSync('target.ts', path.join(repo.dir, 'src/link.ts'));
    repo.commit('copy and symlink');

    const changes = await changesIn(repo, { head: 'HEAD' });

    expect(changes.changed).toEqual([
      { path: 'src/copy.ts', status: 'added' },
      { path: 'src/link.ts', status: 'modified' },
    ]);
  });

  it('treats a file removed from the index but kept on disk as modified', async () => {
    const repo = repoWith({ 'a.ts': 'a\n', 'b.ts': 'b\n' });
    repo.git('checkout', '-q', '-b', 'feature');
    repo.git('rm', '-q', '--cached', 'a.ts');

    const changes = await changesIn(repo);

    expect(changes.changed).toEqual([{ path: 'a.ts', status: 'modified' }]);
  });

  it('reports repository-relative paths when run from a subdirectory', async () => {
    const repo = repoWith({ 'packages/a/src/a.ts': 'a\n', 'packages/b/src/b.ts': 'b\n' });
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('packages/a/src/a.ts', 'changed\n');
    repo.write('packages/b/src/new.ts', 'untracked elsewhere\n');

    const changes = await changesIn({ ...repo, dir: path.join(repo.dir, 'packages/a') });

    expect(changes.changed).toEqual([
      { path: 'packages/a/src/a.ts', status: 'modified' },
      { path: 'packages/b/src/new.ts', status: 'added' },
    ]);
  });
});
