// What the graph cannot see must widen, never narrow: package layouts, component script blocks, globs, extensionless
// asset paths, unresolved imports, unknown file types and unreadable files, through the real CLI on temp git repos.
import { chmodSync, mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Selection } from '../../src/types.js';
import { runCli } from '../helpers/cli.js';
import { createRepo, projectRoot, type TempRepo } from '../helpers/repo.js';
import { spawnSync } from 'node:child_process';

function list(repo: TempRepo): { selection: Selection; stderr: string } {
  const result = runCli(['list', '--json', '--base', 'main', '--no-cache'], { cwd: repo.dir });
  expect(result.code, result.stderr).toBe(0);
  return { selection: JSON.parse(result.stdout) as Selection, stderr: result.stderr };
}

/** The tests one uncommitted edit of `file` selects; the edit is undone afterwards. */
function selectedBy(repo: TempRepo, file: string): string[] {
  repo.write(file, `${repo.read(file)}\n// edited\n`);
  try {
    return list(repo).selection.tests.map((test) => test.path);
  } finally {
    repo.git('checkout', '--', file);
  }
}

describe('package layouts real repositories use (layout-preconstruct, after changesets)', () => {
  let repo: TempRepo;
  beforeAll(() => {
    repo = createRepo('layout-preconstruct');
    repo.git('checkout', '-q', '-b', 'feature');
  });

  it.each([
    ['packages/errors/src/index.ts', ['packages/cli/src/index.test.ts', 'packages/consumer/src/errors.test.ts']],
    ['packages/cli/src/changelog.ts', ['packages/consumer/src/changelog.test.ts']],
    ['packages/cli/src/commit/index.ts', ['packages/consumer/src/commit.test.ts']],
    ['packages/bundled/src/helper.ts', ['packages/consumer/src/bundled.test.ts']],
    ['packages/sourced/lib/index.ts', ['packages/consumer/src/sourced.test.ts']],
    ['packages/typed/src/sub.ts', ['packages/consumer/src/typed.test.ts']],
    // A computed webpack entry: no file can be determined, so the import (by name, or by a relative path into the
    // package's unbuilt dist/) depends on every code file of the package.
    ['packages/opaque/src/b.ts', ['packages/consumer/src/bin.test.ts', 'packages/consumer/src/opaque.test.ts']],
  ])('a change to %s selects exactly its importers', (file, tests) => {
    expect(selectedBy(repo, file)).toEqual(tests);
  });

  it('says once that imports depend on a whole package, lists them, and shows the package node in why', () => {
    repo.write('packages/opaque/src/a.ts', 'export const a = 10;\n');
    try {
      const { selection, stderr } = list(repo);
      expect(stderr).toContain('impacted: 2 imports of workspace packages could not be resolved to a file: depending on the whole package\n');
      expect(stderr).not.toContain('widened; impacted graph --problems');
      expect(selection.problems).toEqual([
        {
          kind: 'whole-package',
          file: 'packages/consumer/src/opaque.test.ts',
          specifier: '@fx/opaque',
          message: '"@fx/opaque" names no file of packages/opaque: depending on the whole package',
        },
        {
          kind: 'whole-package',
          file: 'packages/opaque/bin.js',
          specifier: './dist/bundle.js',
          message: '"./dist/bundle.js" names no file of packages/opaque: depending on the whole package',
        },
      ]);
      const why = runCli(['why', 'packages/consumer/src/opaque.test.ts', '--base', 'main', '--no-cache'], { cwd: repo.dir });
      expect(why.stdout).toBe(
        [
          'packages/consumer/src/opaque.test.ts is selected by 1 changed file:',
          '  packages/opaque/src/a.ts',
          '    -> packages/opaque/**  (the whole package: an import of it could not be resolved to a file)',
          '    -> packages/consumer/src/opaque.test.ts',
          '',
        ].join('\n'),
      );
    } finally {
      repo.git('checkout', '--', '.');
    }
    const problems = runCli(['graph', '--problems', '--no-cache'], { cwd: repo.dir });
    expect(problems.stdout).toBe(
      [
        'whole-package packages/consumer/src/opaque.test.ts: "@fx/opaque" names no file of packages/opaque: depending on the whole package',
        'whole-package packages/opaque/bin.js: "./dist/bundle.js" names no file of packages/opaque: depending on the whole package',
        '',
      ].join('\n'),
    );
  });

  it('a test inside a package imported whole is not "a test that non-test files import" (vuejs/core, medusa: 173 such warnings)', () => {
    repo.write('packages/opaque/src/a.test.ts', "import { a } from './a';\nif (a !== 1) throw new Error('a');\n");
    try {
      const { selection, stderr } = list(repo);
      expect(selection.tests.map((test) => test.path)).toContain('packages/opaque/src/a.test.ts');
      expect(stderr).not.toContain('counts as a test');
      expect(selection.warnings ?? []).toEqual([]);
    } finally {
      rmSync(path.join(repo.dir, 'packages/opaque/src/a.test.ts'));
    }
  });
});

