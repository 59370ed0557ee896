// Static reading of runner configs (no runner started) gives exactly the test files the real runner lists, per fixture.
import { describe, expect, test } from 'vitest';
import { scanFiles } from '../../src/graph/scan-files.js';
import { listJest } from '../../src/runners/jest/probe.js';
import type { ListOutcome, ProbeRequest } from '../../src/runners/probe/probe-types.js';
import { listVitest } from '../../src/runners/vitest/probe.js';
import { findTests } from '../../src/select/find-tests.js';
import { runCli } from '../helpers/cli.js';
import { createRepo, type TempRepo } from '../helpers/repo.js';
import { installRunner } from './runner-versions.js';

interface Listing {
  list: (request: ProbeRequest) => Promise<ListOutcome>;
  configFile: string;
  cwd?: string;
}

const missingSetup = 'vitest.config.ts: setup file packages/b/tests/setup.ts matches no file; every test of b counts as depending on every change of its package';

const fixtures: { fixture: string; runner: { name: string; alias: string }; listings: Listing[]; warnings?: string[] }[] = [
  {
    fixture: 'runners-vitest-shapes',
    runner: { name: 'vitest', alias: 'vitest' },
    listings: ['app', 'lib', 'web', 'tools'].map((dir) => ({ list: listVitest, configFile: `${dir}/vitest.config.ts`, cwd: dir })),
  },
  { fixture: 'runners-vitest-inline-projects', runner: { name: 'vitest', alias: 'vitest' }, listings: [{ list: listVitest, configFile: 'vitest.config.ts' }] },
  {
    fixture: 'runners-vitest-projects',
    runner: { name: 'vitest', alias: 'vitest' },
    listings: [{ list: listVitest, configFile: 'vitest.config.ts' }],
    // The root config's './tests/setup.ts' resolves against project b's root, where no such file exists.
    warnings: [missingSetup],
  },
  // vitest 4 reads no workspace file: vitest 2 lists this one.
  {
    fixture: 'runners-vitest-workspace',
    runner: { name: 'vitest', alias: 'vitest-v2' },
    listings: [{ list: listVitest, configFile: 'vitest.config.ts' }],
    warnings: [missingSetup.replace('vitest.config.ts', 'vitest.workspace.ts')],
  },
  { fixture: 'runners-jest-shapes', runner: { name: 'jest', alias: 'jest' }, listings: [{ list: listJest, configFile: 'jest.config.js' }] },
  { fixture: 'runners-jest-projects', runner: { name: 'jest', alias: 'jest' }, listings: [{ list: listJest, configFile: 'jest.config.js' }] },
];

async function staticTests(repo: TempRepo, warnings: string[]): Promise<string[]> {
  const files = (await scanFiles(repo.dir)).files.map((file) => file.path);
  const discovery = findTests(repo.dir, files);
  expect(discovery.warnings).toEqual(warnings);
  return discovery.tests;
}

describe('static test discovery equals the runner listing', () => {
  test.each(fixtures)('$fixture', { timeout: 120_000 }, async ({ fixture, runner, listings, warnings = [] }) => {
    const repo = createRepo(fixture);
    installRunner(repo.dir, runner.name, runner.alias);
    const listed = await Promise.all(listings.map((listing) => listing.list({ root: repo.dir, configFile: listing.configFile, cwd: listing.cwd, timeoutMs: 60_000 })));
    const files = listed.flatMap((outcome) => {
      if (!outcome.ok) throw new Error(outcome.reason);
      return outcome.files;
    });
    expect(files.length).toBeGreaterThan(0);
    expect(await staticTests(repo, warnings)).toEqual([...new Set(files)].sort());
  });
});

function selected(repo: TempRepo): string[] {
  const result = runCli(['list', '--json', '--base', 'main'], { cwd: repo.dir });
  expect(result.code, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as { tests: { path: string }[] }).tests.map((t) => t.path);
}

describe('setup files and aliases in the selection', () => {
  test('a change to a file a shared setup file imports selects every test of each project that runs it, and why shows the chain', () => {
    const repo = createRepo('runners-vitest-inline-projects');
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('setup/env.ts', 'export const env = { ready: false };\n');
    expect(selected(repo)).toEqual(['packages/a/test/a.test.ts', 'scripts/version.test.ts']);
    const why = runCli(['why', 'scripts/version.test.ts', '--base', 'main'], { cwd: repo.dir });
    expect(why.stdout).toContain('setup/global.ts');
  });

  test('a setup file resolved per project selects only the tests of its own project', () => {
    const repo = createRepo('runners-vitest-shapes');
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('web/tests/setup.ts', 'globalThis.ready = true;\n');
    expect(selected(repo)).toEqual(['web/spec/page.spec.ts']);
  });

  test('imports through resolve.alias and moduleNameMapper resolve to their files', () => {
    const vitest = createRepo('runners-vitest-inline-projects');
    vitest.git('checkout', '-q', '-b', 'feature');
    vitest.write('scripts/lib/version.ts', "export const version = () => '2.0.0';\n");
    expect(selected(vitest)).toEqual(['scripts/version.test.ts']);
    const jest = createRepo('runners-jest-shapes');
    jest.git('checkout', '-q', '-b', 'feature');
    jest.write('packages/core/src/sum.js', 'exports.sum = (a, b) => b + a;\n');
    expect(selected(jest)).toEqual(['packages/core/spec/sum.check.js']);
    jest.write('packages/core/jest.setup.js', 'global.ready = 1;\n');
    expect(selected(jest)).toEqual(['packages/core/spec/sum.check.js']);
  });
});

describe('warnings', () => {
  test("a root config's missing setup file names the repository root", async () => {
    const repo = createRepo();
    repo.write('package.json', '{ "name": "root-setup", "private": true, "type": "module" }\n');
    repo.write('vitest.config.ts', "export default { test: { setupFiles: ['./tests/setup.ts'] } };\n");
    repo.write('a.test.ts', "import { test } from 'vitest';\ntest('a', () => {});\n");
    repo.commit('a root config');
    expect(await staticTests(repo, ['vitest.config.ts: setup file tests/setup.ts matches no file; every test of the repository root counts as depending on every change of its package'])).toEqual(['a.test.ts']);
  });
});
