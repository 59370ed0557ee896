// nx project-level implicitDependencies (project.json): e2e projects whose tests reach a plugin only through its
// published build, after nxext/nx-extensions (fixtures/layout-nx), through the real CLI on a temp git repo.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Selection } from '../../src/types.js';
import { runCli } from '../helpers/cli.js';
import { createRepo, type TempRepo } from '../helpers/repo.js';

/** The tests one uncommitted edit of `file` selects; the edit is undone afterwards. */
function selectedBy(repo: TempRepo, file: string): string[] {
  repo.write(file, `${repo.read(file)}\n// edited\n`);
  try {
    const result = runCli(['list', '--json', '--base', 'main', '--no-cache'], { cwd: repo.dir });
    expect(result.code, result.stderr).toBe(0);
    return (JSON.parse(result.stdout) as Selection).tests.map((test) => test.path);
  } finally {
    repo.git('checkout', '--', file);
  }
}

describe('nx implicitDependencies (layout-nx, after nxext/nx-extensions)', () => {
  let repo: TempRepo;
  beforeAll(() => {
    repo = createRepo('layout-nx');
    repo.git('checkout', '-q', '-b', 'feature');
  });

  it.each([
    // By name: svelte-e2e's test imports no svelte code, nx runs it for every change to the svelte project.
    ['packages/svelte/src/generators/library.ts', ['e2e/svelte-e2e/tests/library.test.ts', 'packages/svelte/src/generators/library.spec.ts']],
    // By tag, and through the import of @fx/common by svelte (nx: common -> svelte -> svelte-e2e); "!svelte" is not followed.
    [
      'packages/common/src/index.ts',
      [
        'e2e/svelte-e2e/tests/library.test.ts',
        'e2e/tagged-e2e/tests/common.test.ts',
        'packages/common/src/index.spec.ts',
        'packages/svelte/src/generators/library.spec.ts',
      ],
    ],
    // The e2e helper is imported: its importers, as before.
    ['e2e/utils/index.ts', ['e2e/svelte-e2e/tests/library.test.ts', 'e2e/tagged-e2e/tests/common.test.ts']],
  ])('a change to %s selects the tests of the projects that depend on it', (file, tests) => {
    expect(selectedBy(repo, file)).toEqual(tests);
  });

  it('why names the project and the rule', () => {
    repo.write('packages/svelte/src/generators/library.ts', `${repo.read('packages/svelte/src/generators/library.ts')}\n// edited\n`);
    try {
      const why = runCli(['why', 'e2e/svelte-e2e/tests/library.test.ts', '--base', 'main', '--no-cache'], { cwd: repo.dir });
      expect(why.stdout).toBe(
        [
          'e2e/svelte-e2e/tests/library.test.ts is selected by 1 changed file:',
          '  packages/svelte/src/generators/library.ts',
          '    -> packages/svelte/**  (the whole project: nx implicitDependencies)',
          '    -> e2e/svelte-e2e/tests/library.test.ts  (implicitDependencies)',
          '',
        ].join('\n'),
      );
    } finally {
      repo.git('checkout', '--', 'packages/svelte/src/generators/library.ts');
    }
  });

  it('a project.json that is not JSON is one clear line and exit 2', () => {
    repo.write('e2e/svelte-e2e/project.json', '{ "name": "svelte-e2e", ');
    try {
      const result = runCli(['list', '--base', 'main', '--no-cache'], { cwd: repo.dir });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^impacted: e2e\/svelte-e2e\/project\.json is not valid JSON \(.*\): fix it so the nx projects can be read\.\n$/);
    } finally {
      repo.git('checkout', '--', 'e2e/svelte-e2e/project.json');
    }
  });
});
