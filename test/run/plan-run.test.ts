import { chmodSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { planRun } from '../../src/run/plan-run.js';
import type { RunOptions, RunPlan } from '../../src/run/types.js';
import type { WorkspacePackage } from '../../src/types.js';
import { createRepo, projectRoot, type TempRepo } from '../helpers/repo.js';

function workspace(files: Record<string, string>): TempRepo {
  const repo = createRepo();
  for (const [file, content] of Object.entries(files)) repo.write(file, content);
  symlinkSync(path.join(projectRoot, 'node_modules'), path.join(repo.dir, 'node_modules'), 'dir');
  return repo;
}

const manifest = (fields: object): string => JSON.stringify({ name: 'x', ...fields });

function pkgs(...dirs: string[]): WorkspacePackage[] {
  return dirs.map((dir) => ({ name: dir === '' ? 'root' : path.basename(dir), dir, dependsOn: [] }));
}

/** Each group as [runner, cwd, displayed commands]. */
function summary(plan: RunPlan): [string, string, string[]][] {
  return plan.groups.map((group) => [group.runner, group.cwd, group.commands.map((command) => command.display)]);
}

async function planIn(repo: TempRepo, options: Partial<RunOptions>): Promise<RunPlan> {
  return planRun({ root: repo.dir, mode: 'affected', tests: [], packages: pkgs(''), ...options });
}

/** packages/web, whose tests run with vitest, with an installed playwright, plus `files`. */
function playwrightWeb(files: Record<string, string>): TempRepo {
  const repo = workspace({ 'packages/web/package.json': manifest({ scripts: { test: 'vitest run' } }), 'packages/web/node_modules/.bin/playwright': '#!/bin/sh\n', ...files });
  chmodSync(path.join(repo.dir, 'packages/web/node_modules/.bin/playwright'), 0o755);
  return repo;
}

function planE2eAndUnit(repo: TempRepo): Promise<RunPlan> {
  return planIn(repo, { tests: ['packages/web/e2e/login.spec.ts', 'packages/web/src/a.test.ts'], packages: pkgs('', 'packages/web') });
}

/** The e2e test goes to playwright (as a regular expression of its path), the unit test to vitest, both from packages/web. */
function e2eAndUnitGroups(repo: TempRepo): [string, string, string[]][] {
  const e2e = path.join(repo.dir, 'packages/web/e2e/login.spec.ts').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return [
    ['playwright', 'packages/web', [`playwright test '/^${e2e}$/'`]],
    ['vitest', 'packages/web', ['vitest run src/a.test.ts']],
  ];
}

describe('planRun', () => {
  it('runs vitest from the root when the root config declares projects, one group for all packages', async () => {
    const repo = workspace({
      'package.json': manifest({ devDependencies: { vitest: '*' } }),
      'vitest.config.ts': "export default { test: { projects: ['packages/*'] } };",
      'packages/a/package.json': manifest({ scripts: { test: 'vitest run' } }),
      'packages/a/vitest.config.ts': 'export default {};',
      'packages/b/package.json': manifest({ scripts: { test: 'vitest' } }),
    });
    const result = await planIn(repo, {
      tests: ['packages/b/test/y.test.ts', 'packages/a/test/x.test.ts'],
      packages: pkgs('', 'packages/a', 'packages/b'),
    });
    expect(summary(result)).toEqual([['vitest', '', ['vitest run packages/a/test/x.test.ts packages/b/test/y.test.ts']]]);
    expect(result.groups[0]?.packages).toEqual(['a', 'b']);
  });

  it('treats a vitest.workspace file as declaring projects', async () => {
    const repo = workspace({
      'package.json': manifest({}),
      'vitest.workspace.ts': "export default ['packages/*'];",
      'packages/a/package.json': manifest({ devDependencies: { vitest: '*' } }),
      'packages/a/vitest.config.ts': 'export default {};',
    });
    const result = await planIn(repo, { tests: ['packages/a/x.test.ts'], packages: pkgs('', 'packages/a') });
    expect(summary(result)).toEqual([['vitest', '', ['vitest run packages/a/x.test.ts']]]);
  });

  it("runs vitest from a package's own config when the root declares no projects", async () => {
    const repo = workspace({
      'package.json': manifest({}),
      'packages/a/package.json': manifest({ devDependencies: { vitest: '*' } }),
      'packages/a/vite.config.ts': 'export default {};',
      'packages/b/package.json': manifest({ scripts: { test: 'vitest run' } }),
    });
    const result = await planIn(repo, {
      tests: ['packages/a/src/x.test.ts', 'packages/b/y.test.ts'],
      packages: pkgs('', 'packages/a', 'packages/b'),
    });
    expect(summary(result)).toEqual([
      ['vitest', 'packages/a', ['vitest run src/x.test.ts']],
      ['vitest', 'packages/b', ['vitest run y.test.ts']],
    ]);
  });

  it("falls back to the root package's runner for a package that names none", async () => {
    const repo = workspace({
      'package.json': manifest({ devDependencies: { jest: '*' } }),
      'packages/a/package.json': manifest({}),
    });
    const result = await planIn(repo, { tests: ['packages/a/x.test.js'], packages: pkgs('', 'packages/a') });
    expect(summary(result)).toEqual([['jest', 'packages/a', ['jest --runTestsByPath x.test.js']]]);
  });

  it('runs jest from the root when its config lists projects', async () => {
    const repo = workspace({
      'package.json': manifest({ jest: { projects: ['<rootDir>/packages/*'] } }),
      'packages/a/package.json': manifest({ scripts: { test: 'jest --ci' } }),
    });
    const result = await planIn(repo, { tests: ['packages/a/x.test.js'], packages: pkgs('', 'packages/a') });
    expect(summary(result)).toEqual([['jest', '', ['jest --runTestsByPath packages/a/x.test.js']]]);
  });

  it("keeps the TypeScript loader flags of a package's node --test script", async () => {
    const repo = workspace({
      'package.json': manifest({ scripts: { test: 'tsc && node --import tsx --experimental-strip-types --test "test/**/*.ts"' } }),
    });
    const result = await planIn(repo, { tests: ['test/a.test.ts'] });
    expect(summary(result)).toEqual([['node', '', ['node --import tsx --experimental-strip-types --test test/a.test.ts']]]);
    expect(result.groups[0]?.commands[0]?.argv[0]).toBe(process.execPath);
  });

  it('sends files under a playwright testDir to playwright and the rest to the unit runner', async () => {
    const repo = playwrightWeb({ 'package.json': manifest({}), 'packages/web/playwright.config.ts': "export default { testDir: './e2e' };" });
    expect(summary(await planE2eAndUnit(repo))).toEqual(e2eAndUnitGroups(repo));
  });

  it('reads the configs from their syntax tree: projects only in a comment is no projects, a testDir from a const is one', async () => {
    const repo = playwrightWeb({
      'package.json': manifest({ devDependencies: { vitest: '*' } }),
      'vitest.config.ts': "// projects: one day, per package\nexport default { test: { include: ['tools/**/*.test.ts'] } };",
      'packages/web/vitest.config.ts': 'export default {};',
      'packages/web/playwright.config.ts': "const e2e = './e2e';\nexport default { testDir: e2e };",
    });
    expect(summary(await planE2eAndUnit(repo))).toEqual(e2eAndUnitGroups(repo));
  });

  it('uses the configured runner instead of detection', async () => {
    const repo = workspace({ 'package.json': manifest({ scripts: { test: 'vitest' } }) });
    const result = await planIn(repo, { tests: ['a.test.js'], runner: 'jest' });
    expect(summary(result)).toEqual([['jest', '', ['jest --runTestsByPath a.test.js']]]);
  });

  it('runs a custom command from the root, splitting it into arguments without a shell', async () => {
    const repo = workspace({ 'package.json': manifest({}), 'packages/a/package.json': manifest({}) });
    const result = await planIn(repo, {
      tests: ['packages/a/b c.test.ts', '-dash.test.ts'],
      packages: pkgs('', 'packages/a'),
      runner: { command: `pnpm exec "my runner" --flag='x y' {files} --after` },
    });
    expect(result.groups.map((group) => [group.runner, group.cwd, group.commands[0]?.argv])).toEqual([
      ['custom', '', ['pnpm', 'exec', 'my runner', '--flag=x y', './-dash.test.ts', 'packages/a/b c.test.ts', '--after']],
    ]);
    expect(result.groups[0]?.commands[0]?.display).toBe(
      "pnpm exec 'my runner' '--flag=x y' ./-dash.test.ts 'packages/a/b c.test.ts' --after",
    );
  });

  it('appends the files to a custom command without {files}', async () => {
    const repo = workspace({ 'package.json': manifest({}) });
    const result = await planIn(repo, { tests: ['a.test.js'], runner: { command: 'make test' } });
    expect(result.groups[0]?.commands[0]?.argv).toEqual(['make', 'test', 'a.test.js']);
  });

  it('gives a shell custom command the files as positional parameters', async () => {
    const repo = workspace({ 'package.json': manifest({}) });
    const result = await planIn(repo, { tests: ['a.test.js'], runner: { command: 'FOO=1 run {files} | tee log', shell: true } });
    expect(result.groups[0]?.commands[0]?.argv).toEqual(['/bin/sh', '-c', 'FOO=1 run "$@" | tee log', 'impacted', 'a.test.js']);
    expect(result.groups[0]?.shell).toBe(true);
  });

  it.each([
    ['run --files={files}', '"runner.command": write {files} as a word of its own (found "--files={files}"); each file becomes one argument.'],
    ['run "unclosed {files}', '"runner.command" has an unclosed " quote: run "unclosed {files}'],
    ['{files}', '"runner.command" must start with a program, e.g. "node ./run-tests.mjs {files}".'],
  ])('rejects the custom command %s', async (command, message) => {
    const repo = workspace({ 'package.json': manifest({}) });
    await expect(planIn(repo, { tests: ['a.test.js'], runner: { command } })).rejects.toMatchObject({ code: 'CONFIG', message });
  });

  it('says how to configure a runner when a package names none', async () => {
    const repo = workspace({ 'package.json': manifest({}), 'packages/a/package.json': manifest({}) });
    await expect(planIn(repo, { tests: ['packages/a/x.test.ts'], packages: pkgs('', 'packages/a') })).rejects.toMatchObject({
      code: 'RUNNER',
      message:
        'cannot tell which test runner packages/a uses (no test script, runner config or runner dependency): set "runner" in impacted.config.json.',
    });
  });

  it('in mode all without known tests, runs every package that has a runner', async () => {
    const repo = workspace({
      'package.json': manifest({ scripts: { test: 'turbo run test' } }),
      'packages/a/package.json': manifest({ scripts: { test: 'node --test' } }),
      'packages/b/package.json': manifest({}),
      'packages/c/package.json': manifest({ devDependencies: { vitest: '*' } }),
    });
    const result = await planIn(repo, { mode: 'all', packages: pkgs('', 'packages/a', 'packages/b', 'packages/c') });
    expect(summary(result)).toEqual([
      ['node', 'packages/a', ['node --test']],
      ['vitest', 'packages/c', ['vitest run']],
    ]);
  });

  it('in mode all with a shard, runs the shard’s files rather than full suites', async () => {
    const repo = workspace({ 'package.json': manifest({ scripts: { test: 'node --test' } }) });
    const tests = ['a.test.js', 'b.test.js', 'c.test.js', 'd.test.js'];
    const result = await planIn(repo, { mode: 'all', tests, shard: { index: 2, total: 2 } });
    expect(summary(result)).toEqual([['node', '', ['node --test b.test.js d.test.js']]]);
  });

  it('balances shards by a timings file', async () => {
    const repo = workspace({
      'package.json': manifest({ scripts: { test: 'node --test' } }),
      'timings.json': JSON.stringify({ 'a.test.js': 900, 'b.test.js': 300, 'c.test.js': 300, 'd.test.js': 300 }),
    });
    const tests = ['a.test.js', 'b.test.js', 'c.test.js', 'd.test.js'];
    const shard = async (index: number) =>
      (await planIn(repo, { tests, shard: { index, total: 2 }, timingsFile: 'timings.json' })).groups[0]?.files;
    expect([await shard(1), await shard(2)]).toEqual([['a.test.js'], ['b.test.js', 'c.test.js', 'd.test.js']]);
  });

  it('rejects a timings file that is not a map of durations', async () => {
    const repo = workspace({ 'package.json': manifest({}), 'timings.json': '["a.test.js"]' });
    await expect(
      planIn(repo, { tests: ['a.test.js'], runner: 'node', shard: { index: 1, total: 2 }, timingsFile: 'timings.json' }),
    ).rejects.toMatchObject({ code: 'FILE', message: 'timings file timings.json must be a JSON object of { "<test path>": <milliseconds> }.' });
  });
});
