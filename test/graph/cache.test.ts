// The extraction cache is never wrong: after each kind of change, a warm build equals a cold build without the cache.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { buildGraph, type BuiltGraph } from '../../src/graph/build-graph.js';
import { defaultCacheDir } from '../../src/graph/cache-dir.js';
import { gitBlobHash } from '../../src/graph/content-hash.js';
import { cacheFileName } from '../../src/graph/graph-cache.js';
import { createRepo, projectRoot, type TempRepo } from '../helpers/repo.js';

/** Code files in the graph-monorepo fixture: what a cold build extracts and resolves. */
const n = 32;

/** The graph without timings and cache counters, which legitimately differ between builds. */
function comparable(graph: BuiltGraph) {
  const { ms: _ms, extracted: _extracted, cached: _cached, resolved: _resolved, stages: _stages, cacheIgnored: _ignored, extractedBeside: _beside, ...stats } = graph.stats;
  return { ...graph, stats };
}

/** Builds with the cache and without it, expects the same graph, and returns how the cached build got there. */
async function expectWarmEqualsCold(repo: TempRepo, options: { cacheDir?: string; virtualFiles?: string[] } = {}) {
  // Config edges are never cached; one of them doubles an import edge, whose kind must win.
  const implicitDependencies = { 'apps/api/test/**': ['apps/api/sql/*.sql', 'apps/api/src/server.ts'] };
  const warm = await buildGraph({ cwd: repo.dir, implicitDependencies, ...options });
  const cold = await buildGraph({ cwd: repo.dir, implicitDependencies, virtualFiles: options.virtualFiles, cache: false });
  expect(cold.stats.cached).toBe(0);
  expect(comparable(warm)).toEqual(comparable(cold));
  return { extracted: warm.stats.extracted, cached: warm.stats.cached, resolved: warm.stats.resolved };
}

/** A committed copy of the graph-monorepo fixture whose cache is already filled. */
async function warmRepo(): Promise<TempRepo> {
  const repo = createRepo('graph-monorepo');
  expect(await expectWarmEqualsCold(repo)).toEqual({ extracted: n, cached: 0, resolved: n });
  return repo;
}

function cacheFile(repo: TempRepo): string {
  return path.join(defaultCacheDir(repo.dir), cacheFileName);
}

let transpiled: string | undefined;
afterAll(() => {
  if (transpiled) rmSync(transpiled, { recursive: true, force: true });
});

/** Transpiles src/ into a temp dir beside the project's manifest and dependencies: child processes run the current code, no build needed. */
function transpiledSource(): string {
  if (transpiled) return transpiled;
  const out = mkdtempSync(path.join(tmpdir(), 'impacted-src-'));
  transpiled = out;
  const src = path.join(projectRoot, 'src');
  for (const file of readdirSync(src, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.ts')) continue;
    const { outputText } = ts.transpileModule(readFileSync(path.join(src, file), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
      fileName: file,
    });
    const target = path.join(out, 'src', file.replace(/\.ts$/, '.js'));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, outputText);
  }
  cpSync(path.join(projectRoot, 'package.json'), path.join(out, 'package.json'));
  symlinkSync(path.join(projectRoot, 'node_modules'), path.join(out, 'node_modules'));
  return out;
}

/** Runs buildGraph in `count` processes that load the code first, then start building at the same moment. */
async function buildInProcesses(cwd: string, count: number): Promise<{ graph: unknown; extracted: number }[]> {
  const buildGraphUrl = pathToFileURL(path.join(transpiledSource(), 'src/graph/build-graph.js')).href;
  const script = `const { buildGraph } = await import(${JSON.stringify(buildGraphUrl)});
    process.stdout.write('ready\\n');
    process.stdin.once('data', async () => {
      const { stats, ...graph } = await buildGraph({ cwd: process.cwd() });
      process.stdout.write(JSON.stringify({ graph, extracted: stats.extracted }));
      process.stdin.destroy();
    });`;
  const children = Array.from({ length: count }, () => spawn(process.execPath, ['--input-type=module', '-e', script], { cwd }));
  const outputs = children.map(async (child) => {
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    const [code] = (await once(child, 'close')) as [number | null];
    if (code !== 0 || !stdout.startsWith('ready\n')) throw new Error(`child exited with ${code}: ${stdout}`);
    return JSON.parse(stdout.slice('ready\n'.length)) as { graph: unknown; extracted: number };
  });
  await Promise.all(children.map((child) => once(child.stdout, 'data')));
  for (const child of children) child.stdin.write('go\n');
  return Promise.all(outputs);
}

