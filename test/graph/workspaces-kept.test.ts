// The workspace layout is kept in the readings cache while the manifests it is read from are the same (by the blob
// git vouches for, else by their text), and the list holds the same package.json files: every change below finds it
// again, and the layout is always the one an uncached reading finds.
import { rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { openReadingCache, type ReadingCache } from '../../src/graph/reading-cache.js';
import { linksOf, scanFiles } from '../../src/graph/scan-files.js';
import { findWorkspaces } from '../../src/graph/workspaces.js';
import { findWorkspacesKept } from '../../src/graph/workspaces-kept.js';
import { createRepo } from '../helpers/repo.js';

test('the workspace packages are read again when a manifest, the package.json files, the pnpm workspace list or a link changes', async () => {
  const repo = createRepo();
  repo.write('package.json', JSON.stringify({ name: 'kept', private: true, workspaces: ['packages/*'] }));
  for (const name of ['a', 'b']) repo.write(`packages/${name}/package.json`, JSON.stringify({ name, dependencies: name === 'b' ? { a: '*' } : {} }));
  repo.write('tools/package.json', JSON.stringify({ name: 'tools' }));
  repo.commit('packages');
  const cacheDir = path.join(repo.dir, 'node_modules', '.cache');

  const layout = async () => {
    const cache = openReadingCache(cacheDir);
    let found = 0;
    const readings: ReadingCache = { ...cache, byContent: (kind, name, content, read) => cache.byContent(kind, name, content, () => (kind === 'workspaces' && found++, read())) };
    const scan = await scanFiles(repo.dir);
    const links = linksOf(scan.files);
    const kept = findWorkspacesKept(repo.dir, scan.files, scan.source, links, readings);
    readings.save();
    expect(kept).toEqual(findWorkspaces(repo.dir, scan.files.map((file) => file.path), scan.source, links));
    return { found, packages: kept.packages.map((pkg) => `${pkg.dir}:${pkg.name}:${Object.keys(pkg.manifest.dependencies ?? {}).join(',')}`), source: kept.source };
  };
  const cold = await layout();
  expect(cold).toEqual({ found: 1, packages: ['packages/a:a:', 'packages/b:b:a', ':kept:'], source: 'package.json' });
  expect(await layout()).toEqual({ ...cold, found: 0 });

  // A manifest edited in the work tree (no blob vouches for it: its text is the key), then as it was.
  repo.write('packages/a/package.json', JSON.stringify({ name: 'a', dependencies: { b: '*' } }));
  expect(await layout()).toEqual({ ...cold, found: 1, packages: ['packages/a:a:b', 'packages/b:b:a', ':kept:'] });
  expect((await layout()).found).toBe(0);
  // As it was: read again (the cache keeps what the last run used), then kept.
  repo.git('checkout', '--', 'packages/a/package.json');
  expect(await layout()).toEqual(cold);
  expect((await layout()).found).toBe(0);

  // A new package (untracked), then gone.
  repo.write('packages/c/package.json', JSON.stringify({ name: 'c' }));
  expect(await layout()).toEqual({ ...cold, found: 1, packages: ['packages/a:a:', 'packages/b:b:a', 'packages/c:c:', ':kept:'] });
  repo.remove('packages/c/package.json');
  expect(await layout()).toEqual(cold);

  // pnpm-workspace.yaml, which the scan may not list: read all the same.
  repo.write('pnpm-workspace.yaml', 'packages:\n  - tools\n');
  expect(await layout()).toEqual({ found: 1, packages: ['tools:tools:', ':kept:'], source: 'pnpm-workspace.yaml' });
  repo.remove('pnpm-workspace.yaml');
  expect(await layout()).toEqual(cold);

  // A package folder that is a link: the package is where it leads.
  symlinkSync('../tools', path.join(repo.dir, 'packages/t'));
  repo.commit('a linked package');
  const linked = await layout();
  expect(linked).toEqual({ ...cold, found: 1, packages: ['packages/a:a:', 'packages/b:b:a', ':kept:', 'tools:tools:'].sort((x, y) => y.split(':')[0]!.length - x.split(':')[0]!.length) });
  expect((await layout()).found).toBe(0);
  // The same files with the same contents, but the link leads to another copy of the package: found again.
  repo.write('tools2/package.json', JSON.stringify({ name: 'tools' }));
  repo.commit('a copy');
  expect((await layout()).packages).toContain('tools:tools:');
  rmSync(path.join(repo.dir, 'packages/t'));
  symlinkSync('../tools2', path.join(repo.dir, 'packages/t'));
  repo.commit('the link leads to the copy');
  expect((await layout()).packages).toContain('tools2:tools:');

  // An invalid manifest is an error every time, never kept.
  repo.write('packages/b/package.json', '{ "name": ');
  for (let run = 0; run < 2; run++) await expect(layout()).rejects.toThrow(/packages\/b\/package\.json is not valid JSON/);
});
