// Probe answers are cached by the content of what the runner reads: a warm run starts no runner process, a new test
// file needs no new probe, and a change to a config or to a file it imports asks again.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { scanFiles } from '../../src/graph/scan-files.js';
import { probeCacheFileName } from '../../src/runners/probe/probe-cache.js';
import { probeProjects } from '../../src/runners/probe/probe-projects.js';
import { probeProcessesStarted } from '../../src/runners/probe/run-probe-process.js';
import { createRepo } from '../helpers/repo.js';
import { installRunner } from './runner-versions.js';

test('a warm probe starts no runner; only a change to what the runner reads asks it again', { timeout: 60_000 }, async () => {
  const repo = createRepo('runners-vitest-projects');
  installRunner(repo.dir, 'vitest', 'vitest');
  const cacheDir = `${repo.dir}/node_modules/.cache/impacted`;
  const probe = async () => {
    const before = probeProcessesStarted();
    const [entry] = await probeProjects({ root: repo.dir, files: (await scanFiles(repo.dir)).files, entries: [{ runner: 'vitest', configFile: 'vitest.config.ts' }], cacheDir });
    if (!entry?.outcome.ok) throw new Error(entry?.outcome.ok === false ? entry.outcome.reason : 'no entry');
    return { cached: entry.cached, started: probeProcessesStarted() - before, names: entry.outcome.projects.map((p) => p.name).sort(), projects: entry.outcome.projects };
  };

  const cold = await probe();
  expect(cold).toMatchObject({ cached: false, started: 1, names: ['a', 'b'] });
  const warm = await probe();
  expect(warm).toMatchObject({ cached: true, started: 0 });
  expect(warm.projects).toEqual(cold.projects);

  // An edited (or damaged) cache file is a cold cache, not wrong data.
  const cacheFile = path.join(cacheDir, probeCacheFileName);
  writeFileSync(cacheFile, readFileSync(cacheFile, 'utf8').replace('"name":"a"', '"name":"x"'));
  expect(await probe()).toMatchObject({ cached: false, started: 1, names: ['a', 'b'] });
  expect(await probe()).toMatchObject({ cached: true, started: 0, names: ['a', 'b'] });

  repo.write('packages/b/test/added.test.ts', "import { test } from 'vitest';\n\ntest('added', () => {});\n");
  expect(await probe()).toMatchObject({ cached: true, started: 0 });

  repo.write('packages/a/vitest.config.ts', "import { defineProject } from 'vitest/config';\n\nexport default defineProject({ test: { name: 'a2' } });\n");
  expect(await probe()).toMatchObject({ cached: false, started: 1, names: ['a2', 'b'] });

  // A file the root config imports is part of the key.
  repo.write('vitest.shared.ts', "export const name = 'b';\n");
  repo.write('vitest.config.ts', repo.read('vitest.config.ts').replace("name: 'b'", 'name').replace("import { defineConfig } from 'vitest/config';", "import { defineConfig } from 'vitest/config';\nimport { name } from './vitest.shared';"));
  expect(await probe()).toMatchObject({ cached: false, started: 1, names: ['a2', 'b'] });
  expect(await probe()).toMatchObject({ cached: true, started: 0 });
  repo.write('vitest.shared.ts', "export const name = 'b2';\n");
  expect(await probe()).toMatchObject({ cached: false, started: 1, names: ['a2', 'b2'] });
});

test('a runner that is not installed is not asked and not cached', async () => {
  const repo = createRepo('runners-jest-projects');
  const before = probeProcessesStarted();
  const [entry] = await probeProjects({ root: repo.dir, files: (await scanFiles(repo.dir)).files, entries: [{ runner: 'jest', configFile: 'jest.config.js' }], cacheDir: `${repo.dir}/.cache` });
  expect(entry).toEqual({ runner: 'jest', configFile: 'jest.config.js', outcome: { ok: false, reason: 'jest is not installed' }, cached: false, started: false });
  expect(probeProcessesStarted()).toBe(before);
});
