import { describe, expect, it } from 'vitest';
import { runTests } from '../../src/run/run-tests.js';
import { createRunRepo } from './run-repo.js';

describe('vitest with a root projects config', () => {
  const repo = createRunRepo('run-vitest-projects');
  const packages = [
    { name: 'run-vitest-projects', dir: '', dependsOn: [] },
    { name: 'p1', dir: 'packages/p1', dependsOn: [] },
    { name: 'p2', dir: 'packages/p2', dependsOn: [] },
  ];

  it('runs from the root once for all packages, and only the selected files although both packages have test/x.test.ts', async () => {
    repo.reset();
    const result = await runTests({
      root: repo.dir,
      mode: 'affected',
      tests: ['packages/p1/test/x.test.ts', 'packages/p2/test/y.test.ts'],
      packages,
      env: repo.env,
    });
    expect(result.groups.map((group) => [group.cwd, group.packages, group.commands.map((command) => command.display)])).toEqual([
      ['', ['p1', 'p2'], ['vitest run packages/p1/test/x.test.ts packages/p2/test/y.test.ts']],
    ]);
    expect(result.exitCode).toBe(0);
    expect(repo.ran()).toEqual(['p1/x', 'p2/y']);
  });

  it('mode all runs every project with one plain `vitest run` from the root', async () => {
    repo.reset();
    const result = await runTests({
      root: repo.dir,
      mode: 'all',
      tests: ['packages/p1/test/x.test.ts', 'packages/p1/test/y.test.ts', 'packages/p2/test/x.test.ts', 'packages/p2/test/y.test.ts'],
      packages,
      env: repo.env,
    });
    expect(result.groups.map((group) => [group.cwd, group.commands.map((command) => command.display)])).toEqual([['', ['vitest run']]]);
    expect(result.exitCode).toBe(0);
    expect(repo.ran()).toEqual(['p1/x', 'p1/y', 'p2/x', 'p2/y']);
  });
});
