// Asks jest 27, 28, 29 and 30 (installed as aliases) for their projects on a fixture (`--showConfig`), and for their own listing.
import { describe, expect, test } from 'vitest';
import { listJest, probeJest } from '../../src/runners/jest/probe.js';
import type { RunnerProject } from '../../src/runners/types.js';
import { createRepo } from '../helpers/repo.js';
import { installRunner, matchedTests } from './runner-versions.js';

function expectedProjects(root: string): RunnerProject[] {
  const common = { runner: 'jest' as const, configFile: 'jest.config.js', exclude: [], origin: 'probe' as const };
  return [
    {
      ...common,
      name: 'a',
      dir: 'packages/a',
      include: ['src/**/*.spec.js'],
      testRegex: [],
      ignorePatterns: ['/node_modules/'],
      roots: ['packages/a'],
      setupFiles: ['packages/a/setup.js', 'packages/a/global-setup.js'],
      missingSetup: [],
      aliases: [{ find: '^@a/(.*)$', isRegExp: true, replacement: 'packages/a/src/$1' }],
    },
    {
      ...common,
      name: 'b',
      dir: 'packages/b',
      include: [],
      testRegex: ['/__tests__/.*\\.js$'],
      // jest matches these against absolute paths, with <rootDir> replaced.
      ignorePatterns: ['/node_modules/', `${root}/packages/b/__tests__/skip`],
      roots: ['packages/b'],
      setupFiles: [],
      missingSetup: [],
      aliases: [{ find: '^([^./].*)$', isRegExp: true, replacement: 'packages/b/lib/$1' }],
    },
  ];
}

const versions = [
  { alias: 'jest-v27', version: /^27\./ },
  { alias: 'jest-v28', version: /^28\./ },
  { alias: 'jest-v29', version: /^29\./ },
  { alias: 'jest', version: /^30\./ },
];

describe.each(versions)('jest probe with $alias', ({ alias, version }) => {
  test('resolves every project, its setup files and module mappings as jest does, and lists its tests', { timeout: 60_000 }, async () => {
    const repo = createRepo('runners-jest-projects');
    installRunner(repo.dir, 'jest', alias);
    const listed = await listJest({ root: repo.dir, configFile: 'jest.config.js' });
    if (!listed.ok) throw new Error(listed.reason);
    expect(listed.version).toMatch(version);
    expect([...listed.projects].sort((x, y) => (x.name ?? '').localeCompare(y.name ?? ''))).toEqual(expectedProjects(repo.dir));
    expect([...listed.files].sort()).toEqual(['packages/a/src/x.spec.js', 'packages/b/__tests__/y.js']);
    // impacted's matching of the resolved patterns finds exactly the runner's own listing.
    expect(await matchedTests(repo.dir, listed.projects)).toEqual([...listed.files].sort());
  });

  test('a project listed by its config file or its directory is answered with that config, an inline one with the root config', { timeout: 60_000 }, async () => {
    const repo = createRepo('runners-jest-project-files');
    installRunner(repo.dir, 'jest', alias);
    repo.write('jest.config.js', repo.read('jest.config.js').replace("'<rootDir>/packages/c'", "'<rootDir>/packages/c', { displayName: 'inline', rootDir: '<rootDir>/tools/e' }"));
    const probed = await probeJest({ root: repo.dir, configFile: 'jest.config.js' });
    if (!probed.ok) throw new Error(probed.reason);
    expect(probed.projects.map((project) => [project.name, project.dir, project.configFile]).sort()).toEqual([
      ['a', 'packages/a', 'packages/a/jest.config.js'],
      ['b', 'packages/b', 'packages/b/jest.config.js'],
      ['c', 'packages/c', 'packages/c/package.json'],
      ['inline', 'tools/e', 'jest.config.js'],
    ]);
  });
});

test('a config that throws is a reason, not a crash', async () => {
  const repo = createRepo('runners-jest-projects');
  installRunner(repo.dir, 'jest', 'jest');
  repo.write('jest.config.js', "throw new Error('no config today');\n");
  const probed = await listJest({ root: repo.dir, configFile: 'jest.config.js' });
  expect(probed.ok).toBe(false);
  expect(probed.ok ? '' : probed.reason).toMatch(/^jest 30\.\d+\.\d+ could not be asked: it exited with 1: .*no config today/);
});
