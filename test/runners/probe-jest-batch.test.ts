// Several jest configs read in one process give exactly the answers of one process per config, and each config's
// projects match exactly the files jest itself lists for it, even when a config changes the working directory, the
// environment, a shared helper module, a global or a shared ES module, or cannot be loaded.
import { describe, expect, test } from 'vitest';
import { listJest, probeJest, probeJestMany } from '../../src/runners/jest/probe.js';
import { closeProbeServers } from '../../src/runners/probe/probe-server.js';
import { probeProcessesStarted } from '../../src/runners/probe/run-probe-process.js';
import type { ProbeOutcome, ProbeRequest } from '../../src/runners/probe/probe-types.js';
import { createRepo } from '../helpers/repo.js';
import { installRunner, matchedTests } from './runner-versions.js';

const configs = ['a/jest.config.js', 'b/jest.config.js', 'broken/jest.config.js', 'c/jest.config.js', 'd/jest.config.js', 'e/jest.config.mjs', 'f/jest.config.mjs'];

/** Each config asked in a process of its own: the processes a probe started end before the next config is asked. */
async function askedAlone(requests: readonly ProbeRequest[]): Promise<ProbeOutcome[]> {
  const before = probeProcessesStarted();
  const alone: ProbeOutcome[] = [];
  for (const request of requests) {
    alone.push(await probeJest(request));
    closeProbeServers();
  }
  expect(probeProcessesStarted() - before).toBe(requests.length);
  return alone;
}

function setUp(alias: string): { dir: string; requests: ProbeRequest[] } {
  const repo = createRepo('runners-jest-batch');
  installRunner(repo.dir, 'jest', alias);
  return { dir: repo.dir, requests: configs.map((configFile) => ({ root: repo.dir, configFile })) };
}

describe.each(['jest-v29', 'jest'])('jest probe of several configs in one process with %s', (alias) => {
  test('answers each config as a process of its own does', { timeout: 120_000 }, async () => {
    const { requests } = setUp(alias);
    const alone = await askedAlone(requests);
    expect(alone[2]).toMatchObject({ ok: false, reason: expect.stringContaining('broken config') as string });

    const before = probeProcessesStarted();
    expect(await probeJestMany(requests)).toEqual(alone);
    closeProbeServers();
    // a, b, broken (its failure is its answer: read as in a process of its own) and c in one process; d and e in the
    // next (after c's global); f after e's ES module.
    expect(probeProcessesStarted() - before).toBe(3);
  });
});

test('the projects of each config read in one process match exactly what jest lists for that config alone', { timeout: 120_000 }, async () => {
  const { dir, requests } = setUp('jest-v29');
  const batch = await probeJestMany(requests);
  closeProbeServers();
  for (const [index, request] of requests.entries()) {
    if (index === 2) continue;
    const listed = await listJest(request);
    closeProbeServers();
    if (!listed.ok) throw new Error(listed.reason);
    const name = request.configFile.split('/')[0]!;
    // a and e add a pattern for their own tests; what the others would take from them is their .extra.js file.
    const own = ['a', 'e'].includes(name) ? [`${name}/${name}.extra.js`, `${name}/${name}.spec.js`] : [`${name}/${name}.spec.js`];
    expect([...listed.files].sort()).toEqual(own);
    const outcome = batch[index]!;
    expect(outcome.ok && (await matchedTests(dir, outcome.projects))).toEqual(own);
  }
});

test('a config that keeps the next one from loading in the shared process costs seconds, not the deadline: that one is asked alone', { timeout: 120_000 }, async () => {
  const repo = createRepo('runners-jest-batch');
  installRunner(repo.dir, 'jest', 'jest');
  // a leaves nothing a process of its own would not: it writes its process id down. b never finishes loading in the process that wrote it.
  repo.write('a/jest.config.js', "require('node:fs').writeFileSync(require('node:path').join(__dirname, '..', 'pid'), String(process.pid));\nmodule.exports = { displayName: 'a' };\n");
  repo.write(
    'b/jest.config.js',
    "const fs = require('node:fs');\nconst pid = require('node:path').join(__dirname, '..', 'pid');\nmodule.exports = async () => {\n  if (fs.existsSync(pid) && fs.readFileSync(pid, 'utf8') === String(process.pid)) await new Promise(() => setInterval(() => {}, 1000));\n  return { displayName: 'b' };\n};\n",
  );
  const requests: ProbeRequest[] = ['a/jest.config.js', 'b/jest.config.js'].map((configFile) => ({ root: repo.dir, configFile, timeoutMs: 60_000 }));
  const alone = await askedAlone(requests);
  expect(alone.every((outcome) => outcome.ok)).toBe(true);

  const started = Date.now();
  expect(await probeJestMany(requests)).toEqual(alone);
  closeProbeServers();
  expect(Date.now() - started).toBeLessThan(40_000);
});
