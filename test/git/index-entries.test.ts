// Which index entries the scan trusts to hold a file's work-tree content (its blob hash, then its cached
// extraction), now that the diff against the merge base tells it instead of a stat of every tracked file.
import { describe, expect, it } from 'vitest';
import type { Selection } from '../../src/types.js';
import { runCli } from '../helpers/cli.js';
import { repoWith } from './git-fixtures.js';

function listed(dir: string): { tests: string[]; stderr: string } {
  const result = runCli(['list', '--json', '--base', 'main'], { cwd: dir });
  expect(result.code, result.stderr).toBe(0);
  return { tests: (JSON.parse(result.stdout) as Selection).tests.map((test) => test.path), stderr: result.stderr };
}

/** A test that reaches `src/x.ts` or `src/y.ts` through `src/f.ts`, whichever f imports. */
const files = {
  'src/x.ts': 'export const x = 1;\n',
  'src/y.ts': 'export const y = 1;\n',
  'src/f.ts': "export * from './x';\n",
  'test/f.test.ts': "import '../src/f';\n",
  'test/other.test.ts': "import '../src/x';\n",
};

describe('the scan trusts an index entry only where the work tree holds its content', () => {
  it('a staged edit undone in the work tree: the file is read from the work tree, not taken from the cache by its index hash', () => {
    const repo = repoWith({ ...files, 'src/f.ts': "export * from './y';\n" });
    repo.git('checkout', '-q', '-b', 'feature');
    // Staged: f imports x. A run caches that content's extraction under its blob hash (the index entry's).
    repo.write('src/f.ts', "export * from './x';\n");
    repo.git('add', 'src/f.ts');
    expect(listed(repo.dir).tests).toEqual(['test/f.test.ts']);
    // The work tree goes back to the base's f (imports y, no change against the base) and y changes: the index
    // entry still names the staged content, which imports x.
    repo.write('src/f.ts', "export * from './y';\n");
    repo.write('src/y.ts', 'export const y = 2;\n');
    expect(listed(repo.dir).tests).toEqual(['test/f.test.ts']);
  });

  it('an assume-unchanged file edited in the work tree: its imports are read from the work tree', () => {
    const repo = repoWith(files);
    repo.git('checkout', '-q', '-b', 'feature');
    expect(listed(repo.dir).tests).toEqual([]);
    repo.git('update-index', '--assume-unchanged', 'src/f.ts');
    // git neither reports this edit nor checks the file; the y change reaches f's test only through the edit.
    repo.write('src/f.ts', "export * from './y';\n");
    repo.write('src/y.ts', 'export const y = 2;\n');
    expect(listed(repo.dir).tests).toEqual(['test/f.test.ts']);
  });

  it('a file added to the index and then deleted from disk is not scanned: nothing unreadable, the deletion of a base file still selects', () => {
    const repo = repoWith(files);
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('src/new.ts', "export * from './y';\n");
    repo.git('add', 'src/new.ts');
    repo.remove('src/new.ts');
    repo.remove('src/x.ts');
    const { tests, stderr } = listed(repo.dir);
    expect(tests).toEqual(['test/f.test.ts', 'test/other.test.ts']);
    expect(stderr).not.toContain('unreadable');
  });

  it('an intent-to-add file (git add -N: the index holds the empty blob for it) is read from the work tree', () => {
    // An empty module puts the empty blob's extraction (no imports) in the cache.
    const repo = repoWith({ ...files, 'src/empty.ts': '', 'test/n.test.ts': "import '../src/n';\n" });
    repo.git('checkout', '-q', '-b', 'feature');
    expect(listed(repo.dir).tests).toEqual([]);
    repo.write('src/n.ts', "export * from './y';\n");
    repo.git('add', '-N', 'src/n.ts');
    repo.write('src/y.ts', 'export const y = 2;\n');
    const result = runCli(['list', '--json', '--base', 'main'], { cwd: repo.dir });
    expect(result.code, result.stderr).toBe(0);
    const [test] = (JSON.parse(result.stdout) as Selection).tests;
    expect(test?.path).toBe('test/n.test.ts');
    expect(test?.reasons.map((reason) => reason.changed)).toEqual(['src/n.ts', 'src/y.ts']);
  });

  it('on the default branch (no diff runs), an unstaged edit is still read from the work tree: graph shows its imports', () => {
    const repo = repoWith(files);
    expect(runCli(['list', '--json'], { cwd: repo.dir }).code).toBe(0);
    repo.write('src/f.ts', "export * from './y';\n");
    const result = runCli(['graph', '--json'], { cwd: repo.dir });
    expect(result.code, result.stderr).toBe(0);
    const edges = (JSON.parse(result.stdout) as { edges: { from: string; to: string }[] }).edges.filter((edge) => edge.from === 'src/f.ts');
    expect(edges.map((edge) => edge.to)).toEqual(['src/y.ts']);
  });
});
