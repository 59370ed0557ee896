// Static readings of runner and bundler configs are kept in the cache dir: a warm run parses no config (oxc-parser is
// not even loaded), and a change to anything a reading read (the config, a module it imports, the file list), a
// damaged cache file or another repository's readings in a shared cache dir mean reading again, never a stale answer.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { buildGraph } from '../../src/graph/build-graph.js';
import { scanFiles } from '../../src/graph/scan-files.js';
import { findTests } from '../../src/select/find-tests.js';
import { openReadingCache, readingCacheFileName, type ReadingCache } from '../../src/graph/reading-cache.js';
import { runCliLoading } from '../helpers/cli.js';
import { createRepo, type TempRepo } from '../helpers/repo.js';

const parser = (modules: readonly string[]) => modules.some((url) => url.includes('/node_modules/oxc-parser/'));

/** One `impacted list --json` with its own cache dir: the tests it lists, its stderr, and whether it loaded the parser. */
function list(repo: TempRepo, cacheDir: string, ...flags: string[]) {
  const result = runCliLoading(['list', '--json', '--cache-dir', cacheDir, ...flags], { cwd: repo.dir });
  expect(result.stderr).not.toMatch(/Error|at /);
  expect(result.code).toBe(0);
  const tests = (JSON.parse(result.stdout) as { tests: { path: string }[] }).tests.map((t) => t.path);
  // Without the run's duration, which differs from run to run.
  return { tests, stderr: result.stderr.replace(/, \d+ ms\)/g, ')'), parsed: parser(result.modules) };
}

/** A vitest repository whose config is read statically: its include comes from a module it imports, its setup file is missing. */
function staticRepo(include: string): TempRepo {
  const repo = createRepo();
  repo.write('package.json', JSON.stringify({ name: 'readings', private: true, type: 'module', devDependencies: { vitest: '*' } }));
  repo.write('vitest.shared.ts', `export const include = [${JSON.stringify(include)}];\n`);
  repo.write('vitest.config.ts', "import { include } from './vitest.shared';\n\nexport default { test: { include, setupFiles: ['./setup.ts'] } };\n");
  repo.write('src/a.check.ts', 'export {};\n');
  repo.write('src/b.spec.ts', 'export {};\n');
  repo.commit('static vitest repository');
  return repo;
}

const missingSetup = /vitest\.config\.ts: setup file setup\.ts matches no file/;

test('a warm run reads no runner config again until what its reading read changes', { timeout: 60_000 }, () => {
  const repo = staticRepo('src/**/*.check.ts');
  const cacheDir = path.join(repo.dir, '.cache');
  const cold = list(repo, cacheDir, '--no-probe');
  expect(cold).toMatchObject({ tests: ['src/a.check.ts'], parsed: true });
  expect(cold.stderr).toMatch(missingSetup);
  expect(list(repo, cacheDir, '--no-probe')).toEqual({ ...cold, parsed: false });

  // A module the config imports is read again when it changes.
  repo.write('vitest.shared.ts', "export const include = ['src/**/*.spec.ts'];\n");
  expect(list(repo, cacheDir, '--no-probe')).toMatchObject({ tests: ['src/b.spec.ts'], parsed: true });
  expect(list(repo, cacheDir, '--no-probe')).toMatchObject({ tests: ['src/b.spec.ts'], parsed: false });

  // The file list: the setup file appears (untracked, not committed), and the reading that found it missing is not used.
  repo.write('setup.ts', 'export {};\n');
  const withSetup = list(repo, cacheDir, '--no-probe');
  expect(withSetup).toMatchObject({ tests: ['src/b.spec.ts'], parsed: true });
  expect(withSetup.stderr).not.toMatch(missingSetup);
  expect(list(repo, cacheDir, '--no-probe')).toEqual({ ...withSetup, parsed: false });

  // A damaged cache file is a cold cache: the config is read again, with the same answer.
  const file = path.join(cacheDir, readingCacheFileName);
  writeFileSync(file, readFileSync(file, 'utf8').replace('src/**/*.spec.ts', 'src/**/*.check.ts'));
  expect(list(repo, cacheDir, '--no-probe')).toEqual(withSetup);
  // --no-cache neither reads nor writes it.
  expect(list(repo, cacheDir, '--no-probe', '--no-cache')).toEqual(withSetup);
});

