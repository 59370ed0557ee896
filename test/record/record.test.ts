// `impacted record` and the recorded ∪ static selection, end to end on fixtures/record-runtime (node:test packages whose
// tests load code through process.cwd(), spawn an installed CLI, and read another package's data file).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Selection } from '../../src/types.js';
import { runCli } from '../helpers/cli.js';
import { createRepo, projectRoot, type TempRepo } from '../helpers/repo.js';

function runtimeRepo(): TempRepo {
  const repo = createRepo('record-runtime');
  // What npm install does for the workspace: the CLI package linked into node_modules.
  mkdirSync(path.join(repo.dir, 'node_modules', '@rr'), { recursive: true });
  symlinkSync('../../packages/cli', path.join(repo.dir, 'node_modules', '@rr', 'cli'), 'dir');
  return repo;
}

function listJson(repo: TempRepo, args: string[] = []): Selection {
  const result = runCli(['list', '--json', ...args], { cwd: repo.dir });
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Selection;
}

const selected = (selection: Selection) => selection.tests.map((test) => test.path);

const unseen = [
  'recorded dependencies the static graph does not see (4):',
  '  packages/cli/bin.mjs  executed by 1 test (packages/e2e/test/cli.test.mjs)',
  '  packages/cli/src/greet.mjs  executed by 1 test (packages/e2e/test/cli.test.mjs)',
  '  packages/pricing/src/discount.mjs  executed by 1 test (packages/pricing/test/discount.test.mjs)',
  '  packages/test-data/rates/standard.json  read by 1 test (packages/pricing/test/rates.test.mjs)',
  '',
].join('\n');

const edits: [string, string, string][] = [
  ['packages/pricing/src/discount.mjs', 'packages/pricing/test/discount.test.mjs', 'executed'],
  ['packages/cli/src/greet.mjs', 'packages/e2e/test/cli.test.mjs', 'executed'],
  ['packages/test-data/rates/standard.json', 'packages/pricing/test/rates.test.mjs', 'read'],
];

