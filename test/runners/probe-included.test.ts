// A config that an answered config includes (a package config a root config's `projects` lists) starts no runner of
// its own, and the projects are exactly those that asking every config one by one gives.
import { expect, test } from 'vitest';
import { resolveConfig } from '../../src/config/load-config.js';
import { scanFiles } from '../../src/graph/scan-files.js';
import { findWorkspaces } from '../../src/graph/workspaces.js';
import { probeEntries } from '../../src/runners/probe/probe-entries.js';
import { probeProjects } from '../../src/runners/probe/probe-projects.js';
import { probeProcessesStarted } from '../../src/runners/probe/run-probe-process.js';
import { readRunnerProjects } from '../../src/runners/read-projects.js';
import { probedRunnerProjects } from '../../src/select/discover-tests.js';
import { findTests } from '../../src/select/find-tests.js';
import { runCli } from '../helpers/cli.js';
import { createRepo } from '../helpers/repo.js';
import { installRunner } from './runner-versions.js';

test('the configs a root config includes are answered by its probe, and the projects are those of asking every config', { timeout: 120_000 }, async () => {
  const repo = createRepo('runners-jest-project-files');
  installRunner(repo.dir, 'jest', 'jest');
  const scan = await scanFiles(repo.dir);
  const files = scan.files.map((file) => file.path);
  const packageDirs = findWorkspaces(repo.dir, files).packages.map((pkg) => pkg.dir);
  const config = await resolveConfig(repo.dir);

  // Every config asked on its own, one after the other (a probe ends its runner processes): ten runner processes.
  let before = probeProcessesStarted();
  const entries = probeEntries(files);
  const everyConfig = [];
  for (const entry of entries) everyConfig.push(...(await probeProjects({ root: repo.dir, files: scan.files, entries: [entry] })));
  expect(probeProcessesStarted() - before).toBe(10);
  const expected = readRunnerProjects({ root: repo.dir, files, packageDirs, source: scan.source, probed: everyConfig });

  const cacheDir = `${repo.dir}/node_modules/.cache/impacted`;
  const ask = () => probedRunnerProjects({ root: repo.dir, scanned: scan.files, files, packageDirs, source: scan.source, config, cacheDir });
  before = probeProcessesStarted();
  const cold = await ask();
  // The root, tools/e, integration (which jest cannot load), integration/api/unit, tools/all and tools/lib; tools/lib/unit,
  // which tools/lib's answer includes, is asked after all, because tools/all includes tools/lib. All in one jest
  // process: integration's failure after other configs is its answer, as in a process of its own.
  expect(probeProcessesStarted() - before).toBe(1);
  expect(cold.projects).toEqual(expected);
  expect(cold.probed.map((entry) => entry.configFile).sort()).toEqual([
    'integration/api/unit/jest.config.js',
    'integration/jest.config.js',
    'jest.config.js',
    'tools/all/jest.config.js',
    'tools/e/jest.config.js',
    'tools/lib/jest.config.js',
    'tools/lib/unit/jest.config.js',
  ]);
  const root = cold.projects.configs.find((top) => top.configFile === 'jest.config.js');
  expect(root?.projects.map((project) => [project.name, project.configFile]).sort()).toEqual([
    ['a', 'packages/a/jest.config.js'],
    ['b', 'packages/b/jest.config.js'],
    ['c', 'packages/c/package.json'],
  ]);

  const discovery = findTests(repo.dir, files, { source: scan.source, probed: cold.probed, projects: cold.projects });
  expect(discovery.tests).toEqual(['integration/api/unit/u.test.js', 'packages/a/src/x.spec.js', 'packages/b/__tests__/y.js', 'packages/c/c.test.js', 'tools/e/e.test.js', 'tools/lib/unit/lib.test.js']);
  // The package configs the root includes are not configs without tests.
  expect(discovery.warnings.filter((warning) => warning.startsWith('packages/'))).toEqual([]);

  before = probeProcessesStarted();
  const warm = await ask();
  expect(probeProcessesStarted() - before).toBe(0);
  expect(warm.projects).toEqual(expected);
});

test('list on a root config whose projects are the package configs: every changed test, and no warning about the packages', { timeout: 60_000 }, () => {
  const repo = createRepo('runners-jest-project-files');
  installRunner(repo.dir, 'jest', 'jest');
  const tests = ['integration/api/unit/u.test.js', 'packages/a/src/x.spec.js', 'packages/b/__tests__/y.js', 'packages/c/c.test.js', 'tools/e/e.test.js', 'tools/lib/unit/lib.test.js'];
  for (const file of tests) repo.write(file, `${repo.read(file)}// changed\n`);
  const result = runCli(['list', '--json', '--base', 'HEAD'], { cwd: repo.dir });
  expect(result.code).toBe(0);
  expect((JSON.parse(result.stdout) as { tests: { path: string }[] }).tests.map((t) => t.path).sort()).toEqual(tests);
  expect(result.stderr).not.toMatch(/packages\/\w\/jest\.config\.js: no test file matches/);
});