test('repositories sharing a cache dir never get each other\'s readings', { timeout: 60_000 }, () => {
  const checks = staticRepo('src/**/*.check.ts');
  const specs = staticRepo('src/**/*.spec.ts');
  const cacheDir = path.join(checks.dir, '.shared-cache');
  for (let round = 0; round < 2; round++) {
    expect(list(checks, cacheDir, '--no-probe').tests).toEqual(['src/a.check.ts']);
    expect(list(specs, cacheDir, '--no-probe').tests).toEqual(['src/b.spec.ts']);
  }
});

/** A reading cache of `dir` that counts the readings by content (of one kind, when given) it had to make (not taken from the cache). */
function countingCache(dir: string, counted?: string) {
  const cache = openReadingCache(dir);
  const counts = { made: 0 };
  const readings: ReadingCache = { ...cache, byContent: (kind, name, content, read) => cache.byContent(kind, name, content, () => (kind === (counted ?? kind) && counts.made++, read())) };
  return { readings, counts };
}

test('which project owns which test is kept while the file list and the projects are the same', async () => {
  const repo = createRepo('runners-vitest-projects');
  // Where no scan sees it (the cache file is no file of the repository).
  const cacheDir = path.join(repo.dir, 'node_modules', '.cache');
  const discover = async () => {
    const { readings, counts } = countingCache(cacheDir);
    const files = (await scanFiles(repo.dir)).files.map((file) => file.path);
    const discovery = findTests(repo.dir, files, { readings });
    readings.save();
    // The owners are the discovery's own project objects, not copies.
    for (const owners of discovery.testProjects.values()) for (const project of owners) expect(discovery.projects).toContain(project);
    return { made: counts.made, owners: [...discovery.testProjects].map(([file, owners]) => `${file} ${owners.map((project) => project.name).join(',')}`) };
  };
  const cold = await discover();
  expect(cold).toEqual({ made: 1, owners: ['packages/a/src/one.check.ts a', 'packages/b/test/two.test.ts b', 'packages/b/test/types.test-d.ts b'] });
  expect(await discover()).toEqual({ ...cold, made: 0 });
  // An edit changes no owner: still kept.
  repo.write('packages/b/test/two.test.ts', `${repo.read('packages/b/test/two.test.ts')}// edited\n`);
  expect(await discover()).toEqual({ ...cold, made: 0 });
  // A new file (untracked) is matched: the list changed.
  repo.write('packages/a/src/three.check.ts', 'export {};\n');
  const added = await discover();
  expect(added).toEqual({ made: 1, owners: ['packages/a/src/one.check.ts a', 'packages/a/src/three.check.ts a', ...cold.owners.slice(1)] });
  expect(await discover()).toEqual({ ...added, made: 0 });
  // Another project (a changed include) is matched again.
  repo.write('packages/a/vitest.config.ts', repo.read('packages/a/vitest.config.ts').replace('src/**/*.check.ts', 'src/**/one.check.ts'));
  expect(await discover()).toEqual({ made: 1, owners: cold.owners });
});

test('a warm run parses no bundler config again until it changes', async () => {
  const repo = createRepo('layout-preconstruct');
  const cacheDir = path.join(repo.dir, '.cache');
  const config = 'packages/bundled/tsup.config.ts';
  // The readings the graph makes itself, counted: the parser runs only for those.
  const build = async () => {
    const { readings, counts } = countingCache(cacheDir, 'bundler entries');
    const graph = await buildGraph({ cwd: repo.dir, cacheDir, readings });
    readings.save();
    return { made: counts.made, edges: graph.edges.filter((edge) => edge.from === 'packages/consumer/src/bundled.test.ts').map((edge) => edge.to) };
  };
  expect(await build()).toEqual({ made: 1, edges: ['packages/bundled/src/entry.ts'] });
  expect(await build()).toEqual({ made: 0, edges: ['packages/bundled/src/entry.ts'] });
  // The config names the helper as the package's entry now: the import resolves to it.
  repo.write(config, repo.read(config).replace("'src/entry.ts'", "'src/helper.ts'"));
  expect(await build()).toEqual({ made: 1, edges: ['packages/bundled/src/helper.ts'] });
  expect(await build()).toEqual({ made: 0, edges: ['packages/bundled/src/helper.ts'] });
  // Without a cache (`cache: false`) every reading is made.
  expect((await buildGraph({ cwd: repo.dir, cacheDir, cache: false })).edges.filter((edge) => edge.from === 'packages/consumer/src/bundled.test.ts').map((edge) => edge.to)).toEqual(['packages/bundled/src/helper.ts']);
});