describe('impacted record', () => {
  let repo: TempRepo;
  let commit: string;
  const staticOnly = path.join(mkdtempSync(path.join(tmpdir(), 'impacted-record-config-')), 'static.json');
  beforeAll(() => {
    writeFileSync(staticOnly, '{ "recorded": false }\n');
    repo = runtimeRepo();
    commit = repo.git('rev-parse', 'HEAD');
    const recorded = runCli(['record'], { cwd: repo.dir });
    expect(recorded.code, recorded.stderr).toBe(0);
    expect(recorded.stdout).toBe(unseen);
    expect(recorded.stderr).toMatch(
      new RegExp(`impacted: recorded 3 test files on ${commit.slice(0, 12)}: 8 files in node_modules/\\.cache/impacted/recorded\\.json \\([\\d.]+ KB\\)\\n$`),
    );
    repo.git('checkout', '-q', '-b', 'feature');
  });

  it.each(edits)('a change to %s selects %s only through the recording', (file, test, how) => {
    repo.write(file, `${repo.read(file)}\n`);
    try {
      const withMap = listJson(repo);
      expect(withMap.tests).toEqual([{ path: test, reasons: [{ changed: file, via: [], rule: `recorded on ${commit.slice(0, 7)}: ${how} ${file}` }] }]);
      expect(withMap.recorded).toMatchObject({ file: 'node_modules/.cache/impacted/recorded.json', commit, tests: 3, stale: [] });
      // The static graph alone cannot see it (a config outside the repository, so that it is no change).
      expect(selected(listJson(repo, ['--config', staticOnly]))).toEqual([]);
    } finally {
      repo.git('checkout', '-q', '--', '.');
    }
  });

  it('why names the recording as the reason', () => {
    repo.write('packages/cli/src/greet.mjs', 'export const greet = (name) => `hi, ${name}`;\n');
    try {
      const result = runCli(['why', 'packages/e2e/test/cli.test.mjs'], { cwd: repo.dir });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toBe(
        [
          'packages/e2e/test/cli.test.mjs is selected by 1 changed file:',
          `  packages/cli/src/greet.mjs  (recorded on ${commit.slice(0, 7)}: executed packages/cli/src/greet.mjs)`,
          '    -> packages/e2e/test/cli.test.mjs',
          '',
        ].join('\n'),
      );
    } finally {
      repo.git('checkout', '-q', '--', '.');
    }
  });

  it('explains the existing map without running anything', () => {
    const result = runCli(['record', '--explain', '--top', '2'], { cwd: repo.dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(`${unseen.split('\n').slice(0, 3).join('\n').replace('(4)', '(top 2 of 4)')}\n`);
    expect(result.stderr).toContain(`impacted: node_modules/.cache/impacted/recorded.json: recorded on ${commit.slice(0, 12)} at `);
  });
});

describe('a recorded map and a test edited since', () => {
  it('leaves the edited test to the static rules, and says so', () => {
    const repo = runtimeRepo();
    expect(runCli(['record', 'packages/pricing/test/discount.test.mjs'], { cwd: repo.dir }).code).toBe(0);
    // main moves on: the test is rewritten after the recording; a branch then changes the module it used to load.
    repo.write('packages/pricing/test/discount.test.mjs', '// rewritten\n');
    repo.commit('rewrite the test');
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('packages/pricing/src/discount.mjs', 'export default (cents) => cents;\n');
    const result = runCli(['list', '--json'], { cwd: repo.dir });
    expect(result.code, result.stderr).toBe(0);
    const selection = JSON.parse(result.stdout) as Selection;
    expect(selected(selection)).toEqual([]);
    expect(selection.recorded?.stale).toEqual(['packages/pricing/test/discount.test.mjs']);
    expect(result.stderr).toContain('impacted: 1 test changed since the map was recorded on ');
  });
});

describe('recording from the user\'s own test run', () => {
  it('makes the map from a NODE_V8_COVERAGE directory written with the preload, and list uses it', () => {
    const repo = runtimeRepo();
    repo.write('impacted.config.json', '{ "recorded": ".impacted/recorded.json" }\n');
    repo.commit('config');
    const coverage = mkdtempSync(path.join(tmpdir(), 'impacted-record-coverage-'));
    const run = spawnSync(process.execPath, ['--test'], {
      cwd: path.join(repo.dir, 'packages/pricing'),
      encoding: 'utf8',
      env: { ...process.env, NODE_V8_COVERAGE: coverage, NODE_OPTIONS: `--require ${path.join(projectRoot, 'preload/coverage.cjs')}` },
    });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const recorded = runCli(['record', '--from-coverage', coverage], { cwd: repo.dir });
    expect(recorded.code, recorded.stderr).toBe(0);
    expect(recorded.stderr).toMatch(/impacted: recorded 2 test files on \w{12}: 5 files in \.impacted\/recorded\.json/);

    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('packages/pricing/src/discount.mjs', 'export default (cents) => cents;\n');
    // The map itself sits untracked in the work tree, as a CI cache restores it: ignored, never a change.
    const selection = listJson(repo);
    expect(selection.reason).toBe('2 changed files affect 1 of 3 tests (1 ignored)');
    expect(selected(selection)).toEqual(['packages/pricing/test/discount.test.mjs']);
  });

  it('says so when the configured map is missing, and selects statically', () => {
    const repo = runtimeRepo();
    repo.write('impacted.config.json', '{ "recorded": ".impacted/recorded.json" }\n');
    repo.commit('config');
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('packages/pricing/src/discount.mjs', 'export default (cents) => cents;\n');
    const result = runCli(['list'], { cwd: repo.dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('impacted: recorded map .impacted/recorded.json not found: static selection only (run impacted record on the default branch)\n');
  });

  it('rejects a map it cannot read with one line and exit 2', () => {
    const repo = runtimeRepo();
    repo.write('impacted.config.json', '{ "recorded": "map.json" }\n');
    for (const [content, message] of [
      ['{ not json', 'impacted: map.json is not a recorded map (invalid JSON). Write it again with impacted record.\n'],
      ['{ "version": 2 }', 'impacted: map.json is version 2, this impacted reads version 1. Write it again with impacted record.\n'],
    ]) {
      repo.write('map.json', content!);
      const result = runCli(['list'], { cwd: repo.dir });
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(message);
    }
    // A FIFO where the map should be is refused, not waited on.
    repo.remove('map.json');
    spawnSync('mkfifo', [path.join(repo.dir, 'map.json')]);
    const fifo = runCli(['list'], { cwd: repo.dir });
    expect(fifo.code).toBe(2);
    expect(fifo.stderr).toBe('impacted: map.json is not a regular file. Point "recorded" at a map written by impacted record.\n');
    const explain = runCli(['record', '--explain', '--out', 'none.json'], { cwd: repo.dir });
    expect(explain.code).toBe(2);
    expect(explain.stderr).toBe('impacted: no recorded map at none.json: run impacted record first (or pass --out <file>).\n');
  });
});
