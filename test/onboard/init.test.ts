// `impacted init`: the config it writes per layout, that the config selects what detection selected, and no silent overwrite.
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/load-config.js';
import { runCli } from '../helpers/cli.js';
import { createRepo, type TempRepo } from '../helpers/repo.js';

const defaultRunAll = ['tsconfig*.json', '{vitest,vite,jest,playwright}.config.*', 'vitest.workspace.*', 'babel.config.*', '.babelrc*', 'impacted.config.json'];
const defaultIgnore = ['**/*.md', 'docs/**', 'LICENSE*', '.vscode/**'];

function listed(repo: TempRepo): { tests: string[]; stderr: string } {
  const result = runCli(['list', '--base', 'main', '--json'], { cwd: repo.dir });
  expect(result.code).toBe(0);
  return { tests: (JSON.parse(result.stdout) as { tests: { path: string }[] }).tests.map((t) => t.path), stderr: result.stderr };
}

/** Runs init on main, then checks that a change on a branch selects the same tests with the config as without it. */
function initAndCompare(fixture: string, edit: (repo: TempRepo) => void, expected: string[]): { repo: TempRepo; stdout: string; config: unknown } {
  const without = createRepo(fixture);
  without.git('checkout', '-q', '-b', 'feature');
  edit(without);
  const detected = listed(without);
  expect(detected.tests).toEqual(expected);
  expect(detected.stderr).toContain('impacted: no config; detected');

  const repo = createRepo(fixture);
  const init = runCli(['init'], { cwd: repo.dir });
  expect(init).toMatchObject({ code: 0, stderr: '' });
  repo.commit('impacted init');
  repo.git('checkout', '-q', '-b', 'feature');
  edit(repo);
  const configured = listed(repo);
  expect(configured.tests).toEqual(detected.tests);
  expect(configured.stderr).not.toContain('no config');
  return { repo, stdout: init.stdout, config: JSON.parse(repo.read('impacted.config.json')) };
}

describe('impacted init', () => {
  it('npm workspaces + vitest: the runner configs’ globs, one runner, the default runAll and ignore', async () => {
    const { repo, stdout, config } = initAndCompare('onboard-npm-vitest', (r) => r.write('packages/core/src/slug.ts', 'export const slug = (t: string) => t;\n'), [
      'packages/core/test/slug.test.ts',
      'packages/web/test/page.test.ts',
    ]);
    expect(config).toEqual({
      runAll: defaultRunAll,
      ignore: defaultIgnore,
      runner: 'vitest',
    });
    expect(stdout).toBe(
      [
        'impacted: wrote impacted.config.json',
        '  tests    not set: the runner configs decide (3 test files today, new ones included); set "tests" only to override them.',
        '  runAll   a change to these runs every test: root tsconfigs and runner configs, this file.',
        "           Runner configs and tsconfigs inside a package only select that package's tests and its dependents'.",
        '  ignore   changes here never select a test: Markdown, docs/, licences, editor settings.',
        '  runner   every package with tests runs them with vitest (3 packages).',
        "  Also available: implicitDependencies (edges the code does not show) and typeOnly. See the README's Configuration section.",
        '  Detected: npm workspaces (3 packages), 1 tsconfig, 3 test files from vitest include globs, runners: vitest (3).',
        '',
      ].join('\n'),
    );
    // What init writes is a valid config.
    await expect(resolveConfig(repo.dir)).resolves.toMatchObject({ source: 'impacted.config.json', runner: 'vitest' });
  });

  it('pnpm + jest: testMatch globs, the docs site ignored', () => {
    const { config, stdout } = initAndCompare('onboard-pnpm-jest', (r) => r.write('pkgs/store/lib/index.js', r.read('pkgs/store/lib/index.js') + '\n'), [
      'pkgs/api/tests/handler.spec.ts',
      'pkgs/store/spec/store.spec.js',
    ]);
    expect(config).toEqual({
      runAll: defaultRunAll,
      ignore: [...defaultIgnore, 'website/**'],
      runner: 'jest',
    });
    expect(stdout).toContain('  ignore   changes here never select a test: Markdown, docs/, licences, editor settings, plus website/.\n');
  });

  it('single package + node:test: the default globs and the node runner', () => {
    const { config } = initAndCompare('onboard-single-node', (r) => r.write('src/sum.js', 'export const sum = () => 0;\n'), ['test/mean.test.js']);
    expect(config).toEqual({
      runAll: defaultRunAll,
      ignore: defaultIgnore,
      runner: 'node',
    });
  });

  it('mixed runners: no "runner" key, so each package keeps its own; a root .mocharc joins runAll', () => {
    const repo = createRepo('onboard-npm-vitest', { commit: false });
    repo.write('packages/cli/package.json', JSON.stringify({ name: '@onboard/cli', scripts: { test: 'mocha' } }));
    repo.write('.mocharc.json', '{ "spec": "packages/cli/test/**/*.test.ts" }\n');
    repo.commit('mocha');
    const result = runCli(['init'], { cwd: repo.dir });
    expect(result.code).toBe(0);
    const config = JSON.parse(repo.read('impacted.config.json')) as Record<string, unknown>;
    expect(config).not.toHaveProperty('runner');
    expect(config.runAll).toEqual([...defaultRunAll, '.mocharc.json']);
    expect(result.stdout).toContain('  runner   not set: packages use different runners (vitest (2), mocha (1)), so impacted keeps detecting them per package.\n');
  });

  it('refuses to overwrite impacted.config.json without --force', () => {
    const repo = createRepo('onboard-single-node');
    repo.write('impacted.config.json', '{ "typeOnly": "ignore" }\n');
    const refused = runCli(['init'], { cwd: repo.dir });
    expect(refused).toEqual({ code: 2, stdout: '', stderr: 'impacted: impacted.config.json already exists. Use impacted init --force to overwrite it.\n' });
    expect(repo.read('impacted.config.json')).toBe('{ "typeOnly": "ignore" }\n');

    const forced = runCli(['init', '--force'], { cwd: repo.dir });
    expect(forced.code).toBe(0);
    expect(forced.stdout.split('\n')[0]).toBe('impacted: overwrote impacted.config.json');
    expect(JSON.parse(repo.read('impacted.config.json'))).toMatchObject({ runner: 'node' });
  });

  it('refuses when package.json already holds an "impacted" config', () => {
    const repo = createRepo('onboard-single-node');
    const manifest = JSON.parse(repo.read('package.json')) as Record<string, unknown>;
    repo.write('package.json', JSON.stringify({ ...manifest, impacted: { ignore: ['notes/**'] } }));
    const refused = runCli(['init'], { cwd: repo.dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      'impacted: package.json already has an "impacted" config. Use impacted init --force to write impacted.config.json, which then takes precedence.\n',
    );
  });
});
