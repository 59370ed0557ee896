// The runner projects a static reading finds are kept in the readings cache while everything they follow from is the
// same: the file list, the package directories, the probe's answers and every file read. A change to any of them
// reads again, with the answer an uncached reading gives; a kept reading keeps the config readings made inside it.
import path from 'node:path';
import { expect, test } from 'vitest';
import { openReadingCache, type ReadingCache } from '../../src/graph/reading-cache.js';
import { scanFiles } from '../../src/graph/scan-files.js';
import type { ProbedEntry } from '../../src/runners/probe/probe-projects.js';
import { readRunnerProjects, testsOfProjects } from '../../src/runners/read-projects.js';
import { emptyProject } from '../../src/runners/project.js';
import { createRepo } from '../helpers/repo.js';

/** A reading cache of `dir` that counts the whole-repository readings and the config readings it had to make. */
function countingCache(dir: string) {
  const cache = openReadingCache(dir);
  const made = { projects: 0, configs: 0 };
  const readings: ReadingCache = {
    ...cache,
    throughList: (kind, inputs, files, source, read) => cache.throughList(kind, inputs, files, source, (recording) => (made.projects++, read(recording))),
    throughSource: (kind, file, source, read) => cache.throughSource(kind, file, source, (recording) => (made.configs++, read(recording))),
  };
  return { readings, made };
}

function workspaceRepo() {
  const repo = createRepo();
  repo.write('package.json', JSON.stringify({ name: 'kept', private: true, workspaces: ['packages/*'], devDependencies: { vitest: '*' } }));
  repo.write('packages/a/package.json', JSON.stringify({ name: 'a', scripts: { test: 'vitest' } }));
  repo.write('packages/a/vitest.config.ts', "export default { test: { include: ['src/**/*.check.ts'] } };\n");
  repo.write('packages/a/src/one.check.ts', 'export {};\n');
  repo.write('packages/a/src/two.test.ts', 'export {};\n');
  repo.write('packages/b/package.json', JSON.stringify({ name: 'b', scripts: { test: 'vitest' } }));
  repo.write('packages/b/src/three.test.ts', 'export {};\n');
  repo.write('packages/b/src/four.spec.js', 'export {};\n');
  repo.commit('workspace repository');
  return repo;
}