/** A tsconfig in node_modules/@acme/base whose baseUrl points at a repository directory. */
const baseUrl = (dir: string) => JSON.stringify({ compilerOptions: { baseUrl: `../../../${dir}` } });

const edgesFrom = (graph: BuiltGraph, from: string) => graph.edges.filter((e) => e.from === from).map((e) => `${e.kind} ${e.to}`);

describe('extraction cache', () => {
  it('extracts every code file cold, none warm, and stays out of git status', async () => {
    const repo = await warmRepo();
    expect(await expectWarmEqualsCold(repo)).toEqual({ extracted: 0, cached: n, resolved: 0 });
    expect(readdirSync(defaultCacheDir(repo.dir)).sort()).toEqual(['.gitignore', cacheFileName]);
    expect(repo.git('status', '--porcelain', '--untracked-files=all')).toBe('');
  });

  it('re-extracts only a file edited and committed', async () => {
    const repo = await warmRepo();
    repo.write('packages/utils/src/text.ts', "import { add } from './math.js';\nexport const upper = add;\n");
    repo.commit('edit text');
    expect(await expectWarmEqualsCold(repo)).toEqual({ extracted: 1, cached: n - 1, resolved: 1 });
    const graph = await buildGraph({ cwd: repo.dir });
    expect(edgesFrom(graph, 'packages/utils/src/text.ts')).toEqual(['static packages/utils/src/math.ts']);
  });

  it('re-extracts a file edited in the work tree, and uses the cache again once the edit is reverted', async () => {
    const repo = await warmRepo();
    const original = repo.read('packages/utils/src/text.ts');
    repo.write('packages/utils/src/text.ts', "export * from './config.js';\n");
    expect(await expectWarmEqualsCold(repo)).toEqual({ extracted: 1, cached: n - 1, resolved: 1 });
    // Staged, the same content is found under the index hash.
    repo.git('add', 'packages/utils/src/text.ts');
    expect(await expectWarmEqualsCold(repo)).toEqual({ extracted: 0, cached: n, resolved: 0 });
    repo.write('packages/utils/src/text.ts', original);
    repo.git('add', 'packages/utils/src/text.ts');
    // The original content was dropped from the cache when the edit replaced it: one extraction, then none.
    expect(await expectWarmEqualsCold(repo)).toEqual({ extracted: 1, cached: n - 1, resolved: 1 });
    expect(await expectWarmEqualsCold(repo)).toEqual({ extracted: 0, cached: n, resolved: 0 });
  });

  it('sees a new untracked file, and the edges it makes resolvable', async () => {
    const repo = await warmRepo();
    repo.write('packages/utils/src/text.ts', "export * from './fresh.js';\n");
    expect(await expectWarmEqualsCold(repo)).toEqual({ extracted: 1, cached: n - 1, resolved: 1 });
    // A new file is resolved, and so is the one file whose import asked for its path (unresolved until now).
    repo.write('packages/utils/src/fresh.ts', "export * from './math.js';\n");
    expect(await expectWarmEqualsCold(repo)).toEqual({ extracted: 1, cached: n, resolved: 2 });
    const graph = await buildGraph({ cwd: repo.dir });
    expect(edgesFrom(graph, 'packages/utils/src/text.ts')).toEqual(['static packages/utils/src/fresh.ts']);
    expect(edgesFrom(graph, 'packages/utils/src/fresh.ts')).toEqual(['static packages/utils/src/math.ts']);
  });

  it('forgets a deleted file, committed or not, and keeps it resolvable as a virtual file', async () => {
    const repo = await warmRepo();
    repo.remove('packages/utils/src/math.ts');
    // Only the file whose import named it is resolved again.
    expect(await expectWarmEqualsCold(repo)).toEqual({ extracted: 0, cached: n - 1, resolved: 1 });
    expect(await expectWarmEqualsCold(repo)).toEqual({ extracted: 0, cached: n - 1, resolved: 0 });
    // Virtual files are files resolution can find: a path that appears in the file list.
    const virtualFiles = ['packages/utils/src/math.ts'];
    expect(await expectWarmEqualsCold(repo, { virtualFiles })).toEqual({ extracted: 0, cached: n - 1, resolved: 1 });
    expect(await expectWarmEqualsCold(repo, { virtualFiles })).toEqual({ extracted: 0, cached: n - 1, resolved: 0 });
    repo.commit('delete math');
    expect(await expectWarmEqualsCold(repo)).toEqual({ extracted: 0, cached: n - 1, resolved: 1 });
    const graph = await buildGraph({ cwd: repo.dir });
    expect(graph.files).not.toContain('packages/utils/src/math.ts');
    expect(graph.unresolved).toContainEqual({ from: 'packages/utils/src/index.ts', specifier: './math.js' });
  });

  it('redoes only what a new file can change: a glob, a listed directory, a snapshot, a package mock, an exports target', async () => {
    const repo = await warmRepo();
    repo.write('packages/utils/src/globbed.ts', "export const parts = import.meta.glob('./parts/*.ts');\n");
    repo.write('packages/utils/src/parts/one.ts', 'export const one = 1;\n');
    repo.write('packages/utils/src/lists.ts', "import { readdirSync } from 'node:fs';\nexport const listed = readdirSync(new URL('./listed', import.meta.url));\n");
    repo.write('packages/utils/src/listed/a.json', '{}\n');
    repo.write('packages/utils/test/text.test.ts', "import 'lodash';\nimport { upper } from '../src/text.js';\nupper;\n");
    // `./helpers/*` maps to dist/, which maps back to a source file not there yet: the whole package, until it is.
    repo.write('apps/api/src/case.ts', "export { kebab } from '@acme/utils/helpers/case';\n");
    repo.commit('globs, listings, a test, a subpath');
    expect(await expectWarmEqualsCold(repo)).toEqual({ extracted: 5, cached: n, resolved: 5 });
    // Each new file is read and resolved if it is code, and the one file whose edges it changes is resolved again.
    const steps = [
      ['packages/utils/src/parts/two.ts', 'packages/utils/src/globbed.ts', 'glob'],
      ['packages/utils/src/listed/b.json', 'packages/utils/src/lists.ts', 'asset'],
      ['packages/utils/test/__snapshots__/text.test.ts.snap', 'packages/utils/test/text.test.ts', 'asset'],
      ['packages/utils/__mocks__/lodash.ts', 'packages/utils/test/text.test.ts', 'mock'],
      ['packages/utils/src/helpers/case.ts', 'apps/api/src/case.ts', 'static'],
    ] as const;
    for (const [file, from, kind] of steps) {
      repo.write(file, file.endsWith('.ts') ? `export default '${file}';\n` : '{}\n');
      const code = Number(file.endsWith('.ts'));
      expect(await expectWarmEqualsCold(repo)).toEqual({ extracted: code, cached: expect.any(Number), resolved: code + 1 });
      expect(edgesFrom(await buildGraph({ cwd: repo.dir }), from)).toContain(`${kind} ${file}`);
    }
  });

  it('takes the virtual files as a promise, awaited after the scan, and rejects with its error', async () => {
    const repo = await warmRepo();
    repo.remove('packages/utils/src/math.ts');
    const virtualFiles = ['packages/utils/src/math.ts'];
    const { stats: _fromArray, ...fromArray } = await buildGraph({ cwd: repo.dir, virtualFiles });
    const { stats: _fromPromise, ...fromPromise } = await buildGraph({ cwd: repo.dir, virtualFiles: Promise.resolve(virtualFiles) });
    expect(fromPromise).toEqual(fromArray);
    expect(fromArray.edges).toContainEqual({ from: 'packages/utils/src/index.ts', to: 'packages/utils/src/math.ts', kind: 'static' });
    await expect(buildGraph({ cwd: repo.dir, virtualFiles: Promise.reject(new Error('no changes')) })).rejects.toThrow('no changes');
  });

  it("takes the runners' aliases as a promise, awaited once the imports are read; other aliases resolve anew from the cached extractions", async () => {
    const repo = await warmRepo();
    const aliases = [{ dir: 'apps/api', aliases: [{ find: '@shared/log.js', isRegExp: false, replacement: 'packages/utils/src/text.ts' }] }];
    const given = await buildGraph({ cwd: repo.dir, aliases, cache: false });
    expect(edgesFrom(given, 'apps/api/src/server.ts')).toContain('static packages/utils/src/text.ts');
    expect(edgesFrom(given, 'apps/api/src/server.ts')).not.toContain('static packages/shared/src/log.ts');
    // Another epoch: every file is resolved again, none read again.
    const promised = await buildGraph({ cwd: repo.dir, aliases: Promise.resolve(aliases) });
    expect(comparable(promised)).toEqual(comparable(given));
    expect(promised.stats).toMatchObject({ extracted: 0, cached: n, resolved: n });
    // The same aliases again: the same epoch, nothing read or resolved.
    const again = await buildGraph({ cwd: repo.dir, aliases: Promise.resolve(aliases) });
    expect(comparable(again)).toEqual(comparable(given));
    expect(again.stats).toMatchObject({ extracted: 0, cached: n, resolved: 0 });
    // Without them, the first epoch's resolutions are gone (the cache keeps one epoch): resolved again, still not read.
    expect(await expectWarmEqualsCold(repo)).toEqual({ extracted: 0, cached: n, resolved: n });
    await expect(buildGraph({ cwd: repo.dir, aliases: Promise.reject(new Error('no runner answer')) })).rejects.toThrow('no runner answer');
  });

  it('follows a renamed file (same content, new path) without extracting it again', async () => {
    const repo = await warmRepo();
    repo.git('mv', 'packages/utils/src/math.ts', 'packages/utils/src/arithmetic.ts');
    // Resolved again: the file at its new path, and the one whose import named the old one.
    expect(await expectWarmEqualsCold(repo)).toEqual({ extracted: 0, cached: n, resolved: 2 });
    repo.write('packages/utils/src/index.ts', "export * from './arithmetic.js';\nexport * as text from './text.js';\n");
    repo.commit('rename math');
    expect(await expectWarmEqualsCold(repo)).toEqual({ extracted: 1, cached: n - 1, resolved: 1 });
    const graph = await buildGraph({ cwd: repo.dir });
    expect(edgesFrom(graph, 'packages/utils/src/index.ts')).toEqual(['static packages/utils/src/arithmetic.ts', 'static packages/utils/src/text.ts']);
    // A new name of the same length at the same place in the list (as many files, of the same lengths, is no proof of
    // the same list): the file at its new path, and the three whose imports named the old one.
    repo.git('mv', 'packages/utils/src/text.ts', 'packages/utils/src/tex2.ts');
    expect(await expectWarmEqualsCold(repo)).toEqual({ extracted: 0, cached: n, resolved: 4 });
    expect(edgesFrom(await buildGraph({ cwd: repo.dir }), 'packages/utils/src/index.ts')).toEqual(['static packages/utils/src/arithmetic.ts']);
  });

  it('finds every content again, however many share a hash (one content under several extensions is several entries)', async () => {
    const repo = createRepo('graph-monorepo');
    // In path order the keys are out of order (hash.tsx, hash.ts, hash.mts, ...): the cache sorts those with one hash too.
    // `h.ts` has the key of `b.ts`: a cold build extracts both (it keeps no extraction it has encoded), writes one entry,
    // and a warm build finds it for both.
    const same = ['a.tsx', 'b.ts', 'c.mts', 'd.js', 'e.cts', 'f.jsx', 'g.mjs', 'h.ts'].map((name) => `packages/utils/src/same/${name}`);
    for (const file of same) repo.write(file, "export const same = 'same';\n");
    repo.commit('one content, many extensions');
    expect(await expectWarmEqualsCold(repo)).toEqual({ extracted: n + same.length, cached: 0, resolved: n + same.length });
    expect(await expectWarmEqualsCold(repo)).toEqual({ extracted: 0, cached: n + same.length, resolved: 0 });
    // Moved, so that only the extractions can serve (by content), not the resolutions (by path).
    repo.git('mv', 'packages/utils/src/same', 'packages/utils/src/moved');
    expect(await expectWarmEqualsCold(repo)).toEqual({ extracted: 0, cached: n + same.length, resolved: same.length });
  });

  it('resolves again when a tsconfig paths entry changes', async () => {
    const repo = await warmRepo();
    const before = await buildGraph({ cwd: repo.dir });
    expect(edgesFrom(before, 'apps/api/src/server.ts')).toContain('static packages/shared/src/log.ts');
    repo.write(
      'tsconfig.base.json',
      JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', paths: { '@shared/*': ['packages/utils/src/*'] } } }),
    );
    expect(await expectWarmEqualsCold(repo)).toEqual({ extracted: 0, cached: n, resolved: n });
    const remapped = await buildGraph({ cwd: repo.dir });
    expect(remapped.stats.resolved).toBe(0);
    expect(edgesFrom(remapped, 'apps/api/src/server.ts')).not.toContain('static packages/shared/src/log.ts');
    repo.write('packages/utils/src/log.ts', 'export function log(): void {}\n');
    // The new file, and the one whose import the paths entry now maps to it.
    expect(await expectWarmEqualsCold(repo)).toEqual({ extracted: 1, cached: n, resolved: 2 });
    const after = await buildGraph({ cwd: repo.dir });
    expect(edgesFrom(after, 'apps/api/src/server.ts')).toContain('static packages/utils/src/log.ts');
    expect(edgesFrom(after, 'apps/api/src/server.ts')).not.toContain('static packages/shared/src/log.ts');
  });

  it("resolves again when a package's exports change", async () => {
    const repo = await warmRepo();
    const manifest = JSON.parse(repo.read('packages/utils/package.json')) as { exports: Record<string, unknown> };
    manifest.exports['./text'] = './dist/config.js';
    repo.write('packages/utils/package.json', JSON.stringify(manifest));
    expect(await expectWarmEqualsCold(repo)).toEqual({ extracted: 0, cached: n, resolved: n });
    const graph = await buildGraph({ cwd: repo.dir });
    expect(edgesFrom(graph, 'apps/api/src/server.ts')).toContain('static packages/utils/src/config.ts');
    expect(edgesFrom(graph, 'apps/api/src/server.ts')).not.toContain('static packages/utils/src/text.ts');
  });

  it('matches a cold build after switching to a branch with other content, and back', async () => {
    const repo = await warmRepo();
    repo.git('checkout', '-q', '-b', 'other');
    repo.write('packages/utils/src/text.ts', "export * from './config.js';\n");
    repo.write('packages/utils/src/extra.ts', "import './text.js';\n");
    repo.remove('packages/legacy/src/old.js');
    repo.write('tsconfig.base.json', JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext' } }));
    repo.commit('other branch');
    repo.git('checkout', '-q', 'main');
    expect(await expectWarmEqualsCold(repo)).toEqual({ extracted: 0, cached: n, resolved: 0 });
    repo.git('checkout', '-q', 'other');
    expect(await expectWarmEqualsCold(repo)).toEqual({ extracted: 2, cached: n - 2, resolved: n });
    repo.git('checkout', '-q', 'main');
    expect(await expectWarmEqualsCold(repo)).toEqual({ extracted: 2, cached: n - 2, resolved: n });
    expect(await expectWarmEqualsCold(repo)).toEqual({ extracted: 0, cached: n, resolved: 0 });
  });

  it('resolves again when a tsconfig outside the scanned files, extended from node_modules, changes', async () => {
    const repo = createRepo('graph-monorepo', { commit: false });
    repo.write('.gitignore', 'node_modules/\n');
    // A shared config installed as a real package: git does not list it, but packages/legacy extends it.
    repo.write('node_modules/@acme/base/package.json', '{ "name": "@acme/base" }');
    repo.write('node_modules/@acme/base/tsconfig.json', baseUrl('packages/shared/src'));
    repo.write('packages/legacy/tsconfig.json', JSON.stringify({ extends: '@acme/base/tsconfig.json', compilerOptions: { moduleResolution: 'node10' } }));
    repo.write('packages/legacy/src/uses-base.ts', "import { log } from 'log';\nlog('');\n");
    repo.commit('initial');
    expect(await expectWarmEqualsCold(repo)).toEqual({ extracted: n + 1, cached: 0, resolved: n + 1 });
    expect(edgesFrom(await buildGraph({ cwd: repo.dir }), 'packages/legacy/src/uses-base.ts')).toEqual(['static packages/shared/src/log.ts']);
    repo.write('node_modules/@acme/base/tsconfig.json', baseUrl('packages/utils/src'));
    expect(await expectWarmEqualsCold(repo)).toEqual({ extracted: 0, cached: n + 1, resolved: n + 1 });
    expect(edgesFrom(await buildGraph({ cwd: repo.dir }), 'packages/legacy/src/uses-base.ts')).toEqual([]);
  });

  it('gives back every kind of record as it was: whole-package imports, globs, assets, links, parse errors, odd strings', async () => {
    const repo = createRepo('layout-preconstruct', { commit: false });
    repo.write('packages/consumer/src/globbed.ts', "const mods = import.meta.glob(['./parts/*.ts', '!./parts/skip.ts']);\nexport default mods;\n");
    repo.write('packages/consumer/src/parts/one.ts', 'export const one = 1;\n');
    repo.write('packages/consumer/src/parts/skip.ts', 'export const skip = 1;\n');
    repo.write('packages/consumer/src/reads.ts', "import { readFileSync } from 'node:fs';\nexport const data = readFileSync(new URL('./data.json', import.meta.url), 'utf8');\n");
    repo.write('packages/consumer/src/data.json', '{}\n');
    repo.write('packages/consumer/src/broken.ts', "import './parts/one.js';\nexport const broken = (one: string => {;\n");
    // A lone surrogate cannot be written as UTF-8: that file's entries are left out, and it is read again each time.
    repo.write('packages/consumer/src/odd.ts', "import './\\uD800.js';\nimport './caf\u00e9-\u{1F600}.js';\n");
    symlinkSync('one.ts', path.join(repo.dir, 'packages/consumer/src/parts/linked.ts'));
    repo.commit('initial');
    const first = await expectWarmEqualsCold(repo);
    const graph = await buildGraph({ cwd: repo.dir });
    expect(graph.unresolved.some((u) => u.package !== undefined)).toBe(true);
    expect(graph.edges.map((e) => e.kind)).toEqual(expect.arrayContaining(['glob', 'asset', 'package']));
    expect(graph.problems.map((p) => p.kind)).toContain('unparsed');
    expect(graph.unresolved.map((u) => u.specifier)).toEqual(expect.arrayContaining(['./\uD800.js', './caf\u00e9-\u{1F600}.js']));
    expect(await expectWarmEqualsCold(repo)).toEqual({ extracted: 1, cached: first.extracted - 1, resolved: 1 });
  });

  it('drops entries for contents no longer present, so the cache does not grow', async () => {
    const repo = await warmRepo();
    const oldHash = gitBlobHash(readFileSync(path.join(repo.dir, 'packages/utils/src/text.ts')));
    expect(readFileSync(cacheFile(repo), 'utf8')).toContain(oldHash);
    repo.write('packages/utils/src/text.ts', 'export const upper = 1;\n');
    await expectWarmEqualsCold(repo);
    expect(readFileSync(cacheFile(repo), 'utf8')).not.toContain(oldHash);
    expect(readFileSync(cacheFile(repo), 'utf8')).toContain(gitBlobHash(Buffer.from('export const upper = 1;\n')));
  });

  it('removes temp files that a killed process left over an hour ago, and no others', async () => {
    const repo = await warmRepo();
    const dir = defaultCacheDir(repo.dir);
    for (const name of ['abandoned', 'in-progress']) writeFileSync(path.join(dir, `${cacheFileName}.1.${name}.tmp`), 'partial');
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    utimesSync(path.join(dir, `${cacheFileName}.1.abandoned.tmp`), twoHoursAgo, twoHoursAgo);
    repo.write('packages/utils/src/text.ts', 'export const upper = 2;\n');
    expect(await expectWarmEqualsCold(repo)).toEqual({ extracted: 1, cached: n - 1, resolved: 1 });
    expect(readdirSync(dir).sort()).toEqual(['.gitignore', cacheFileName, `${cacheFileName}.1.in-progress.tmp`]);
  });

  it('leaves the cache file alone for a change too small to pay for rewriting it, and stays right', async () => {
    const repo = createRepo();
    repo.write('package.json', '{ "name": "many", "type": "module" }');
    for (let i = 0; i < 120; i++) repo.write(`src/m${i}.ts`, i === 0 ? 'export const m0 = 0;\n' : `import { m${i - 1} } from './m${i - 1}.js';\nexport const m${i} = m${i - 1};\n`);
    repo.commit('modules');
    expect(await expectWarmEqualsCold(repo)).toEqual({ extracted: 120, cached: 0, resolved: 120 });
    const written = readFileSync(cacheFile(repo));
    repo.write('src/m5.ts', "import { m1 } from './m1.js';\nexport const m5 = m1;\n");
    // 2 new entries (what m5.ts imports, and how they resolve) of 240: not written, so found missing again next time.
    expect(await expectWarmEqualsCold(repo)).toEqual({ extracted: 1, cached: 119, resolved: 1 });
    expect(readFileSync(cacheFile(repo))).toEqual(written);
    expect(await expectWarmEqualsCold(repo)).toEqual({ extracted: 1, cached: 119, resolved: 1 });
    expect(edgesFrom(await buildGraph({ cwd: repo.dir }), 'src/m5.ts')).toEqual(['static src/m1.ts']);
  });

  it.each([
    ['random bytes', (_content: Buffer) => Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)), 'not an impacted graph cache'],
    ['a truncated file', (content: Buffer) => content.subarray(0, Math.floor(content.length / 2)), 'checksum mismatch (a damaged or truncated file)'],
    ['only the header', (content: Buffer) => content.subarray(0, content.indexOf(10) + 1), 'checksum mismatch (a damaged or truncated file)'],
    ['an empty file', (_content: Buffer) => Buffer.alloc(0), 'not an impacted graph cache'],
    ['a changed body with the old checksum', (content: Buffer) => Buffer.from(content.toString('latin1').replace('./math.js', './text.js'), 'latin1'), 'checksum mismatch (a damaged or truncated file)'],
  ])('ignores and rewrites a cache holding %s, and says why', async (_name, corrupt, reason) => {
    const repo = await warmRepo();
    writeFileSync(cacheFile(repo), corrupt(readFileSync(cacheFile(repo))));
    expect((await buildGraph({ cwd: repo.dir, cache: false })).stats.cacheIgnored).toBeUndefined();
    const ignored = await buildGraph({ cwd: repo.dir });
    expect(ignored.stats).toMatchObject({ cacheIgnored: reason, extracted: n });
    expect(await expectWarmEqualsCold(repo)).toEqual({ extracted: 0, cached: n, resolved: 0 });
    expect((await buildGraph({ cwd: repo.dir })).stats.cacheIgnored).toBeUndefined();
  });

  it.each([
    ['another format version', { format: 0 }, 'another cache format (0)'],
    ['another impacted or extractor version', { fingerprint: '0'.repeat(40) }, 'written by another impacted, parser or Node.js version'],
    ['a machine of the other byte order', { endianness: 'XX' }, 'written on a machine of another byte order'],
  ])('ignores a cache from %s even when its checksum holds, and says why', async (_name, override, reason) => {
    const repo = await warmRepo();
    const content = readFileSync(cacheFile(repo));
    const newline = content.indexOf(10);
    const header = { ...(JSON.parse(content.subarray(0, newline).toString('utf8')) as object), ...override };
    writeFileSync(cacheFile(repo), Buffer.concat([Buffer.from(JSON.stringify(header)), content.subarray(newline)]));
    expect((await buildGraph({ cwd: repo.dir })).stats).toMatchObject({ cacheIgnored: reason, extracted: n });
    expect(await expectWarmEqualsCold(repo)).toEqual({ extracted: 0, cached: n, resolved: 0 });
  });

  it('ignores a cache whose tables do not fit its numbers, even when its checksum holds', async () => {
    const repo = await warmRepo();
    const content = readFileSync(cacheFile(repo));
    const newline = content.indexOf(10);
    const body = Buffer.from(content.subarray(newline + 1));
    // The string count, past the end of the file.
    body.writeUInt32LE(0x7fffffff, 0);
    const header = { ...(JSON.parse(content.subarray(0, newline).toString('utf8')) as object), checksum: createHash('sha1').update(body).digest('hex') };
    const line = JSON.stringify(header);
    writeFileSync(cacheFile(repo), Buffer.concat([Buffer.from(`${line}${' '.repeat(3 - (line.length % 4))}\n`), body]));
    expect((await buildGraph({ cwd: repo.dir })).stats).toMatchObject({ cacheIgnored: 'malformed: truncated', extracted: n });
    expect(await expectWarmEqualsCold(repo)).toEqual({ extracted: 0, cached: n, resolved: 0 });
  });

  it('keeps its cache where cacheDir says (relative to cwd), and writes nothing with cache: false', async () => {
    const repo = createRepo('graph-monorepo');
    await buildGraph({ cwd: repo.dir, cache: false });
    expect(readdirSync(repo.dir)).not.toContain('node_modules');
    expect(await expectWarmEqualsCold(repo, { cacheDir: '.cache/impacted' })).toEqual({ extracted: n, cached: 0, resolved: n });
    expect(readdirSync(path.join(repo.dir, '.cache/impacted')).sort()).toEqual(['.gitignore', cacheFileName]);
    expect(readdirSync(repo.dir)).not.toContain('node_modules');
    expect(repo.git('status', '--porcelain', '--untracked-files=all')).toBe('');
    expect(await expectWarmEqualsCold(repo, { cacheDir: path.join(repo.dir, '.cache/impacted') })).toEqual({ extracted: 0, cached: n, resolved: 0 });
    // A directory that already exists is the user's (and so is ignoring it): no .gitignore is added to it.
    mkdirSync(path.join(repo.dir, 'tmp'));
    repo.write('.gitignore', 'tmp/\n');
    repo.commit('ignore tmp');
    expect(await expectWarmEqualsCold(repo, { cacheDir: 'tmp' })).toEqual({ extracted: n, cached: 0, resolved: n });
    expect(readdirSync(path.join(repo.dir, 'tmp'))).toEqual([cacheFileName]);
  });

  it('survives processes building into the same cache at the same time', async () => {
    const repo = createRepo('graph-monorepo');
    const { stats: _stats, ...expected } = await buildGraph({ cwd: repo.dir, cache: false });
    // Three processes start at once; one that gets to the cache after another wrote it finds it whole, never half.
    const runs = await buildInProcesses(repo.dir, 3);
    for (const run of runs) expect(run).toEqual({ graph: expected, extracted: expect.toSatisfy((count) => count === 0 || count === n) });
    expect(runs).toContainEqual({ graph: expected, extracted: n });
    expect(readdirSync(defaultCacheDir(repo.dir)).sort()).toEqual(['.gitignore', cacheFileName]);
    // The same code reads what they left intact. (This process runs the .ts sources: another fingerprint.)
    expect(await buildInProcesses(repo.dir, 1)).toEqual([{ graph: expected, extracted: 0 }]);
  });
});
