import { describe, expect, it } from 'vitest';
import { runTests } from '../../src/run/run-tests.js';
import type { RunEvent, RunTestsOptions } from '../../src/run/types.js';
import { createRunRepo, monorepoPackages } from './run-repo.js';

describe('runTests on a monorepo with vitest, jest and node:test packages', () => {
  const repo = createRunRepo();
  const run = (options: Partial<RunTestsOptions>) => {
    repo.reset();
    const events: RunEvent[] = [];
    return runTests({
      root: repo.dir,
      mode: 'affected',
      tests: [],
      packages: monorepoPackages,
      env: repo.env,
      onEvent: (event) => events.push(event),
      ...options,
    }).then((result) => ({ result, events, ran: repo.ran() }));
  };

  it('runs exactly the selected files, each with its own runner', async () => {
    const { result, ran } = await run({
      tests: ['packages/vite-pkg/test/b.test.ts', 'packages/jest-pkg/test/d.test.js', 'packages/node-pkg/test/e.test.mjs'],
    });
    expect(result.exitCode).toBe(0);
    expect(ran).toEqual(['jest-pkg/d', 'node-pkg/e', 'vite-pkg/b']);
    expect(result.groups.map((group) => [group.runner, group.cwd, group.exitCode])).toEqual([
      ['jest', 'packages/jest-pkg', 0],
      ['node', 'packages/node-pkg', 0],
      ['vitest', 'packages/vite-pkg', 0],
    ]);
  });
});
