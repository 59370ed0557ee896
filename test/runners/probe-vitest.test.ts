// Asks vitest 1, 2, 3 and 4 (installed as aliases) for their projects on a fixture, and for their own listing.
import { describe, expect, test } from 'vitest';
import { listVitest } from '../../src/runners/vitest/probe.js';
import type { RunnerProject } from '../../src/runners/types.js';
import { createRepo } from '../helpers/repo.js';
import { installRunner, matchedTests } from './runner-versions.js';

/** vitest's default `exclude` until version 3, and from version 4. */
const oldExclude = [
  '**/node_modules/**',
  '**/dist/**',
  '**/cypress/**',
  '**/.{idea,git,cache,output,temp}/**',
  '**/{karma,rollup,webpack,vite,vitest,jest,ava,babel,nyc,cypress,tsup,build,eslint,prettier}.config.*',
];
const newExclude = ['**/node_modules/**', '**/.git/**'];

function expectedProjects(defaultExclude: string[], typeTests: string[]): RunnerProject[] {
  const empty = { testRegex: [], ignorePatterns: [], roots: [], origin: 'probe' as const };
  return [
    {
      runner: 'vitest',
      name: 'a',
      configFile: 'packages/a/vitest.config.ts',
      dir: 'packages/a',
      include: ['src/**/*.check.ts'],
      exclude: defaultExclude,
      setupFiles: ['packages/a/setup.ts'],
      missingSetup: [],
      aliases: [],
      ...empty,
    },
    {
      runner: 'vitest',
      name: 'b',
      configFile: 'vitest.config.ts',
      dir: 'packages/b',
      include: ['**/*.{test,spec}.?(c|m)[jt]s?(x)', ...typeTests],
      exclude: ['**/node_modules/**', '**/skip/**'],
      setupFiles: [],
      // The root config's './tests/setup.ts' is resolved against each project's root, where it does not exist.
      missingSetup: ['packages/b/tests/setup.ts'],
      aliases: [{ find: '@shared', isRegExp: false, replacement: 'shared' }],
      ...empty,
    },
  ];
}

const versions = [
  { alias: 'vitest-v1', version: /^1\./, fixture: 'runners-vitest-workspace', exclude: oldExclude, typeTests: [] },
  { alias: 'vitest-v2', version: /^2\./, fixture: 'runners-vitest-workspace', exclude: oldExclude, typeTests: [] },
  // The projects fixture turns typecheck on for project b: its type tests are tests too.
  { alias: 'vitest-v3', version: /^3\./, fixture: 'runners-vitest-projects', exclude: oldExclude, typeTests: ['**/*.test-d.ts'] },
  { alias: 'vitest', version: /^4\./, fixture: 'runners-vitest-projects', exclude: newExclude, typeTests: ['**/*.test-d.ts'] },
];

describe.each(versions)('vitest probe with $alias', ({ alias, version, fixture, exclude, typeTests }) => {
  test('resolves every project, its setup files and aliases as vitest does, and lists its tests', { timeout: 120_000 }, async () => {
    const repo = createRepo(fixture);
    installRunner(repo.dir, 'vitest', alias);
    const listed = await listVitest({ root: repo.dir, configFile: 'vitest.config.ts' });
    if (!listed.ok) throw new Error(listed.reason);
    expect(listed.version).toMatch(version);
    expect([...listed.projects].sort((x, y) => (x.name ?? '').localeCompare(y.name ?? ''))).toEqual(expectedProjects(exclude, typeTests));
    const typeTestFiles = typeTests.length > 0 ? ['packages/b/test/types.test-d.ts'] : [];
    expect([...listed.files].sort()).toEqual(['packages/a/src/one.check.ts', 'packages/b/test/two.test.ts', ...typeTestFiles]);
    // impacted's matching of the resolved patterns finds exactly the runner's own listing.
    expect(await matchedTests(repo.dir, listed.projects)).toEqual([...listed.files].sort());
  });
});

test('a repository without vitest installed is not probed with impacted\'s own copy', async () => {
  const repo = createRepo('runners-vitest-projects');
  const probed = await listVitest({ root: repo.dir, configFile: 'vitest.config.ts' });
  expect(probed).toEqual({ ok: false, reason: 'vitest is not installed' });
});
