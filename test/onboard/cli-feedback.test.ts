// What list and run say on stderr: the no-config detection note (once), --quiet, --verbose; stdout stays the same.
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { createRepo } from '../helpers/repo.js';

const note =
  'impacted: no config; detected npm workspaces (3 packages), 1 tsconfig, 3 test files from vitest include globs, runners: vitest (3). Run impacted init to save it to impacted.config.json.';

describe('CLI feedback', () => {
  const repo = createRepo('onboard-npm-vitest');
  repo.git('checkout', '-q', '-b', 'feature');
  repo.write('packages/web/src/page.ts', "export const pageUrl = (title: string): string => `/p/${title}`;\n");

  it('list without a config prints the detection note once, before the summary', () => {
    const result = runCli(['list', '--base', 'main'], { cwd: repo.dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('packages/web/test/page.test.ts\n');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(note);
    expect(lines[1]).toMatch(/^impacted: 1 changed file affects 1 of 3 tests \(base [0-9a-f]{12}, \d+ ms\)$/);
  });

  it('run --dry-run prints it once too', () => {
    const result = runCli(['run', '--base', 'main', '--dry-run'], { cwd: repo.dir });
    expect(result.stderr.split(note).length - 1).toBe(1);
  });

  it('--quiet drops the note and the summary; the test list is unchanged', () => {
    for (const args of [['--quiet', 'list', '--base', 'main'], ['list', '--base', 'main', '--quiet']]) {
      expect(runCli(args, { cwd: repo.dir })).toEqual({ code: 0, stdout: 'packages/web/test/page.test.ts\n', stderr: '' });
    }
  });

  it('--verbose adds the stage timings', () => {
    // 3 edges, where why and graph count 4: list reads what the tests reach, and none reaches packages/core/src/index.ts.
    const result = runCli(['list', '--base', 'main', '--verbose', '--quiet'], { cwd: repo.dir });
    expect(result.stderr).toMatch(
      /^impacted: timings: start-up \d+ ms, config \d+ ms, scan \d+ ms, runner probe \d+ ms(?: \(\+\d+ ms during the graph\))?, runner configs \d+ ms, graph \d+ ms \(scan \d+ ms, extract \d+ ms, resolve \d+ ms; 18 files, 3 edges\), git diff \d+ ms, tests \d+ ms, select \d+ ms,(?: other \d+ ms,)? total \d+ ms\n$/,
    );
  });

  it('--verbose gives why and graph their stage timings too', () => {
    const why = runCli(['--verbose', 'why', 'packages/web/test/page.test.ts', '--base', 'main'], { cwd: repo.dir });
    expect(why.code).toBe(0);
    // The last line; --verbose notes which runner configs were read statically (no runner is installed) before it.
    expect(why.stderr).toMatch(
      /(^|\n)impacted: timings: start-up \d+ ms, config \d+ ms, scan \d+ ms, runner probe \d+ ms(?: \(\+\d+ ms during the graph\))?, runner configs \d+ ms, graph \d+ ms \(scan \d+ ms, extract \d+ ms, resolve \d+ ms; 18 files, 4 edges\), git diff \d+ ms, tests \d+ ms, select \d+ ms,(?: other \d+ ms,)? total \d+ ms\n(?![\s\S])/m,
    );
    expect(why.stderr.split('\n').filter((line) => !line.includes('vitest is not installed; read statically instead'))).toHaveLength(2);
    const graph = runCli(['--verbose', '--quiet', 'graph'], { cwd: repo.dir });
    expect(graph.code).toBe(0);
    expect(graph.stderr).toMatch(/(^|\n)impacted: timings: start-up \d+ ms, graph \d+ ms \(scan \d+ ms, extract \d+ ms, resolve \d+ ms; 18 files, 4 edges\),(?: other \d+ ms,)? total \d+ ms\n$/);
  });

  it('no note when a config exists (impacted.config.json or package.json "impacted")', () => {
    for (const write of [
      (r: typeof repo) => r.write('impacted.config.json', '{ "runner": "vitest" }\n'),
      (r: typeof repo) => r.write('package.json', JSON.stringify({ ...JSON.parse(r.read('package.json')), impacted: { runner: 'vitest' } })),
    ]) {
      const configured = createRepo('onboard-npm-vitest', { commit: false });
      write(configured);
      configured.commit('config');
      configured.git('checkout', '-q', '-b', 'feature');
      configured.write('packages/cli/src/main.ts', "export const usage = 'onboard';\n");
      const result = runCli(['list', '--base', 'main'], { cwd: configured.dir });
      expect(result.code).toBe(0);
      expect(result.stderr).toMatch(/^impacted: 1 changed file affects 1 of 3 tests \(base [0-9a-f]{12}, \d+ ms\)\n$/);
    }
  });

  it('errors still print with --quiet', () => {
    const result = runCli(['list', '--base', 'nope', '--quiet'], { cwd: repo.dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^impacted: base ref "nope" not found/);
  });
});
