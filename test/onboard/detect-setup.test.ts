// Zero-config detection on three layouts: npm workspaces + vitest, pnpm + jest, a single package + node:test.
import { describe, expect, it } from 'vitest';
import { detectSetup } from '../../src/onboard/detect-setup.js';
import { detectionSummary } from '../../src/onboard/setup-text.js';
import { createRepo } from '../helpers/repo.js';

const runnersOf = (detection: Awaited<ReturnType<typeof detectSetup>>) =>
  detection.packages.map((pkg) => ({ dir: pkg.dir, tests: pkg.tests, runner: pkg.runner?.name, source: pkg.runner?.source }));

describe('detectSetup', () => {
  it('npm workspaces with a vitest config per package', async () => {
    const detection = await detectSetup(createRepo('onboard-npm-vitest').dir);
    expect(detection).toMatchObject({ workspaces: 'npm', packageCount: 3, tsconfigs: ['tsconfig.json'], testsFrom: 'runner-configs' });
    expect(detection.tests).toEqual(['packages/cli/test/main.test.ts', 'packages/core/test/slug.test.ts', 'packages/web/test/page.test.ts']);
    // The root config's projects are the package configs: each runs the tests below it.
    expect(detection.runnerConfigs.map((c) => [c.file, c.tests])).toEqual([
      ['packages/cli/vitest.config.ts', 1],
      ['packages/core/vitest.config.ts', 1],
      ['packages/web/vitest.config.ts', 1],
    ]);
    expect(runnersOf(detection)).toEqual([
      { dir: 'packages/cli', tests: 1, runner: 'vitest', source: 'test script' },
      { dir: 'packages/core', tests: 1, runner: 'vitest', source: 'test script' },
      { dir: 'packages/web', tests: 1, runner: 'vitest', source: 'test script' },
    ]);
    expect(detectionSummary(detection)).toBe(
      'impacted: no config; detected npm workspaces (3 packages), 1 tsconfig, 3 test files from vitest include globs, runners: vitest (3). Run impacted init to save it to impacted.config.json.',
    );
  });

  it('pnpm workspaces with jest configs (.cjs and .json), a package without tests, a docs site', async () => {
    const detection = await detectSetup(createRepo('onboard-pnpm-jest').dir);
    expect(detection).toMatchObject({ workspaces: 'pnpm', packageCount: 3, tsconfigs: ['tsconfig.json'], testsFrom: 'runner-configs' });
    expect(detection.tests).toEqual(['pkgs/api/tests/handler.spec.ts', 'pkgs/store/spec/store.spec.js']);
    expect(runnersOf(detection)).toEqual([
      { dir: 'pkgs/api', tests: 1, runner: 'jest', source: 'test script' },
      { dir: 'pkgs/store', tests: 1, runner: 'jest', source: 'test script' },
    ]);
    expect(detectionSummary(detection)).toBe(
      'impacted: no config; detected pnpm workspaces (3 packages), 1 tsconfig, 2 test files from jest testMatch globs, runners: jest (2). Run impacted init to save it to impacted.config.json.',
    );
  });

  it('a single package tested with node --test and the default globs', async () => {
    const detection = await detectSetup(createRepo('onboard-single-node').dir);
    expect(detection).toMatchObject({ workspaces: 'none', packageCount: 0, tsconfigs: [], testsFrom: 'defaults', runnerConfigs: [] });
    expect(detection.tests).toEqual(['test/greet.test.js', 'test/mean.test.js']);
    expect(runnersOf(detection)).toEqual([{ dir: '', tests: 2, runner: 'node', source: 'test script' }]);
    expect(detectionSummary(detection)).toBe(
      'impacted: no config; detected a single package, 0 tsconfigs, 2 test files from the default globs (*.test.*, *.spec.*, __tests__), runners: node (1). Run impacted init to save it to impacted.config.json.',
    );
  });

  it('yarn workspaces, mixed runners, and a package that names no runner', async () => {
    const repo = createRepo('onboard-npm-vitest', { commit: false });
    repo.write('yarn.lock', '# yarn lockfile v1\n');
    repo.write('package.json', JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'] }));
    repo.write('packages/cli/package.json', JSON.stringify({ name: '@onboard/cli', scripts: { test: 'jest' } }));
    repo.write('packages/web/package.json', JSON.stringify({ name: '@onboard/web' }));
    repo.remove('packages/web/vitest.config.ts');
    repo.commit('yarn');
    const detection = await detectSetup(repo.dir);
    expect(detection.workspaces).toBe('yarn');
    expect(detection.tests).toEqual(['packages/cli/test/main.test.ts', 'packages/core/test/slug.test.ts', 'packages/web/test/page.test.ts']);
    // web names no runner: like `impacted run`, it falls back to the root's (the root vitest.config.ts).
    expect(runnersOf(detection)).toEqual([
      { dir: 'packages/cli', tests: 1, runner: 'jest', source: 'test script' },
      { dir: 'packages/core', tests: 1, runner: 'vitest', source: 'test script' },
      { dir: 'packages/web', tests: 1, runner: 'vitest', source: 'vitest.config.ts' },
    ]);
    expect(detectionSummary(detection)).toContain(', runners: vitest (2), jest (1).');

    repo.remove('vitest.config.ts');
    repo.commit('no root runner');
    const withoutRoot = await detectSetup(repo.dir);
    expect(runnersOf(withoutRoot)[2]).toEqual({ dir: 'packages/web', tests: 1, runner: undefined, source: undefined });
    expect(detectionSummary(withoutRoot)).toBe(
      'impacted: no config; detected yarn workspaces (3 packages), 1 tsconfig, 3 test files (2 from vitest include globs, 1 from the default globs in packages with no runner impacted reads), runners: jest (1), none found (1), vitest (1). Run impacted init to save it to impacted.config.json.',
    );
  });
});
