import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/graph/build-graph.js';
import type { GraphEdge, ImportGraph } from '../../src/types.js';
import { createRepo, type TempRepo } from '../helpers/repo.js';

const edgesFrom = (graph: ImportGraph, prefix: string): string[] =>
  graph.edges.filter((e) => e.from.startsWith(prefix)).map((e: GraphEdge) => `${e.kind} ${e.from} -> ${e.to}`);

describe('buildGraph on an npm-workspaces monorepo', () => {
  let repo: TempRepo;
  let graph: ImportGraph;

  beforeAll(async () => {
    repo = createRepo('graph-monorepo', { commit: false });
    // What npm install would leave: the shared tsconfig package linked into node_modules.
    mkdirSync(path.join(repo.dir, 'node_modules/@acme'), { recursive: true });
    symlinkSync('../../packages/tsconfig', path.join(repo.dir, 'node_modules/@acme/tsconfig'));
    // Build output and ignored files that must not be scanned.
    repo.write('packages/utils/dist/index.js', "export * from './math.js';\n");
    repo.write('coverage/lcov.js', "import '../apps/api/src/server.js';\n");
    repo.write('.gitignore', 'node_modules/\nignored.ts\n');
    repo.write('apps/api/src/ignored.ts', "import './server.js';\n");
    repo.commit('initial');
    graph = await buildGraph({ cwd: repo.dir });
  });

  it('finds the workspace packages from package.json workspaces (array form) and the root package', () => {
    expect(graph.packages.map((p) => `${p.dir || '.'} ${p.name}`)).toEqual([
      '. graph-monorepo',
      'apps/api @acme/api',
      'packages/broken @acme/broken',
      'packages/legacy @acme/legacy',
      'packages/shared @acme/shared',
      'packages/tsconfig @acme/tsconfig',
      'packages/utils @acme/utils',
      'packages/web @acme/web',
    ]);
    expect(graph.packages.find((p) => p.dir === 'apps/api')?.dependsOn).toEqual(['packages/shared', 'packages/utils']);
  });

  it('does not scan node_modules, dist, coverage or git-ignored files', () => {
    expect(graph.files.filter((f) => /node_modules|dist\/|coverage|ignored\.ts/.test(f))).toEqual([]);
  });

  it('resolves workspace packages by name to source through exports -> dist, subpaths and wildcard subpaths', () => {
    expect(edgesFrom(graph, 'apps/api/src/server.ts')).toEqual([
      'asset apps/api/src/server.ts -> apps/api/sql/schema.sql',
      'asset apps/api/src/server.ts -> apps/api/sql/seed.sql',
      'static apps/api/src/server.ts -> apps/api/src/cycle-a.ts',
      'type apps/api/src/server.ts -> apps/api/src/globals.d.ts',
      'static apps/api/src/server.ts -> apps/api/src/internal/secret.ts',
      'dynamic apps/api/src/server.ts -> apps/api/src/routes/orders.ts',
      'static apps/api/src/server.ts -> packages/shared/src/log.ts',
      'static apps/api/src/server.ts -> packages/utils/src/helpers/slug.ts',
      'static apps/api/src/server.ts -> packages/utils/src/index.ts',
      'static apps/api/src/server.ts -> packages/utils/src/text.ts',
    ]);
    expect(graph.external.filter((e) => e.from === 'apps/api/src/server.ts')).toEqual([{ from: 'apps/api/src/server.ts', package: 'zod' }]);
  });

  it('reads barrels: export * from, export * as ns from, export type, import type and all-type named imports', () => {
    expect(edgesFrom(graph, 'packages/utils/src/')).toEqual([
      'static packages/utils/src/config.ts -> packages/utils/src/data.json',
      'static packages/utils/src/helpers/slug.ts -> packages/utils/src/text.ts',
      'static packages/utils/src/index.ts -> packages/utils/src/math.ts',
      'static packages/utils/src/index.ts -> packages/utils/src/text.ts',
      'type packages/utils/src/index.ts -> packages/utils/src/types.ts',
      'type packages/utils/src/text.ts -> packages/utils/src/types.ts',
    ]);
  });

  it('follows node10 resolution: import = require, require of a .js file, directory index', () => {
    expect(edgesFrom(graph, 'packages/legacy/')).toEqual([
      'static packages/legacy/src/index.ts -> packages/legacy/src/dir/index.ts',
      'require packages/legacy/src/index.ts -> packages/legacy/src/helper.ts',
      'require packages/legacy/src/index.ts -> packages/legacy/src/old.js',
    ]);
  });

  it('follows bundler resolution: extensionless imports, TSX, own paths replacing inherited ones, dynamic import', () => {
    expect(edgesFrom(graph, 'packages/web/')).toEqual([
      'static packages/web/src/App.tsx -> packages/utils/src/index.ts',
      'static packages/web/src/App.tsx -> packages/web/src/components/Button.tsx',
      'dynamic packages/web/src/App.tsx -> packages/web/src/lazy.ts',
      'static packages/web/src/index.ts -> packages/web/src/App.tsx',
    ]);
    // web's own `paths` replace the base's `@shared/*`, so TypeScript would not resolve it either.
    expect(graph.external.filter((e) => e.from.startsWith('packages/web/'))).toEqual([{ from: 'packages/web/src/App.tsx', package: '@shared/log' }]);
  });

  it('keeps resolving a package whose tsconfig extends a missing file, and reports the problem', () => {
    expect(edgesFrom(graph, 'packages/broken/')).toEqual([
      'static packages/broken/src/a.ts -> packages/broken/src/b.ts',
      'static packages/broken/src/a.ts -> packages/broken/src/c.ts',
    ]);
    expect(graph.problems).toContainEqual({ file: 'packages/broken/tsconfig.json', kind: 'config', message: expect.stringContaining('extends "./missing-base.json" not found') });
  });

  it('handles .mts/.cts, createRequire, require of .cjs and JSON, cycles, and files that do not parse', () => {
    expect(edgesFrom(graph, 'apps/api/src/').filter((e) => !e.includes('server.ts ->'))).toEqual([
      'static apps/api/src/broken.ts -> apps/api/src/routes/orders.ts',
      'static apps/api/src/cycle-a.ts -> apps/api/src/cycle-b.ts',
      'static apps/api/src/cycle-b.ts -> apps/api/src/cycle-a.ts',
      'require apps/api/src/esm.mts -> apps/api/config.json',
      'require apps/api/src/loader.cts -> apps/api/src/plain.cjs',
    ]);
    expect(graph.problems.map((p) => p.file)).toContain('apps/api/src/broken.ts');
  });

  it('adds mock edges to vi.mock targets, their __mocks__ siblings, and root __mocks__ of packages', () => {
    expect(edgesFrom(graph, 'apps/api/test/')).toEqual([
      'mock apps/api/test/http.test.ts -> __mocks__/axios.ts',
      'mock apps/api/test/server.test.ts -> apps/api/src/routes/__mocks__/orders.ts',
      'mock apps/api/test/server.test.ts -> apps/api/src/routes/orders.ts',
      'static apps/api/test/server.test.ts -> apps/api/src/server.ts',
    ]);
  });

  it('reports nothing unresolved in a clean fixture and sorts its output', () => {
    expect(graph.unresolved).toEqual([]);
    expect([...graph.files].sort()).toEqual(graph.files);
    expect(graph.stats).toMatchObject({ files: graph.files.length, edges: graph.edges.length, packages: 8, unresolved: 0 });
  });

  it('adds implicit edges from config implicitDependencies', async () => {
    const withRule = await buildGraph({ cwd: repo.dir, implicitDependencies: { 'apps/api/test/**': ['apps/api/sql/*.sql'] } });
    expect(withRule.edges.filter((e) => e.kind === 'implicit').map((e) => `${e.from} -> ${e.to}`)).toEqual([
      'apps/api/test/http.test.ts -> apps/api/sql/schema.sql',
      'apps/api/test/http.test.ts -> apps/api/sql/seed.sql',
      'apps/api/test/server.test.ts -> apps/api/sql/schema.sql',
      'apps/api/test/server.test.ts -> apps/api/sql/seed.sql',
    ]);
  });
});

