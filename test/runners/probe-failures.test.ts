// A probe that cannot ask its runner (a hang, a crash, a broken install) returns a reason; it never throws or hangs.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { probeVitest } from '../../src/runners/vitest/probe.js';
import { createRepo, type TempRepo } from '../helpers/repo.js';

/** A stand-in vitest whose `createVitest` runs `body`. */
function stubVitest(repo: TempRepo, body: string): void {
  repo.write('node_modules/vitest/package.json', JSON.stringify({ name: 'vitest', version: '4.0.0', type: 'module', exports: { './node': './node.js' } }));
  repo.write('node_modules/vitest/node.js', `export async function createVitest() {\n${body}\n}\n`);
  repo.write('vitest.config.ts', 'export default {};\n');
}

test('a runner that never answers is stopped at the deadline with every process it started', { timeout: 30_000 }, async () => {
  const repo = createRepo();
  // The stub starts a grandchild that would write a file after 3 s, then hangs.
  stubVitest(
    repo,
    `const { spawn } = await import('node:child_process');
    spawn(process.execPath, ['-e', "setTimeout(() => require('fs').writeFileSync('late.txt', 'x'), 3000)"], { stdio: 'ignore' });
    await new Promise(() => setInterval(() => {}, 1000));`,
  );
  const started = Date.now();
  const probed = await probeVitest({ root: repo.dir, configFile: 'vitest.config.ts', timeoutMs: 1_000 });
  expect(probed).toEqual({ ok: false, reason: 'vitest 4.0.0 could not be asked: it did not finish within 1 s' });
  expect(Date.now() - started).toBeLessThan(10_000);
  await new Promise((resolve) => setTimeout(resolve, 3_500));
  expect(existsSync(path.join(repo.dir, 'late.txt'))).toBe(false);
});

test('a config that throws inside vitest is a one-line reason', async () => {
  const repo = createRepo();
  stubVitest(repo, "throw new Error('Cannot find module \\'./missing\\'\\n    at somewhere');");
  const probed = await probeVitest({ root: repo.dir, configFile: 'vitest.config.ts' });
  expect(probed).toEqual({ ok: false, reason: "vitest 4.0.0 could not load the config: Cannot find module './missing'" });
});

test('an answer in an unknown shape is a reason', async () => {
  const repo = createRepo();
  stubVitest(repo, "return { projects: [{ config: { root: 42 } }], close: async () => {} };");
  const probed = await probeVitest({ root: repo.dir, configFile: 'vitest.config.ts' });
  expect(probed.ok).toBe(false);
});