test('a warm build reads no tsconfig whose clean index entry vouches for its content, and reads an edited one', async () => {
  const repo = createRepo('graph-monorepo');
  const cacheDir = path.join(repo.dir, '.cache');
  const tsconfigName = /(?:^|\/)tsconfig[^/]*\.json$/;
  // The tsconfigs the build reads from the work tree, counted through the scan's source; the graph compared with a
  // build without any cache.
  const build = async () => {
    const scan = await scanFiles(repo.dir);
    const reads: string[] = [];
    const source = { ...scan.source, read: (file: string) => (tsconfigName.test(file) && reads.push(file), scan.source.read(file)) };
    const readings = openReadingCache(cacheDir);
    const graph = await buildGraph({ cwd: repo.dir, cacheDir, readings, scan: Promise.resolve({ ...scan, source }) });
    readings.save();
    const uncached = await buildGraph({ cwd: repo.dir, cache: false });
    expect(graph.edges).toEqual(uncached.edges);
    expect(graph.problems).toEqual(uncached.problems);
    return { reads: reads.sort(), web: graph.edges.filter((edge) => edge.from.startsWith('packages/web/')).map((edge) => edge.to) };
  };
  const cold = await build();
  expect(cold.reads).toEqual(['apps/api/tsconfig.json', 'packages/broken/tsconfig.json', 'packages/legacy/tsconfig.json', 'packages/utils/tsconfig.json', 'packages/web/tsconfig.json', 'tsconfig.base.json', 'tsconfig.json']);
  expect((await build()).reads).toEqual([]);
  // An edit git has not seen in the index: that config is read (and the others still are not).
  const web = 'packages/web/tsconfig.json';
  repo.write(web, JSON.stringify({ compilerOptions: { moduleResolution: 'node10', baseUrl: '.', paths: { '@nowhere/*': ['nowhere/*'] } } }));
  const edited = await build();
  expect(edited.reads).toEqual([web]);
  expect(await build()).toEqual(edited);
});

test('a warm run sees a committed change to a file a kept reading read: the blob git vouches for is another', { timeout: 60_000 }, () => {
  const repo = staticRepo('src/**/*.check.ts');
  const cacheDir = path.join(repo.dir, '.cache');
  const cold = list(repo, cacheDir, '--no-probe');
  expect(cold).toMatchObject({ tests: ['src/a.check.ts'], parsed: true });
  expect(list(repo, cacheDir, '--no-probe')).toEqual({ ...cold, parsed: false });
  // Committed at once: the index is clean again, with another blob for the module the config imports.
  repo.write('vitest.shared.ts', "export const include = ['src/**/*.spec.ts'];\n");
  repo.commit('specs');
  expect(list(repo, cacheDir, '--no-probe')).toMatchObject({ tests: ['src/b.spec.ts'], parsed: true });
  expect(list(repo, cacheDir, '--no-probe')).toMatchObject({ tests: ['src/b.spec.ts'], parsed: false });
  // The manifest, committed: vitest is no dependency any more, the config is no runner's, no test is found.
  repo.write('package.json', JSON.stringify({ name: 'readings', private: true, type: 'module' }));
  repo.commit('no vitest');
  const none = list(repo, cacheDir, '--no-probe', '--no-cache');
  expect(list(repo, cacheDir, '--no-probe').tests).toEqual(none.tests);
});