test('the runner projects are read again when the file list, a manifest, a config, the packages or the probe answers change', async () => {
  const repo = workspaceRepo();
  const cacheDir = path.join(repo.dir, 'node_modules', '.cache');
  let vouchedReads: string[] = [];
  const read = async (packageDirs = ['', 'packages/a', 'packages/b'], probed: ProbedEntry[] = []) => {
    const scan = await scanFiles(repo.dir);
    const files = scan.files.map((file) => file.path);
    const { readings, made } = countingCache(cacheDir);
    // The files read, counted: a kept reading checks the files git vouches for (clean index entries) unread.
    const reads: string[] = [];
    const source = { ...scan.source, read: (file: string) => (reads.push(file), scan.source.read(file)) };
    const kept = readRunnerProjects({ root: repo.dir, files, packageDirs, probed, readings, source, scanned: scan.files });
    readings.save();
    vouchedReads = reads.filter((file) => scan.files.find((scanned) => scanned.path === file)?.hash !== undefined);
    const uncached = readRunnerProjects({ root: repo.dir, files, packageDirs, probed });
    expect(kept).toEqual(uncached);
    // The configs' projects are the very objects the project list holds, as reading made them.
    for (const config of kept.configs) for (const project of config.projects) expect(kept.projects).toContain(project);
    for (const project of kept.defaults) expect(kept.projects).toContain(project);
    const tests = [...testsOfProjects(repo.dir, files, kept)].map(([file, owners]) => `${file} ${owners.map((project) => project.configFile || `defaults of ${project.dir}`).join(',')}`);
    return { made, tests, unknown: kept.unknownRunner };
  };
  const a = 'packages/a/src/one.check.ts packages/a/vitest.config.ts';
  const b = 'packages/b/src/three.test.ts defaults of packages/b';
  const cold = await read();
  expect(cold).toEqual({ made: { projects: 1, configs: 1 }, tests: [a, 'packages/b/src/four.spec.js defaults of packages/b', b], unknown: [] });
  expect(await read()).toEqual({ ...cold, made: { projects: 0, configs: 0 } });
  // Every file it read is committed and clean: checked by its blob hash, none read again.
  expect(vouchedReads).toEqual([]);

  // An edit that changes no file read, nor the list: still kept.
  repo.write('packages/b/src/three.test.ts', 'export const edited = 1;\n');
  expect(await read()).toEqual({ ...cold, made: { projects: 0, configs: 0 } });

  // The file list: a config appears in b (untracked). Read again; a's config reading, kept with the projects, is not.
  repo.write('packages/b/vitest.config.ts', "export default { test: { include: ['src/**/*.spec.js'] } };\n");
  const configured = await read();
  expect(configured).toEqual({ made: { projects: 1, configs: 1 }, tests: [a, 'packages/b/src/four.spec.js packages/b/vitest.config.ts'], unknown: [] });
  expect((await read()).made).toEqual({ projects: 0, configs: 0 });
  repo.remove('packages/b/vitest.config.ts');
  expect(await read()).toEqual({ ...cold, made: { projects: 1, configs: 0 } });

  // A manifest: b's test script runs mocha now, whose defaults find no test there.
  repo.write('packages/b/package.json', JSON.stringify({ name: 'b', scripts: { test: 'mocha' } }));
  const mocha = await read();
  expect(mocha).toEqual({ made: { projects: 1, configs: 0 }, tests: [a], unknown: [] });
  expect((await read()).made).toEqual({ projects: 0, configs: 0 });
  // Committed: git vouches for the new content, which is not the one the kept reading read.
  repo.commit('b runs mocha');
  expect((await read()).made).toEqual({ projects: 0, configs: 0 });
  repo.write('packages/b/package.json', JSON.stringify({ name: 'b', scripts: { test: 'vitest' } }));
  expect(await read()).toEqual({ ...cold, made: { projects: 1, configs: 0 } });
  repo.commit('b runs vitest again');
  expect(await read()).toEqual({ ...cold, made: { projects: 0, configs: 0 } });
  repo.write('packages/b/package.json', JSON.stringify({ name: 'b', scripts: { test: 'mocha' } }));
  repo.commit('b runs mocha, committed at once');
  expect(await read()).toEqual({ ...mocha, made: { projects: 1, configs: 0 } });
  repo.write('packages/b/package.json', JSON.stringify({ name: 'b', scripts: { test: 'vitest' } }));
  repo.commit('b runs vitest');
  expect(await read()).toEqual({ ...cold, made: { projects: 1, configs: 0 } });

  // A config: a's include.
  repo.write('packages/a/vitest.config.ts', "export default { test: { include: ['src/**/*.test.ts'] } };\n");
  expect(await read()).toEqual({ ...cold, made: { projects: 1, configs: 1 }, tests: ['packages/a/src/two.test.ts packages/a/vitest.config.ts', ...cold.tests.slice(1)] });
  repo.write('packages/a/vitest.config.ts', "export default { test: { include: ['src/**/*.check.ts'] } };\n");
  expect(await read()).toEqual({ ...cold, made: { projects: 1, configs: 1 } });

  // The package directories, with the same files: b is no package, its files go to no runner's defaults.
  const withoutB = await read(['', 'packages/a']);
  expect(withoutB).toEqual({ made: { projects: 1, configs: 0 }, tests: [a], unknown: [] });
  expect((await read(['', 'packages/a'])).made).toEqual({ projects: 0, configs: 0 });

  // The probe's answers: vitest answered for a's config with its own projects, which replace the static reading.
  const answered = { ...emptyProject('vitest', 'packages/a/vitest.config.ts', 'packages/a', 'probe'), include: ['src/**/*.test.ts'] };
  const probed: ProbedEntry[] = [{ runner: 'vitest', configFile: 'packages/a/vitest.config.ts', outcome: { ok: true, version: '3.2.4', projects: [answered] }, cached: true, started: false }];
  const fromProbe = await read(undefined, probed);
  expect(fromProbe).toEqual({ made: { projects: 1, configs: 0 }, tests: ['packages/a/src/two.test.ts packages/a/vitest.config.ts', ...cold.tests.slice(1)], unknown: [] });
  expect((await read(undefined, probed)).made).toEqual({ projects: 0, configs: 0 });
  // A run keeps only the readings it used: the static one is made again (a's config reading too).
  expect(await read()).toEqual({ ...cold, made: { projects: 1, configs: 1 } });
});
