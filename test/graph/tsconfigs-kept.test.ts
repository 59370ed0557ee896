// Which tsconfigs a build loads up front (the nearest one of every directory with code, each package's own) is kept in
// the readings cache while the names it follows from are the same: the file list, the paths only imports may name
// (deleted files), which files are links, the package directories. A change to any of them finds the configs again;
// the configs loaded show in the problems (a broken one is reported only when loaded), compared with an uncached build.
import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { buildGraph } from '../../src/graph/build-graph.js';
import { openReadingCache, type ReadingCache } from '../../src/graph/reading-cache.js';
import { createRepo } from '../helpers/repo.js';

const broken = '{ "compilerOptions": \n';

test('the tsconfigs a build loads are found again when the file list, the deleted files, the links or the packages change', async () => {
  const repo = createRepo();
  repo.write('package.json', JSON.stringify({ name: 'kept', private: true, workspaces: ['packages/a', 'packages/c', 'packages/e'] }));
  repo.write('tsconfig.json', JSON.stringify({ compilerOptions: { module: 'nodenext' } }));
  for (const name of ['a', 'b', 'c', 'e']) repo.write(`packages/${name}/package.json`, JSON.stringify({ name }));
  repo.write('packages/a/src/x.ts', 'export const x = 1;\n');
  // b has no code: its broken config is loaded only while b is a workspace package.
  repo.write('packages/b/tsconfig.json', broken);
  // c/src holds one code file beside a broken config: loaded while that file is a file, not while it is a link.
  repo.write('packages/c/src/y.ts', 'export const y = 1;\n');
  repo.write('packages/c/src/tsconfig.json', broken);
  repo.write('packages/e/tsconfig.json', JSON.stringify({ compilerOptions: {} }));
  repo.write('packages/e/src/z.ts', 'export const z = 1;\n');
  repo.commit('packages');
  const cacheDir = path.join(repo.dir, 'node_modules', '.cache');

  const build = async (virtualFiles: string[] = []) => {
    const cache = openReadingCache(cacheDir);
    let found = 0;
    const readings: ReadingCache = { ...cache, byContent: (kind, name, content, read) => cache.byContent(kind, name, content, () => (kind === 'tsconfigs loaded' && found++, read())) };
    const graph = await buildGraph({ cwd: repo.dir, cacheDir, readings, virtualFiles });
    readings.save();
    const uncached = await buildGraph({ cwd: repo.dir, cache: false, virtualFiles });
    expect(graph.problems).toEqual(uncached.problems);
    return { found, configProblems: graph.problems.filter((problem) => problem.kind === 'config' || problem.file.endsWith('tsconfig.json')).map((problem) => problem.file) };
  };
  const cold = await build();
  expect(cold).toEqual({ found: 1, configProblems: ['packages/c/src/tsconfig.json'] });
  expect(await build()).toEqual({ ...cold, found: 0 });

  // The file list: a broken config appears (untracked) where a's code is.
  repo.write('packages/a/src/tsconfig.json', broken);
  expect(await build()).toEqual({ found: 1, configProblems: ['packages/a/src/tsconfig.json', 'packages/c/src/tsconfig.json'] });
  expect((await build()).found).toBe(0);
  repo.remove('packages/a/src/tsconfig.json');
  expect(await build()).toEqual({ ...cold, found: 1 });

  // The packages, with the same files: b is a workspace package now.
  repo.write('package.json', JSON.stringify({ name: 'kept', private: true, workspaces: ['packages/*'] }));
  expect(await build()).toEqual({ found: 1, configProblems: ['packages/c/src/tsconfig.json', 'packages/b/tsconfig.json'] });
  expect((await build()).found).toBe(0);
  repo.write('package.json', JSON.stringify({ name: 'kept', private: true, workspaces: ['packages/a', 'packages/c', 'packages/e'] }));
  expect(await build()).toEqual({ ...cold, found: 1 });

  // The links, with the same files: c's only code file is a link now (committed: git tells links), so no code is in c/src.
  repo.remove('packages/c/src/y.ts');
  symlinkSync('../../a/src/x.ts', path.join(repo.dir, 'packages/c/src/y.ts'));
  repo.commit('a link');
  expect(await build()).toEqual({ found: 1, configProblems: [] });
  expect((await build()).found).toBe(0);
  repo.remove('packages/c/src/y.ts');
  repo.write('packages/c/src/y.ts', 'export const y = 1;\n');
  repo.commit('a file again');
  expect(await build()).toEqual({ ...cold, found: 1 });

  // The deleted files: e's config is gone, but a deleted path stays one that imports may name (and its config, one
  // to load).
  repo.remove('packages/e/tsconfig.json');
  const withoutE = await build();
  expect(withoutE.found).toBe(1);
  const deleted = await build(['packages/e/tsconfig.json']);
  expect(deleted.found).toBe(1);
  expect(deleted.configProblems).toEqual(['packages/c/src/tsconfig.json', 'packages/e/tsconfig.json']);
  expect(withoutE.configProblems).toEqual(['packages/c/src/tsconfig.json']);
});
