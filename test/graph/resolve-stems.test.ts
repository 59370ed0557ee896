// The resolver answers its first probes from the file list and the later ones from an index by stem: both the same.
import { describe, expect, it } from 'vitest';
import { worktreeFiles } from '../../src/files/repo-files.js';
import { Resolver } from '../../src/graph/resolve-specifier.js';
import { TsconfigLookup } from '../../src/graph/tsconfig.js';

const files = new Set([
  'src/a.ts',
  'src/a.tsx',
  'src/b.ts',
  'src/types.d.ts',
  'src/only.d.ts',
  'src/view.tsx',
  'src/legacy.js',
  'src/esm.mts',
  'src/data.json',
  'src/dot/.ts',
  'src/dot/.d.ts',
  'src/odd.d',
  'src/lib/index.ts',
]);
const paths = ['./a', './a.js', './b.js', './types', './types.js', './only', './view.js', './legacy', './esm.mjs', './data', './dot/', './dot/.d', './odd', './lib', './missing', './c.d'];

function resolverOver(): Resolver {
  const root = '/nowhere';
  const source = worktreeFiles(root);
  return new Resolver({ root, source, files, tsconfigs: new TsconfigLookup(root, files, source), packages: [] });
}

describe('probing by extension', () => {
  it('gives the same files before and after the index by stem is built', () => {
    const resolver = resolverOver();
    const first = paths.map((relative) => resolver.resolvePath('src', relative));
    // Enough probes of missing paths to go past the direct lookups.
    for (let i = 0; i < 2000; i++) resolver.resolvePath('src', `./none-${i}`);
    const later = paths.map((relative) => resolver.resolvePath('src', relative));
    expect(later).toEqual(first);
    expect(Object.fromEntries(paths.map((relative, i) => [relative, first[i]]))).toEqual({
      './a': 'src/a.ts',
      './a.js': 'src/a.ts',
      './b.js': 'src/b.ts',
      './types': 'src/types.d.ts',
      './types.js': 'src/types.d.ts',
      './only': 'src/only.d.ts',
      './view.js': 'src/view.tsx',
      './legacy': 'src/legacy.js',
      './esm.mjs': 'src/esm.mts',
      './data': 'src/data.json',
      './dot/': undefined,
      './dot/.d': 'src/dot/.d.ts',
      './odd': undefined,
      './lib': 'src/lib/index.ts',
      './missing': undefined,
      './c.d': undefined,
    });
  });
});

describe('resolutions kept for the last directories only', () => {
  const dirs = Array.from({ length: 12 }, (_, at) => `pkg/d${at}`);
  const tree = new Set(dirs.flatMap((dir) => [`${dir}/a.ts`, `${dir}/b.tsx`, `${dir}/x.ts`, `${dir}/sub/index.ts`]));
  const specifiers = ['./a', './b.js', './sub', './missing', '../d0/a.js'];
  const recordingResolver = () => {
    const root = '/nowhere';
    const source = worktreeFiles(root);
    return new Resolver({ root, source, files: tree, tsconfigs: new TsconfigLookup(root, tree, source), packages: [], recordProbes: true });
  };
  const resolveAll = (resolver: Resolver, dir: string) =>
    specifiers.map((specifier) => {
      const probes: number[] = [];
      resolver.record(probes);
      const resolution = resolver.resolve(`${dir}/x.ts`, specifier);
      resolver.record(undefined);
      return { resolution, probes: [...new Set(probes)].sort() };
    });

  it('answers a directory let go of as before, with the same probes, and as a new resolver does', () => {
    const resolver = recordingResolver();
    const first = resolveAll(resolver, 'pkg/d0');
    // Twelve directories later, the first one's resolutions are no longer kept: they are made again.
    for (const dir of dirs) resolveAll(resolver, dir);
    expect(resolveAll(resolver, 'pkg/d0')).toEqual(first);
    expect(resolveAll(recordingResolver(), 'pkg/d0')).toEqual(first);
    expect(first.map(({ resolution }) => resolution)).toEqual([
      { type: 'files', files: ['pkg/d0/a.ts'] },
      { type: 'files', files: ['pkg/d0/b.tsx'] },
      { type: 'files', files: ['pkg/d0/sub/index.ts'] },
      { type: 'unresolved' },
      { type: 'files', files: ['pkg/d0/a.ts'] },
    ]);
    expect(first.every(({ probes }) => probes.length > 0)).toBe(true);
  });
});
