// The runners are asked while the graph reads the files' imports (the graph waits for their aliases only to resolve):
// the selection is the one the runners' aliases give, cold and warm, and --verbose says what ran during the graph.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { createRepo } from '../helpers/repo.js';
import { installRunner } from './runner-versions.js';

test("a cold list asks jest during the graph and resolves with its moduleNameMapper; a warm one gives the same", { timeout: 120_000 }, () => {
  const repo = createRepo('runners-jest-projects');
  installRunner(repo.dir, 'jest', 'jest');
  // A mapper only jest can tell (its key is computed), and a config that takes a while to load, as real ones do.
  repo.write(
    'jest.config.js',
    repo
      .read('jest.config.js')
      .replace("moduleNameMapper: { '^@a/(.*)$': '<rootDir>/src/$1' }", () => "moduleNameMapper: { [['^@', 'a/(.*)$'].join('')]: '<rootDir>/src/$1' }")
      .replace('module.exports = {', () => 'Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);\nmodule.exports = {'),
  );
  repo.commit('computed mapper');
  repo.write('packages/a/src/value.js', `${repo.read('packages/a/src/value.js')}// changed\n`);
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'impacted-probe-overlap-'));
  const list = () => runCli(['list', '--json', '--verbose', '--base', 'HEAD', '--cache-dir', cacheDir], { cwd: repo.dir });
  const expected = [{ path: 'packages/a/src/x.spec.js', reasons: [{ changed: 'packages/a/src/value.js', via: [] }] }];

  const cold = list();
  expect(cold.code).toBe(0);
  expect((JSON.parse(cold.stdout) as { tests: unknown }).tests).toEqual(expected);
  // jest ran (300 ms at least) while the graph was built: part of its time passed during the graph, the rest was waited for.
  const [, waited, during] = /runner probe (\d+) ms \(\+(\d+) ms during the graph\)/.exec(cold.stderr) ?? [];
  expect(Number(during)).toBeGreaterThan(0);
  expect(Number(waited) + Number(during)).toBeGreaterThanOrEqual(300);

  const warm = list();
  expect(warm.code).toBe(0);
  expect((JSON.parse(warm.stdout) as { tests: unknown }).tests).toEqual(expected);
});
