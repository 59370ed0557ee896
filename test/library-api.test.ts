// Uses the built package through its public entry point, as a consumer would.
import { describe, expect, it } from 'vitest';
import { affectedTests, buildGraph, detectChanges, findTests, ImpactedError, resolveConfig, selectTests, type Selection } from 'impacted';
import { createRepo } from './helpers/repo.js';

describe('library API', () => {
  const repo = createRepo('select-monorepo');
  repo.git('checkout', '-q', '-b', 'feature');
  repo.write('services/api/src/routes.ts', "export const routes = ['/orders'];\n");

  it('affectedTests is the one-call form of list', async () => {
    const selection: Selection = await affectedTests({ cwd: repo.dir, base: 'main' });
    expect(selection).toMatchObject({ version: 1, mode: 'affected', head: 'worktree', reason: '1 changed file affects 2 of 10 tests' });
    expect(selection.tests.map((t) => t.path)).toEqual(['services/api/test/broken.test.ts', 'services/api/test/server.test.ts']);
  });

  it('the stages compose: resolveConfig, detectChanges, buildGraph, findTests, selectTests', async () => {
    const config = await resolveConfig(repo.dir);
    const changes = await detectChanges({ cwd: repo.dir, base: 'main' });
    expect(changes.changed).toEqual([{ path: 'services/api/src/routes.ts', status: 'modified' }]);
    const graph = await buildGraph({ cwd: repo.dir });
    const discovery = findTests(repo.dir, graph.files, { tests: config.tests, unreadTestScripts: config.unreadTestScripts });
    const selection = selectTests({ graph, changes, config, discovery });
    expect(selection.tests.map((t) => t.path)).toEqual(['services/api/test/broken.test.ts', 'services/api/test/server.test.ts']);
  });

  it('throws ImpactedError with a code instead of printing or exiting', async () => {
    const error = await affectedTests({ cwd: repo.dir, base: 'no-such-branch' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImpactedError);
    expect(error).toMatchObject({ code: 'UNKNOWN_REF' });
  });

  it('a cwd that does not exist, or is a file: ImpactedError saying what to pass', async () => {
    for (const cwd of ['/nonexistent', `${repo.dir}/package.json`]) {
      const error = await affectedTests({ cwd }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImpactedError);
      expect(error).toMatchObject({ code: 'CWD', message: `cwd ${cwd} is not a directory: pass the root of a repository as cwd.` });
    }
  });
});
