import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImpactedError } from '../../src/errors.js';
import { runTests } from '../../src/run/run-tests.js';
import type { RunEvent, RunTestsOptions } from '../../src/run/types.js';
import { createRepo } from '../helpers/repo.js';
import { createRunRepo, monorepoPackages } from './run-repo.js';

const allTests = [
  'packages/jest-pkg/test/c.test.js',
  'packages/jest-pkg/test/d.test.js',
  'packages/node-pkg/test/e.test.mjs',
  'packages/node-pkg/test/f.test.mjs',
  'packages/node-pkg/test/slow.test.mjs',
  'packages/vite-pkg/test/a.test.ts',
  'packages/vite-pkg/test/aa.test.ts',
  'packages/vite-pkg/test/b.test.ts',
  'packages/vite-pkg/test/nested/test/a.test.ts',
];

const allRecorded = [
  'jest-pkg/c',
  'jest-pkg/d',
  'node-pkg/e',
  'node-pkg/f',
  'vite-pkg/a',
  'vite-pkg/aa',
  'vite-pkg/b',
  'vite-pkg/nested/a',
];

describe('runTests on a monorepo with vitest, jest and node:test packages', () => {
  const repo = createRunRepo();
  const run = async (options: Partial<RunTestsOptions>) => {
    repo.reset();
    const events: RunEvent[] = [];
    const result = await runTests({
      root: repo.dir,
      mode: 'affected',
      tests: [],
      packages: monorepoPackages,
      onEvent: (event) => events.push(event),
      ...options,
      env: { ...repo.env, ...options.env },
    });
    return { result, events, ran: repo.ran() };
  };

  it('runs exactly the selected files, each group with its own runner and directory', async () => {
    const { result, ran } = await run({
      tests: ['packages/vite-pkg/test/aa.test.ts', 'packages/jest-pkg/test/d.test.js', 'packages/node-pkg/test/e.test.mjs'],
    });
    expect(result.exitCode).toBe(0);
    expect(ran).toEqual(['jest-pkg/d', 'node-pkg/e', 'vite-pkg/aa']);
    expect(result.groups.map((group) => [group.runner, group.cwd, group.exitCode, group.started])).toEqual([
      ['jest', 'packages/jest-pkg', 0, true],
      ['node', 'packages/node-pkg', 0, true],
      ['vitest', 'packages/vite-pkg', 0, true],
    ]);
    expect(result.groups.map((group) => group.commands.map((command) => command.display))).toEqual([
      ['jest --runTestsByPath test/d.test.js'],
      ['node --no-warnings --test test/e.test.mjs'],
      ['vitest run test/aa.test.ts'],
    ]);
  });

  it('can only over-select with vitest, never miss: a filter also matches a deeper file with the same tail', async () => {
    // Known limitation: vitest has no exact file mode and matches filters as substrings of paths. The filter keeps
    // the directory ("test/a.test.ts"), so test/aa.test.ts stays out, but test/nested/test/a.test.ts contains it.
    const { result, ran } = await run({ tests: ['packages/vite-pkg/test/a.test.ts'] });
    expect(result.exitCode).toBe(0);
    expect(ran).toEqual(['vite-pkg/a', 'vite-pkg/nested/a']);
  });

  it("passes a failing runner's exit code through, after running every group", async () => {
    const { result, ran } = await run({
      tests: ['packages/vite-pkg/test/b.test.ts', 'packages/jest-pkg/test/c.test.js', 'packages/node-pkg/test/f.test.mjs'],
      env: { FAIL_TEST: 'node-pkg/f' },
    });
    expect(ran).toEqual(['jest-pkg/c', 'node-pkg/f', 'vite-pkg/b']);
    expect(result.groups.map((group) => [group.runner, group.exitCode])).toEqual([
      ['jest', 0],
      ['node', 1],
      ['vitest', 0],
    ]);
    expect(result.exitCode).toBe(1);
  });

  it("returns the first failing group's code when several fail", async () => {
    const { result } = await run({
      tests: ['packages/jest-pkg/test/c.test.js', 'packages/node-pkg/test/f.test.mjs'],
      runner: { command: 'node ./run-custom.mjs {files}' },
      env: { CUSTOM_EXIT: '7' },
    });
    expect(result.exitCode).toBe(7);
  });

  it('exits 0 without starting a runner when nothing is selected', async () => {
    const { result, events, ran } = await run({ tests: [], runner: { command: 'node ./run-custom.mjs {files}' } });
    expect(result).toEqual({ exitCode: 0, aborted: false, groups: [] });
    expect(events.map((event) => event.type)).toEqual(['plan']);
    expect(ran).toEqual([]);
    expect(existsSync(repo.marker)).toBe(false);
  });

  it("mode all runs each runner's own full suite, not a file list", async () => {
    const { result, ran } = await run({ mode: 'all', tests: allTests });
    expect(result.exitCode).toBe(0);
    expect(ran).toEqual(allRecorded);
    expect(result.groups.map((group) => group.commands.map((command) => command.display))).toEqual([
      ['jest'],
      ['node --no-warnings --test'],
      ['vitest run'],
    ]);
  });

  it('runs groups in parallel with concurrency, each line of output marked with its group', async () => {
    const { result, events, ran } = await run({
      tests: ['packages/jest-pkg/test/c.test.js', 'packages/node-pkg/test/e.test.mjs', 'packages/vite-pkg/test/b.test.ts'],
      concurrency: 3,
    });
    expect(result.exitCode).toBe(0);
    expect(ran).toEqual(['jest-pkg/c', 'node-pkg/e', 'vite-pkg/b']);
    const outputs = events.flatMap((event) => (event.type === 'output' ? [event] : []));
    expect(new Set(outputs.map((event) => event.group.cwd))).toEqual(new Set(['packages/jest-pkg', 'packages/node-pkg', 'packages/vite-pkg']));
    for (const event of outputs) {
      const prefix = `[${event.group.cwd}] `;
      expect(event.text.endsWith('\n')).toBe(true);
      for (const line of event.text.slice(0, -1).split('\n')) expect(line.startsWith(prefix)).toBe(true);
    }
  });

  it('with concurrency, a group’s lines arrive while it runs, not when it ends', async () => {
    // The test waits until the go file exists, and only the line it prints makes this test create it.
    const go = path.join(repo.dir, 'go');
    repo.write(
      'packages/node-pkg/test/wait.test.mjs',
      `import { existsSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
test('waits', async () => {
  console.log('waiting for go');
  const started = Date.now();
  while (!existsSync(process.env.GO_FILE)) {
    if (Date.now() - started > 20000) throw new Error('no go file: the output was held');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
});
`,
    );
    const seen: string[] = [];
    repo.reset();
    const result = await runTests({
      root: repo.dir,
      mode: 'affected',
      tests: ['packages/node-pkg/test/wait.test.mjs', 'packages/vite-pkg/test/b.test.ts'],
      packages: monorepoPackages,
      concurrency: 2,
      env: { ...repo.env, GO_FILE: go },
      onEvent: (event) => {
        if (event.type === 'group-end') seen.push(`end ${event.group.cwd}`);
        if (event.type === 'output' && event.text.includes('[packages/node-pkg] # waiting for go\n')) {
          seen.push('waiting');
          writeFileSync(go, '');
        }
      },
    });
    expect(result.exitCode).toBe(0);
    expect(seen.indexOf('waiting')).toBeGreaterThanOrEqual(0);
    expect(seen.indexOf('waiting')).toBeLessThan(seen.indexOf('end packages/node-pkg'));
  });

  it('--dry-run plans the commands and starts nothing', async () => {
    const { result, events, ran } = await run({ tests: ['packages/node-pkg/test/e.test.mjs'], dryRun: true });
    expect(ran).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.groups.map((group) => [group.started, group.commands[0]?.display])).toEqual([
      [false, 'node --no-warnings --test test/e.test.mjs'],
    ]);
    expect(events.map((event) => event.type)).toEqual(['plan']);
  });

  it('passes extra arguments to the runner before the files', async () => {
    const { result, ran } = await run({
      tests: ['packages/node-pkg/test/e.test.mjs'],
      runner: { command: 'node ./run-custom.mjs {files}' },
      extraArgs: ['--reporter', 'dot'],
    });
    expect(result.exitCode).toBe(0);
    expect(ran).toEqual(['custom:--reporter', 'custom:dot', 'custom:packages/node-pkg/test/e.test.mjs']);
  });

  it('gives node the extra arguments of `-- <args>` too', async () => {
    const { result, ran } = await run({ tests: ['packages/node-pkg/test/e.test.mjs'], extraArgs: ['--test-reporter=dot'] });
    expect(result.groups[0]?.commands[0]?.display).toBe('node --no-warnings --test --test-reporter=dot test/e.test.mjs');
    expect([result.exitCode, ran]).toEqual([0, ['node-pkg/e']]);
  });

  it('splits a long file list into several commands under the argument limit and runs them all', async () => {
    const { result, ran } = await run({
      tests: allTests,
      runner: { command: 'node ./run-custom.mjs {files}' },
      maxArgumentBytes: 80,
    });
    const commands = result.groups[0]?.commands ?? [];
    expect(commands.length).toBeGreaterThan(2);
    for (const command of commands) expect(command.argv.slice(2).join(' ').length).toBeLessThanOrEqual(80);
    expect(result.exitCode).toBe(0);
    expect(ran).toEqual(allTests.map((file) => `custom:${file}`).toSorted());
  });

  it('combines the exit codes of split commands', async () => {
    const { result } = await run({
      tests: allTests,
      runner: { command: 'node ./run-custom.mjs {files}' },
      maxArgumentBytes: 80,
      env: { CUSTOM_EXIT: '3' },
    });
    expect(result.exitCode).toBe(3);
  });

  it('--shard runs disjoint parts of the selection that together are all of it', async () => {
    const parts: string[][] = [];
    for (const index of [1, 2, 3]) {
      const { result, ran } = await run({
        tests: allTests,
        runner: { command: 'node ./run-custom.mjs {files}' },
        shard: { index, total: 3 },
      });
      expect(result.exitCode).toBe(0);
      parts.push(ran.map((line) => line.replace(/^custom:/, '')));
    }
    expect(parts.map((part) => part.length)).toEqual([3, 3, 3]);
    expect(parts.flat().toSorted()).toEqual(allTests);
  });

  it('hands file names to the runner as single arguments, never to a shell', async () => {
    const odd = 'packages/node-pkg/test/we ird;$(touch pwned)`touch pwned2`.test.mjs';
    for (const shell of [false, true]) {
      const { result, ran } = await run({ tests: [odd], runner: { command: 'node ./run-custom.mjs {files}', shell } });
      expect(result.exitCode).toBe(0);
      expect(ran).toEqual([`custom:${odd}`]);
    }
    expect(existsSync(path.join(repo.dir, 'pwned'))).toBe(false);
    expect(existsSync(path.join(repo.dir, 'pwned2'))).toBe(false);
  });

  it('exits 2 saying what to fix when a custom runner cannot be started', async () => {
    const { result } = await run({
      tests: ['packages/node-pkg/test/e.test.mjs'],
      runner: { command: 'impacted-no-such-runner {files}' },
    });
    expect(result.exitCode).toBe(2);
    expect(result.groups[0]?.error).toBe(
      'cannot start "impacted-no-such-runner" (ENOENT): install it, or fix "runner.command" in impacted.config.json.',
    );
  });

  it('refuses a runner that is not installed, before starting anything', async () => {
    // A repository of its own, without this project's node_modules (where every runner is installed).
    const bare = createRepo('run-monorepo');
    bare.write('packages/mocha-pkg/package.json', JSON.stringify({ name: 'mocha-pkg', scripts: { test: 'mocha' } }));
    const attempt = runTests({
      root: bare.dir,
      mode: 'affected',
      tests: ['packages/mocha-pkg/test/m.test.js', 'packages/node-pkg/test/e.test.mjs'],
      packages: [...monorepoPackages, { name: 'mocha-pkg', dir: 'packages/mocha-pkg', dependsOn: [] }],
      env: { IMPACTED_MARKER: path.join(bare.dir, '.marker') },
    });
    await expect(attempt).rejects.toThrow(
      new ImpactedError('RUNNER', 'mocha is not installed in packages/mocha-pkg: run npm i -D mocha in packages/mocha-pkg, or set "runner" in impacted.config.json.'),
    );
    await expect(attempt).rejects.toMatchObject({ code: 'RUNNER' });
    expect(existsSync(path.join(bare.dir, '.marker'))).toBe(false);
  });
});
