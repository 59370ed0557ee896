// Several vitest configs of one installation asked in one process give exactly the answers of one process per config,
// even when a config changes the environment or the working directory, or cannot be loaded.
import { describe, expect, test } from 'vitest';
import { scanFiles } from '../../src/graph/scan-files.js';
import { probeEntries } from '../../src/runners/probe/probe-entries.js';
import { probeProjects } from '../../src/runners/probe/probe-projects.js';
import { probeProcessesStarted } from '../../src/runners/probe/run-probe-process.js';
import type { ProbeRequest } from '../../src/runners/probe/probe-types.js';
import { probeVitest, probeVitestMany } from '../../src/runners/vitest/probe.js';
import { createRepo } from '../helpers/repo.js';
import { installRunner } from './runner-versions.js';

const configs = ['app/vitest.config.ts', 'lib/vitest.config.ts', 'tools/vitest.config.ts', 'web/vitest.config.ts'];

describe.each(['vitest'])('vitest probe of several configs with %s', (alias) => {
  test('one process answers each config as a process of its own does; what it cannot load after another config is asked alone', { timeout: 120_000 }, async () => {
    const repo = createRepo('runners-vitest-shapes');
    installRunner(repo.dir, 'vitest', alias);
    // app leaves an environment variable and another working directory behind; lib reads both, after it.
    repo.write(
      'app/vitest.config.ts',
      `process.env.IMPACTED_LEFT_BEHIND = 'spec';\nprocess.env.CI = 'changed';\nprocess.chdir('..');\n${repo.read('app/vitest.config.ts')}`,
    );
    repo.write(
      'lib/vitest.config.ts',
      repo
        .read('lib/vitest.config.ts')
        .replace("dir: './src'", () => "dir: process.env.IMPACTED_LEFT_BEHIND ?? './src'")
        .replace("include: ['**/*.check.ts']", () => "include: [`${process.cwd().split('/').pop()}/**/*.check.ts`]")
        .replace("'skip/**'", () => "`ci-${process.env.CI}/**`"),
    );
    // One vitest cannot load; the next one after it loads.
    repo.write('broken/vitest.config.ts', "throw new Error('broken config');\n");
    repo.commit('configs');
    const requests: ProbeRequest[] = ['app/vitest.config.ts', 'broken/vitest.config.ts', ...configs.slice(1)].map((configFile) => ({ root: repo.dir, configFile }));

    let before = probeProcessesStarted();
    const alone = [];
    for (const request of requests) alone.push(await probeVitest(request));
    expect(probeProcessesStarted() - before).toBe(requests.length);
    expect(alone.map((outcome) => outcome.ok)).toEqual([true, false, true, true, true]);
    expect(alone[1]).toMatchObject({ reason: expect.stringContaining('broken config') as string });
    const lib = alone[2]!.ok ? alone[2]!.projects[0] : undefined;
    // The probe runs with CI=1, in the config's directory.
    expect([lib?.dir, lib?.include, lib?.exclude]).toEqual(['lib/src', ['lib/**/*.check.ts'], ['ci-1/**', '**/node_modules/**']]);

    before = probeProcessesStarted();
    expect(await probeVitestMany(requests)).toEqual(alone);
    // One process for all, and one more for the config that one could not load after another.
    expect(probeProcessesStarted() - before).toBe(2);
    // The first one runs as in a process of its own: its failure stands.
    before = probeProcessesStarted();
    expect(await probeVitestMany([requests[1]!, requests[0]!, ...requests.slice(2)])).toEqual([alone[1], alone[0], ...alone.slice(2)]);
    expect(probeProcessesStarted() - before).toBe(1);
  });
});

test('the configs of one vitest asked at the same moment share one process, with the answers of one process each', { timeout: 120_000 }, async () => {
  const repo = createRepo('runners-vitest-shapes');
  installRunner(repo.dir, 'vitest', 'vitest');
  const { files } = await scanFiles(repo.dir);
  const entries = probeEntries(files.map((file) => file.path));
  expect(entries.map((entry) => entry.configFile)).toEqual(configs);

  let before = probeProcessesStarted();
  const alone = (await Promise.all(entries.map((entry) => probeProjects({ root: repo.dir, files, entries: [entry] })))).flat();
  expect(probeProcessesStarted() - before).toBe(configs.length);
  expect(alone.every((entry) => entry.outcome.ok)).toBe(true);

  before = probeProcessesStarted();
  expect(await probeProjects({ root: repo.dir, files, entries })).toEqual(alone);
  expect(probeProcessesStarted() - before).toBe(1);
});

test('a config that hangs the configs after it in one process costs seconds, not the deadline: those are asked alone (trpc)', { timeout: 120_000 }, async () => {
  const repo = createRepo('runners-vitest-shapes');
  installRunner(repo.dir, 'vitest', 'vitest');
  // After app's config, lib's never finishes loading in the same process (trpc's next-prisma-starter did that to the next one).
  repo.write('app/vitest.config.ts', `(globalThis as { impactedLeft?: boolean }).impactedLeft = true;\n${repo.read('app/vitest.config.ts')}`);
  repo.write('lib/vitest.config.ts', `if ((globalThis as { impactedLeft?: boolean }).impactedLeft) await new Promise(() => setInterval(() => {}, 1000));\n${repo.read('lib/vitest.config.ts')}`);
  repo.commit('configs');
  const requests: ProbeRequest[] = configs.map((configFile) => ({ root: repo.dir, configFile, timeoutMs: 60_000 }));
  const alone = [];
  for (const request of requests) alone.push(await probeVitest(request));
  expect(alone.every((outcome) => outcome.ok)).toBe(true);

  const started = Date.now();
  const before = probeProcessesStarted();
  expect(await probeVitestMany(requests)).toEqual(alone);
  // The shared process, then lib and the configs after it, each alone.
  expect(probeProcessesStarted() - before).toBe(4);
  expect(Date.now() - started).toBeLessThan(40_000);
});