describe('buildGraph workspace layouts', () => {
  it('reads yarn workspaces in object form and maps main -> dist back to src', async () => {
    const repo = createRepo('graph-yarn');
    const graph = await buildGraph({ cwd: repo.dir });
    expect(graph.packages.map((p) => p.dir)).toEqual(['', 'libs/app', 'libs/core']);
    expect(graph.edges).toEqual([
      { from: 'libs/app/src/main.ts', to: 'libs/core/src/index.ts', kind: 'static' },
      { from: 'libs/app/test/main.test.ts', to: 'libs/app/src/main.ts', kind: 'static' },
    ]);
  });

  it('reads pnpm-workspace.yaml with exclusions and wildcard exports to build/', async () => {
    const repo = createRepo('graph-pnpm');
    const graph = await buildGraph({ cwd: repo.dir });
    expect(graph.packages.map((p) => p.dir)).toEqual(['', 'pkgs/a', 'pkgs/b']);
    expect(graph.edges).toEqual([
      { from: 'pkgs/b/src/index.ts', to: 'pkgs/a/src/feature.ts', kind: 'static' },
      { from: 'pkgs/b/src/index.ts', to: 'pkgs/b/src/local.ts', kind: 'static' },
    ]);
  });

  it('handles a single-package repository with mixed JS/JSX/TSX, baseUrl and cwd-relative reads', async () => {
    const repo = createRepo('graph-single', { commit: false });
    repo.write('generated/out.ts', "import '../src/index.js';\n");
    repo.commit('initial');
    const graph = await buildGraph({ cwd: repo.dir });
    expect(graph.packages).toEqual([{ name: 'single', dir: '', dependsOn: [], declared: [] }]);
    expect(graph.files.some((f) => f.startsWith('generated/'))).toBe(false);
    expect(graph.edges.map((e) => `${e.kind} ${e.from} -> ${e.to}`)).toEqual([
      'static src/base-url.ts -> src/index.js',
      'asset src/fixtures-reader.ts -> data/local.txt',
      'asset src/fixtures-reader.ts -> fixtures/sample.json',
      'require src/helper.js -> src/format.cjs',
      'static src/index.js -> src/helper.js',
      'static src/index.js -> src/view.jsx',
      'static src/view.jsx -> src/Badge.tsx',
      'static test/index.test.js -> src/index.js',
    ]);
  });

  it('resolves a name by the tsconfig of each importing package: alike where the configs agree, apart where paths or moduleResolution differ', async () => {
    const repo = createRepo(undefined, { commit: false });
    repo.write('package.json', JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'] }));
    repo.write('tsconfig.base.json', JSON.stringify({ compilerOptions: { moduleResolution: 'bundler', paths: { '@x/*': ['./shared/a/*'] } } }));
    repo.write('shared/a/thing.ts', 'export const a = 1;\n');
    repo.write('shared/b/thing.ts', 'export const b = 1;\n');
    // A package whose exports name a file node10 resolution ignores (it reads `main`).
    repo.write('packages/lib/package.json', JSON.stringify({ name: 'lib', main: './src/main.ts', exports: { '.': './src/exported.ts' } }));
    repo.write('packages/lib/src/main.ts', 'export const m = 1;\n');
    repo.write('packages/lib/src/exported.ts', 'export const e = 1;\n');
    const packages = { one: {}, two: { outDir: 'dist' }, own: { paths: { '@x/*': ['../../shared/b/*'] } }, old: { moduleResolution: 'node10' } };
    for (const [name, compilerOptions] of Object.entries(packages)) {
      repo.write(`packages/${name}/package.json`, JSON.stringify({ name, dependencies: { lib: '*' } }));
      repo.write(`packages/${name}/tsconfig.json`, JSON.stringify({ extends: '../../tsconfig.base.json', compilerOptions }));
      repo.write(`packages/${name}/src/index.ts`, "import { a } from '@x/thing';\nimport { m } from 'lib';\n");
    }
    repo.commit('initial');
    const graph = await buildGraph({ cwd: repo.dir, cache: false });
    expect(edgesFrom(graph, 'packages/')).toEqual([
      'static packages/old/src/index.ts -> packages/lib/src/main.ts',
      'static packages/old/src/index.ts -> shared/a/thing.ts',
      'static packages/one/src/index.ts -> packages/lib/src/exported.ts',
      'static packages/one/src/index.ts -> shared/a/thing.ts',
      'static packages/own/src/index.ts -> packages/lib/src/exported.ts',
      'static packages/own/src/index.ts -> shared/b/thing.ts',
      'static packages/two/src/index.ts -> packages/lib/src/exported.ts',
      'static packages/two/src/index.ts -> shared/a/thing.ts',
    ]);
  });

  it('follows a symlinked workspace folder to its real files', async () => {
    const repo = createRepo('graph-yarn', { commit: false });
    repo.write('vendor/extra/package.json', JSON.stringify({ name: 'extra', main: 'index.ts' }));
    repo.write('vendor/extra/index.ts', 'export const extra = 1;\n');
    repo.write('libs/app/src/uses-extra.ts', "import { extra } from 'extra';\n\nexport const y = extra;\n");
    symlinkSync('../vendor/extra', path.join(repo.dir, 'libs/extra'));
    repo.commit('initial');
    const graph = await buildGraph({ cwd: repo.dir });
    expect(graph.packages.map((p) => p.dir)).toContain('vendor/extra');
    expect(graph.edges).toContainEqual({ from: 'libs/app/src/uses-extra.ts', to: 'vendor/extra/index.ts', kind: 'static' });
  });
});