describe('script blocks, globs, asset paths and problems (widen-sources)', () => {
  let repo: TempRepo;
  beforeAll(() => {
    repo = createRepo('widen-sources');
    repo.git('checkout', '-q', '-b', 'feature');
  });

  it.each([
    ['packages/ui/src/size.ts', ['packages/ui/test/button.test.ts']],
    ['packages/ui/src/label.ts', ['packages/ui/test/button.test.ts']],
    ['packages/ui/src/commented-out.ts', []],
    ['packages/ui/src/kind.ts', ['packages/ui/test/card.test.ts']],
    ['packages/ui/src/title.ts', ['packages/ui/test/card.test.ts']],
    ['packages/ui/src/layout.ts', ['packages/ui/test/page.test.ts']],
    ['packages/ui/src/track.ts', ['packages/ui/test/page.test.ts']],
    ['packages/ui/src/demo.ts', ['packages/ui/test/doc.test.ts']],
    ['packages/ui/src/nope.ts', []],
    // Read by the runner beside the test, as impacted audit found on vuejs/core.
    ['packages/ui/test/__snapshots__/button.test.ts.snap', ['packages/ui/test/button.test.ts']],
    ['packages/plugins/src/mods/b.ts', ['packages/plugins/test/registry.test.ts']],
    ['packages/plugins/src/mods/skip.ts', []],
    ['packages/plugins/src/widgets/deep/y.widget.js', ['packages/plugins/test/legacy.test.ts']],
    ['packages/plugins/src/widgets/z.helper.js', []],
    ['packages/plugins/test/test-utils/failing-functions.ts', ['packages/plugins/test/failing.test.ts']],
    // index.ts imports a missing file and a .coffee file: any change in its package may matter to it.
    ['packages/odd/src/other.ts', ['packages/odd/test/index.test.ts', 'packages/odd/test/other.test.ts']],
    ['packages/odd/src/legacy.coffee', ['packages/odd/test/index.test.ts']],
  ])('a change to %s selects exactly the tests that can load it', (file, tests) => {
    expect(selectedBy(repo, file)).toEqual(tests);
  });

  it('graph --focus shows what a component imports', () => {
    const focus = runCli(['graph', '--focus', 'packages/ui/src/Card.svelte', '--no-cache'], { cwd: repo.dir });
    expect(focus.stdout.split('imported by:')[0]).toBe('packages/ui/src/Card.svelte\nimports:\n├─ packages/ui/src/kind.ts\n└─ packages/ui/src/title.ts\n');
  });

  it('counts the problems in one stderr line, lists them with graph --problems and in list --json', () => {
    repo.write('packages/odd/src/other.ts', 'export const other = 2;\n');
    try {
      const { selection, stderr } = list(repo);
      expect(stderr).toContain('impacted: 1 import unresolved, 1 file of a type impacted cannot read: widened; impacted graph --problems for details\n');
      expect(selection.problems.map((p) => `${p.kind} ${p.file}`)).toEqual(['unresolved packages/odd/src/index.ts', 'unknown-type packages/odd/src/legacy.coffee']);
    } finally {
      repo.git('checkout', '--', '.');
    }
    expect(runCli(['graph', '--problems', '--no-cache'], { cwd: repo.dir }).stdout).toBe(
      [
        'unresolved packages/odd/src/index.ts: "./missing" resolves to no file: selection widens to what could depend on packages/odd/src/index.ts',
        'unknown-type packages/odd/src/legacy.coffee: imported, but impacted cannot read the imports of this file type',
        '',
      ].join('\n'),
    );
  });
});

/**
 * An unreadable file, for real: as root every file is readable, so the CLI then runs as `nobody` (setpriv) on a copy
 * everyone may read, with a home whose git config trusts it.
 */
describe('an unreadable file widens to the tests that reach it, from changes in the packages it depends on', () => {
  it('selects them for a change in a dependency package, and counts the file', () => {
    const repo = createRepo('widen-sources');
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('packages/base/src/index.ts', 'export const base = 2;\n');
    const secret = path.join(repo.dir, 'packages/locked/src/secret.ts');
    // An hour old, so that git never finds it racily clean (same second as the index) and tries to read it.
    const past = new Date(Date.now() - 3_600_000);
    utimesSync(secret, past, past);
    chmodSync(secret, 0);
    const asRoot = process.getuid?.() === 0;
    let result;
    if (asRoot) {
      spawnSync('chmod', ['-R', 'a+rX', repo.dir]);
      chmodSync(secret, 0);
      // The index learns the new stat data, so that git (as nobody) does not need to read the file to call it clean.
      repo.git('update-index', '-q', '--refresh');
      const home = path.join(tmpdir(), `impacted-nobody-home-${process.pid}`);
      mkdirSync(home, { recursive: true });
      writeFileSync(path.join(home, '.gitconfig'), '[safe]\n\tdirectory = *\n');
      spawnSync('chmod', ['-R', 'a+rX', home]);
      const args = ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, path.join(projectRoot, 'bin/impacted.js')];
      const run = spawnSync('setpriv', [...args, 'list', '--json', '--base', 'main', '--no-cache'], {
        cwd: repo.dir,
        encoding: 'utf8',
        env: { ...process.env, HOME: home, NO_COLOR: '1', CI: '', GITHUB_ACTIONS: '', GITHUB_BASE_REF: '' },
      });
      result = { code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
    } else {
      repo.git('update-index', '-q', '--refresh');
      result = runCli(['list', '--json', '--base', 'main', '--no-cache'], { cwd: repo.dir });
    }
    chmodSync(secret, 0o644);
    expect(result.code, result.stderr).toBe(0);
    const selection = JSON.parse(result.stdout) as Selection;
    expect(selection.changed).toEqual([{ path: 'packages/base/src/index.ts', status: 'modified' }]);
    expect(selection.tests.map((t) => t.path)).toEqual(['packages/app/test/app.test.ts', 'packages/base/test/base.test.ts', 'packages/locked/test/locked.test.ts']);
    expect(selection.tests[0]?.reasons).toEqual([
      {
        changed: 'packages/base/src/index.ts',
        via: ['packages/locked/src/secret.ts', 'packages/locked/src/index.ts'],
        rule: 'packages/locked/src/secret.ts cannot be read: it may import anything packages/locked depends on',
      },
    ]);
    expect(result.stderr).toContain('impacted: 1 import unresolved, 1 file unreadable, 1 file of a type impacted cannot read: widened; impacted graph --problems for details\n');
  });
});
