// The runner processes of the configs that wait for no other config start in the call that asks for them, before it
// returns (not when the caller, the graph's extraction, next lets the event loop turn), one per installed runner for
// the configs asked at that moment; the answers are those of one process per config, and a warm call starts none.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { scanFiles } from '../../src/graph/scan-files.js';
import { probeEntries } from '../../src/runners/probe/probe-entries.js';
import { probeProjects } from '../../src/runners/probe/probe-projects.js';
import { closeProbeServers } from '../../src/runners/probe/probe-server.js';
import { probeProcessesStarted } from '../../src/runners/probe/run-probe-process.js';
import { createRepo } from '../helpers/repo.js';
import { installRunner } from './runner-versions.js';

test('the first configs asked start their runners before probeProjects returns, with the answers of one process per config', { timeout: 120_000 }, async () => {
  const repo = createRepo('runners-vitest-shapes');
  installRunner(repo.dir, 'vitest', 'vitest');
  installRunner(repo.dir, 'jest', 'jest');
  // A root jest config: the jest configs below it would wait for its answer; the vitest configs wait for none.
  repo.write('jest.config.cjs', "module.exports = { displayName: 'root', testMatch: ['<rootDir>/jtests/**/*.jtest.js'] };\n");
  repo.write('jtests/one.jtest.js', "test('one', () => {});\n");
  repo.commit('a root jest config');
  const { files } = await scanFiles(repo.dir);
  const entries = probeEntries(files.map((file) => file.path));
  expect(entries.map((entry) => `${entry.runner} ${entry.configFile}`)).toEqual([
    'vitest app/vitest.config.ts',
    'jest jest.config.cjs',
    'vitest lib/vitest.config.ts',
    'vitest tools/vitest.config.ts',
    'vitest web/vitest.config.ts',
  ]);

  let before = probeProcessesStarted();
  const alone = [];
  for (const entry of entries) {
    alone.push(...(await probeProjects({ root: repo.dir, files, entries: [entry] })));
    closeProbeServers();
  }
  expect(probeProcessesStarted() - before).toBe(entries.length);
  expect(alone.map((entry) => entry.outcome.ok)).toEqual([true, true, true, true, true]);
  const root = alone[1]!;
  expect(root.outcome.ok && root.outcome.projects.map((project) => [project.name, project.dir, project.include])).toEqual([['root', '', ['jtests/**/*.jtest.js']]]);

  const cacheDir = mkdtempSync(path.join(tmpdir(), 'impacted-probe-start-'));
  before = probeProcessesStarted();
  const asked = probeProjects({ root: repo.dir, files, entries, cacheDir });
  // Started already, in this call: jest for its root config, and one vitest for the four configs asked at this moment.
  expect(probeProcessesStarted() - before).toBe(2);
  expect(await asked).toEqual(alone);
  expect(probeProcessesStarted() - before).toBe(2);

  // Warm: the answers from the cache, no runner started, in the call or after it.
  before = probeProcessesStarted();
  const warm = probeProjects({ root: repo.dir, files, entries, cacheDir });
  expect(probeProcessesStarted() - before).toBe(0);
  expect((await warm).map(({ cached: _cached, ...entry }) => entry)).toEqual(alone.map(({ cached: _cached, ...entry }) => ({ ...entry, started: false })));
  expect(probeProcessesStarted() - before).toBe(0);
});
