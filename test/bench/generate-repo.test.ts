// The benchmark repository generator: sizes, resolvable imports, the feature change, determinism.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseSync } from 'oxc-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureRepo, generateRepo, type RepoMeta } from '../../bench/generate-repo.mjs';

const parent = mkdtempSync(path.join(tmpdir(), 'impacted-bench-'));
afterAll(() => rmSync(parent, { recursive: true, force: true }));

const git = (dir: string, ...args: string[]): string => execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();
const packageOf = (file: string): string => file.split('/').slice(0, 2).join('/');
const lines = (text: string): string[] => text.split('\n').filter((line) => line.length > 0);
const externals = new Set(['zod', 'lodash', 'vitest', 'vitest/config', 'react']);

interface Manifest {
  name: string;
  dependencies?: Record<string, string>;
}

/** Where a specifier in `file` lands, or undefined when nothing in the repository matches it. */
function resolveSpecifier(
  dir: string,
  file: string,
  specifier: string,
  packageDirs: Map<string, string>,
  aliases: Map<string, string>,
): string | undefined {
  const exists = (candidate: string): string | undefined => (existsSync(path.join(dir, candidate)) ? candidate : undefined);
  const asSource = (target: string): string | undefined => {
    if (/\.(json|sql)$/.test(target)) return exists(target);
    const stem = target.replace(/\.js$/, '');
    return exists(`${stem}.ts`) ?? exists(`${stem}.tsx`) ?? exists(`${stem}/index.ts`);
  };
  if (specifier.startsWith('.')) return asSource(path.posix.join(path.posix.dirname(file), specifier));
  const alias = [...aliases.keys()].find((prefix) => specifier.startsWith(`${prefix}/`));
  if (alias) return asSource(`${aliases.get(alias)}/${specifier.slice(alias.length + 1)}`);
  const [scope = '', name = '', ...subpath] = specifier.split('/');
  const packageDir = packageDirs.get(`${scope}/${name}`);
  if (packageDir) return asSource(`${packageDir}/src/${subpath.length > 0 ? subpath.join('/') : 'index'}`);
  return specifier.startsWith('node:') || externals.has(specifier) ? specifier : undefined;
}

function specifiersOf(source: string): string[] {
  const patterns = [
    /\bfrom '([^']+)'/g,
    /\bimport\('([^']+)'\)/g,
    /\bnew URL\('([^']+)', import\.meta\.url\)/g,
    /\bvi\.mock\('([^']+)'\)/g,
  ];
  return patterns.flatMap((pattern) => [...source.matchAll(pattern)].map((match) => match[1] ?? ''));
}

