// Static reading follows a config built by a helper the config calls (medusa's defineJestConfig), and never reads a
// variable the config changes after declaring it as what its declaration says.
import { describe, expect, test } from 'vitest';
import { scanFiles } from '../../src/graph/scan-files.js';
import { listJest } from '../../src/runners/jest/probe.js';
import { listVitest } from '../../src/runners/vitest/probe.js';
import { findTests } from '../../src/select/find-tests.js';
import { runCli } from '../helpers/cli.js';
import { createRepo, type TempRepo } from '../helpers/repo.js';
import { installRunner } from './runner-versions.js';

async function staticDiscovery(repo: TempRepo): Promise<{ tests: string[]; warnings: string[] }> {
  const files = (await scanFiles(repo.dir)).files.map((file) => file.path);
  const { tests, warnings } = findTests(repo.dir, files);
  return { tests, warnings };
}

describe('a jest config returned by a required helper', () => {
  test('reads as jest does, and its moduleNameMapper resolves imports, with and without the probe', { timeout: 120_000 }, async () => {
    const repo = createRepo('runners-jest-config-helper');
    installRunner(repo.dir, 'jest', 'jest');
    const listed = await listJest({ root: repo.dir, configFile: 'packages/modules/user/jest.config.js', cwd: 'packages/modules/user', timeoutMs: 60_000 });
    if (!listed.ok) throw new Error(listed.reason);
    expect([...listed.files].sort()).toEqual(['packages/modules/user/integration-tests/__tests__/invite.spec.ts', 'packages/modules/user/integration-tests/__tests__/user.spec.ts']);
    expect(await staticDiscovery(repo)).toEqual({ tests: [...listed.files].sort(), warnings: [] });

    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('packages/modules/user/src/models/user.ts', 'export class User {\n  constructor(public email: string, public name = "") {}\n}\n');
    for (const flags of [['--no-probe'], []]) {
      const result = runCli(['list', '--json', '--base', 'main', ...flags], { cwd: repo.dir });
      expect(result.code, result.stderr).toBe(0);
      const output = JSON.parse(result.stdout) as { tests: { path: string }[]; problems: unknown[] };
      // `@models` is only known through the helper's result: unread, it widened to both tests of the package.
      expect(output.tests.map((t) => t.path)).toEqual(['packages/modules/user/integration-tests/__tests__/user.spec.ts']);
      expect(output.problems).toEqual([]);
    }
  });
});

describe('a helper that static reading cannot follow', () => {
  test('widens with every literal, and says so once per missing setup entry', { timeout: 120_000 }, () => {
    const repo = createRepo('runners-jest-config-helper');
    repo.write('define_jest_config.js', 'module.exports = (config) => (process.env.CI ? { ...config, ci: true } : { testEnvironment: "node", ...config })\n');
    repo.commit('a helper with a branch');
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('packages/modules/user/src/models/user.ts', 'export class User {}\n');
    const result = runCli(['list', '--json', '--base', 'main', '--no-probe'], { cwd: repo.dir });
    expect(result.code, result.stderr).toBe(0);
    const output = JSON.parse(result.stdout) as { tests: { path: string }[]; problems: unknown[]; warnings: string[] };
    // Its moduleNameMapper targets are taken for setup files: src/models has an index, the other four match nothing
    // (src/services has no index, the rest do not exist), so the package widens.
    expect(output.tests.map((t) => t.path)).toEqual(['packages/modules/user/integration-tests/__tests__/invite.spec.ts', 'packages/modules/user/integration-tests/__tests__/user.spec.ts']);
    const problems = output.problems.map((problem) => JSON.stringify(problem));
    expect(problems.length).toBe(2 * 4);
    expect(new Set(problems).size).toBe(problems.length);
    expect(new Set(output.warnings).size).toBe(output.warnings.length);
  });
});

describe('a helper that changes the config it is given', () => {
  test('gives an unknown config, widened by what the helper writes', { timeout: 120_000 }, async () => {
    const repo = createRepo('runners-jest-config-helper');
    repo.write(
      'define_jest_config.js',
      'module.exports = function defineJestConfig(config) {\n  config.testMatch = ["**/__tests__/**/*.spec.ts", "**/checks/*.check.ts"]\n  return { testEnvironment: "node", ...config }\n}\n',
    );
    repo.write('packages/modules/user/checks/invite.check.ts', 'test("checks", () => {})\n');
    repo.commit('a helper that sets testMatch');
    installRunner(repo.dir, 'jest', 'jest');
    const listed = await listJest({ root: repo.dir, configFile: 'packages/modules/user/jest.config.js', cwd: 'packages/modules/user', timeoutMs: 60_000 });
    if (!listed.ok) throw new Error(listed.reason);
    expect(listed.files).toContain('packages/modules/user/checks/invite.check.ts');
    const { tests, warnings } = await staticDiscovery(repo);
    // Read as the argument alone, the config had jest's default testMatch: the check was no test.
    expect(tests).toEqual(expect.arrayContaining(listed.files));
    expect(warnings).toContainEqual(expect.stringContaining('config, changed by the function in define_jest_config.js,'));
  });
});

describe('a config value changed after its declaration', () => {
  test('is unknown, so the tests it adds stay tests', { timeout: 120_000 }, async () => {
    const repo = createRepo();
    repo.write('package.json', '{ "name": "pushed", "private": true, "type": "module" }\n');
    repo.write(
      'vitest.config.ts',
      [
        "import { defineConfig } from 'vitest/config';",
        "const include = ['unit/**/*.test.ts'];",
        "if (process.env.E2E !== '0') include.push('e2e/**/*.check.ts');",
        'export default defineConfig({ test: { include } });',
        '',
      ].join('\n'),
    );
    repo.write('unit/a.test.ts', "import { test } from 'vitest';\ntest('a', () => {});\n");
    repo.write('e2e/b.check.ts', "import { test } from 'vitest';\ntest('b', () => {});\n");
    repo.commit('pushed include');
    installRunner(repo.dir, 'vitest', 'vitest');
    const listed = await listVitest({ root: repo.dir, configFile: 'vitest.config.ts', timeoutMs: 60_000 });
    if (!listed.ok) throw new Error(listed.reason);
    expect(listed.files).toEqual(['e2e/b.check.ts', 'unit/a.test.ts']);
    const { tests, warnings } = await staticDiscovery(repo);
    // Read from its declaration alone, `include` had only the unit tests.
    expect(tests).toEqual(expect.arrayContaining(listed.files));
    expect(warnings).toEqual([expect.stringContaining('include, changed after its declaration in vitest.config.ts,')]);
  });
});

describe('a change to the helper a runner config imports', () => {
  test('selects what a change to the config selects: its package tests (medusa: define_jest_config.js)', () => {
    const repo = createRepo('runners-jest-config-helper');
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('define_jest_config.js', `${repo.read('define_jest_config.js')}\n// another default\n`);
    const result = runCli(['list', '--json', '--base', 'main', '--no-probe'], { cwd: repo.dir });
    expect(result.code).toBe(0);
    const selection = JSON.parse(result.stdout) as { tests: { path: string; reasons: { changed: string; via: string[]; rule?: string }[] }[] };
    const reason = { changed: 'define_jest_config.js', via: [], rule: 'jest.config.js of packages/modules/user imports define_jest_config.js' };
    expect(selection.tests).toEqual([
      { path: 'packages/modules/user/integration-tests/__tests__/invite.spec.ts', reasons: [reason] },
      { path: 'packages/modules/user/integration-tests/__tests__/user.spec.ts', reasons: [reason] },
    ]);
  });
});
