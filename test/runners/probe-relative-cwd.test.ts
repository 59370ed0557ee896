// The library API given a relative `cwd` asks the runners as it does given the absolute one: the probes run in the
// configs' directories, where a relative root would name another directory (seen on TanStack/query, where every
// vitest config then failed to load and static reading stood in for the runner).
import { expect, test } from 'vitest';
import { analyze } from '../../src/affected-tests.js';
import { createRepo } from '../helpers/repo.js';
import { installRunner } from './runner-versions.js';

test('a relative cwd: the runners answer for every config, as with the absolute one', { timeout: 120_000 }, async () => {
  const repo = createRepo('runners-vitest-shapes');
  installRunner(repo.dir, 'vitest', 'vitest');
  const started = process.cwd();
  process.chdir(repo.dir);
  const fromRelative = await analyze({ cwd: '.', base: 'main', cache: false }).finally(() => process.chdir(started));
  expect(fromRelative.discovery.probeFailures).toEqual([]);
  expect(fromRelative.discovery.probedProjects.map((project) => project.configFile)).toEqual(['app/vitest.config.ts', 'lib/vitest.config.ts', 'tools/vitest.config.ts', 'web/vitest.config.ts']);
  const fromAbsolute = await analyze({ cwd: repo.dir, base: 'main', cache: false });
  expect(fromRelative.discovery.probedProjects).toEqual(fromAbsolute.discovery.probedProjects);
  expect(fromRelative.selection.tests).toEqual(fromAbsolute.selection.tests);
});
