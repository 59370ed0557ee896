// A package config inside a directory whose own config declares projects that do not include it (medusa's
// integration-tests/modules): its package's jest runs its tests, so they are tests, with and without the probe.
import { describe, expect, test } from 'vitest';
import { listJest } from '../../src/runners/jest/probe.js';
import { runCli } from '../helpers/cli.js';
import { createRepo, type TempRepo } from '../helpers/repo.js';
import { installRunner } from './runner-versions.js';

function selected(repo: TempRepo, probe: boolean): string[] {
  const result = runCli(['list', '--json', '--base', 'main', ...(probe ? [] : ['--no-probe'])], { cwd: repo.dir });
  expect(result.code, result.stderr).toBe(0);
  const output = JSON.parse(result.stdout) as { mode: string; tests: { path: string }[] };
  expect(output.mode).toBe('affected');
  return output.tests.map((t) => t.path);
}

describe('a package config that an outer config with projects does not name', () => {
  test.each([false, true])('its tests are selected (probe: %s)', { timeout: 120_000 }, async (probe) => {
    const repo = createRepo('runners-jest-nested');
    installRunner(repo.dir, 'jest', 'jest');
    // What the package's own jest lists: the oracle.
    const listed = await listJest({ root: repo.dir, configFile: 'integration-tests/modules/jest.config.js', cwd: 'integration-tests/modules', timeoutMs: 60_000 });
    if (!listed.ok) throw new Error(listed.reason);
    expect(listed.files).toEqual(['integration-tests/modules/__tests__/cart.spec.js']);
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('integration-tests/modules/src/cart.js', 'exports.total = (items) => items.length\n');
    expect(selected(repo, probe)).toEqual(listed.files);
  });
});