/** Every file's resolved import targets, what did not resolve, and how many of each kind of reference. */
function readGraph(dir: string, files: string[]) {
  const packageDirs = new Map(
    files
      .filter((file) => file.endsWith('/package.json'))
      .map((file) => [(JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Manifest).name, path.posix.dirname(file)]),
  );
  const base = JSON.parse(readFileSync(path.join(dir, 'tsconfig.base.json'), 'utf8')) as {
    compilerOptions: { paths: Record<string, string[]> };
  };
  const aliases = new Map(
    Object.entries(base.compilerOptions.paths).map(([key, [target = '']]) => [
      key.replace(/\/\*$/, ''),
      target.replace(/^\.\//, '').replace(/\/\*$/, ''),
    ]),
  );
  const edges = new Map<string, string[]>();
  const unresolved: string[] = [];
  const kinds = { relative: 0, workspace: 0, alias: 0, dynamic: 0, json: 0, asset: 0, typeOnly: 0 };
  for (const file of files.filter((name) => /\.tsx?$/.test(name))) {
    const source = readFileSync(path.join(dir, file), 'utf8');
    const targets: string[] = [];
    for (const specifier of specifiersOf(source)) {
      const target = resolveSpecifier(dir, file, specifier, packageDirs, aliases);
      if (target === undefined) unresolved.push(`${file}: ${specifier}`);
      else targets.push(target);
      if (specifier.startsWith('.')) kinds.relative++;
      if (specifier.startsWith('@bench/')) kinds.workspace++;
      if (specifier.startsWith('@alias/')) kinds.alias++;
      if (specifier.endsWith('.json')) kinds.json++;
      if (specifier.endsWith('.sql')) kinds.asset++;
    }
    edges.set(file, targets);
    kinds.dynamic += (source.match(/\bimport\('/g) ?? []).length;
    kinds.typeOnly += (source.match(/^import type /gm) ?? []).length;
  }
  return { edges, unresolved, kinds };
}

function reaches(edges: Map<string, string[]>, from: string, to: string): boolean {
  const seen = new Set([from]);
  const queue = [from];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (file === to) return true;
    for (const next of edges.get(file) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return false;
}

describe('generateRepo', () => {
  let meta: RepoMeta;
  let files: string[];

  beforeAll(() => {
    meta = generateRepo({ dir: path.join(parent, 'a'), files: 300, packages: 6, seed: 7 });
    files = lines(git(meta.dir, 'ls-files'));
  });

  it('writes the requested number of files, about a sixth of them tests', () => {
    expect(Math.abs(files.length - 300)).toBeLessThanOrEqual(15);
    expect(meta.files).toBe(files.length);
    const tests = files.filter((file) => /\/test\/.*\.test\.ts$/.test(file));
    expect(tests).toHaveLength(meta.tests);
    expect(meta.tests / meta.files).toBeGreaterThanOrEqual(0.13);
    expect(meta.tests / meta.files).toBeLessThanOrEqual(0.2);
    expect(meta.packages).toBe(6);
    expect(files.filter((file) => file.endsWith('/package.json')).map((file) => file.split('/')[0]).toSorted()).toEqual([
      'apps',
      'packages',
      'packages',
      'packages',
      'packages',
      'packages',
    ]);
  });

  it('resolves every import, dynamic import, mock and asset URL to a file or a known external', () => {
    const { unresolved, kinds } = readGraph(meta.dir, files);
    expect(unresolved).toEqual([]);
    for (const [kind, count] of Object.entries(kinds)) expect(count, kind).toBeGreaterThan(0);
    expect(files.some((file) => file.endsWith('.tsx'))).toBe(true);
  });

  it('changes files that tests in several packages reach, and reports exactly those tests', () => {
    const { edges } = readGraph(meta.dir, files);
    const tests = files.filter((file) => /\/test\/.*\.test\.ts$/.test(file));
    const reaching = (changed: string): string[] => tests.filter((test) => reaches(edges, test, changed));
    const [leaf = '', mid = '', test = ''] = meta.changed;
    expect(new Set(reaching(leaf).map(packageOf)).size).toBeGreaterThanOrEqual(2);
    expect(reaching(mid).length).toBeGreaterThan(0);
    expect(reaching(test)).toEqual([test]);
    expect(meta.affected).toEqual([...new Set([leaf, mid, test].flatMap(reaching))].toSorted());
    expect(meta.affected.length).toBeLessThan(tests.length);
  });

  it('writes code that parses, in both resolution modes, with a DAG of workspace dependencies', () => {
    const failures = files
      .filter((file) => /\.tsx?$/.test(file))
      .filter((file) => parseSync(file, readFileSync(path.join(meta.dir, file), 'utf8')).errors.length > 0);
    expect(failures).toEqual([]);

    const resolutions = files
      .filter((file) => file.endsWith('/tsconfig.json'))
      .map((file) => (readFileSync(path.join(meta.dir, file), 'utf8').includes('"Bundler"') ? 'bundler' : 'nodenext'));
    expect(new Set(resolutions)).toEqual(new Set(['bundler', 'nodenext']));

    for (const file of files.filter((name) => name.endsWith('/package.json'))) {
      const manifest = JSON.parse(readFileSync(path.join(meta.dir, file), 'utf8')) as Manifest;
      const own = Number(manifest.name.replace('@bench/p', ''));
      const workspaceDeps = Object.keys(manifest.dependencies ?? {}).filter((name) => name.startsWith('@bench/'));
      for (const dep of workspaceDeps) expect(Number(dep.replace('@bench/p', ''))).toBeLessThan(own);
      if (own > 1) expect(workspaceDeps.length).toBeGreaterThan(0);
    }
  });

  it('commits a feature branch that changes exactly the three reported files', () => {
    expect(git(meta.dir, 'branch', '--show-current')).toBe('feature');
    expect(lines(git(meta.dir, 'diff', '--name-only', 'main', 'feature')).toSorted()).toEqual(meta.changed.toSorted());
    expect(meta.changed).toHaveLength(3);
    const [leaf = '', mid = '', test = ''] = meta.changed;
    expect(leaf).toMatch(/^packages\/p1\/src\//);
    expect(mid).toMatch(/^packages\/p\d+\/src\//);
    expect(mid.split('/')[1]).not.toBe('p1');
    expect(test).toMatch(/\/test\/.*\.test\.ts$/);
    expect(git(meta.dir, 'status', '--porcelain')).toBe('');
  });

  it('writes the same bytes and commits for the same seed, and different ones for another seed', () => {
    const again = generateRepo({ dir: path.join(parent, 'b'), files: 300, packages: 6, seed: 7 });
    const other = generateRepo({ dir: path.join(parent, 'c'), files: 300, packages: 6, seed: 8 });
    expect(git(again.dir, 'ls-files', '-s')).toBe(git(meta.dir, 'ls-files', '-s'));
    expect(git(again.dir, 'rev-parse', 'main', 'feature')).toBe(git(meta.dir, 'rev-parse', 'main', 'feature'));
    expect(again.changed).toEqual(meta.changed);
    expect(git(other.dir, 'rev-parse', 'main^{tree}')).not.toBe(git(meta.dir, 'rev-parse', 'main^{tree}'));
  });

  it('writes the meta file beside the repository, and ensureRepo reuses it', () => {
    const written = JSON.parse(readFileSync(`${meta.dir}.meta.json`, 'utf8')) as RepoMeta;
    expect(written).toEqual(meta);
    expect(ensureRepo({ dir: meta.dir, files: 300, packages: 6, seed: 7 })).toEqual(meta);
  });

  it('ensureRepo regenerates a repository it made when the options change', () => {
    const dir = path.join(parent, 'd');
    ensureRepo({ dir, files: 200, seed: 1 });
    const firstTree = git(dir, 'rev-parse', 'main^{tree}');
    const second = ensureRepo({ dir, files: 200, seed: 2 });
    expect(second.seed).toBe(2);
    expect(JSON.parse(readFileSync(`${dir}.meta.json`, 'utf8'))).toEqual(second);
    expect(git(dir, 'rev-parse', 'main^{tree}')).not.toBe(firstTree);
  });

  it('refuses a directory that is not empty', () => {
    expect(() => generateRepo({ dir: meta.dir, files: 300, seed: 7 })).toThrow(/is not empty/);
  });
});
