// trpc's shape (fixtures/runners-vitest-workspace-shared): a root vitest config beside its workspace file, package
// configs that re-export it, one setup file shared by every project through vitest 1-3's resolution from the parent of
// each project's root. A change to that setup file selects every test, asked from vitest or read statically.
import { describe, expect, test } from 'vitest';
import { listVitest } from '../../src/runners/vitest/probe.js';
import { runCli } from '../helpers/cli.js';
import { createRepo, type TempRepo } from '../helpers/repo.js';
import { installRunner } from './runner-versions.js';

const allTests = ['packages/client/src/link.test.ts', 'packages/server/src/router.test.ts', 'packages/tests/server/client.test.ts', 'packages/tests/server/server.test.ts'];

function list(repo: TempRepo, ...flags: string[]): { tests: string[]; stderr: string } {
  const result = runCli(['list', '--json', '--base', 'main', ...flags], { cwd: repo.dir });
  expect(result.code, result.stderr).toBe(0);
  return { tests: (JSON.parse(result.stdout) as { tests: { path: string }[] }).tests.map((t) => t.path), stderr: result.stderr };
}

describe.each([{ alias: 'vitest-v2' }, { alias: 'vitest-v3' }])('with $alias installed', ({ alias }) => {
  test('vitest lists every package test and shares packages/tests/setupTests.ts; its change selects them all, probed or read statically; a package source its importers', { timeout: 120_000 }, async () => {
    const repo = createRepo('runners-vitest-workspace-shared');
    installRunner(repo.dir, 'vitest', alias);
    const listed = await listVitest({ root: repo.dir, configFile: 'vitest.config.ts', timeoutMs: 60_000 });
    if (!listed.ok) throw new Error(listed.reason);
    expect([...listed.files].sort()).toEqual(allTests);
    expect(new Set(listed.projects.flatMap((project) => project.setupFiles))).toEqual(new Set(['packages/tests/setupTests.ts']));
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('packages/tests/setupTests.ts', '(globalThis as { ready?: boolean }).ready = false;\n');
    const probed = list(repo);
    // The answer for vitest.config.ts is the workspace file's: no static reading of the package configs, no warning.
    expect(probed.tests).toEqual(allTests);
    expect(probed.stderr).toContain('as vitest resolved them');
    expect(probed.stderr).not.toContain('matches no file');
    const statically = list(repo, '--no-probe');
    expect(statically.tests).toEqual(allTests);
    expect(statically.stderr).not.toContain('matches no file');
    // A package source selects its own tests and the cross-package tests importing it by its aliased name.
    repo.git('checkout', '-q', '--', 'packages/tests/setupTests.ts');
    repo.write('packages/server/src/index.ts', 'export const router = (name: string) => ({ name: `${name}` });\n');
    expect(list(repo).tests).toEqual(['packages/server/src/router.test.ts', 'packages/tests/server/server.test.ts']);
    expect(list(repo, '--no-probe').tests).toEqual(['packages/server/src/router.test.ts', 'packages/tests/server/server.test.ts']);
  });
});
