// A graph whose extraction a worker thread shares (fixtures/extract-second-thread: 2,000 modules in chains of 100,
// from the build in dist/, where the worker is a built file) is the graph read on one thread: every edge, cold, warm
// from the cache the shared run wrote, and without the cache. test/graph/extract-files.test.ts holds the worker
// itself to its answers; how many files each thread did here depends on timing. Files are resolved as they are read
// once the runners' aliases are in, else after the reading: the graph is the same whenever they arrive.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildGraph, type BuildGraphOptions } from '../../dist/graph/build-graph.js';
import { createRepo, type TempRepo } from '../helpers/repo.js';

const links = 2000;
const name = (at: number) => `link-${String(at).padStart(4, '0')}`;
const heads = Array.from({ length: links / 100 }, (_, at) => at * 100);

const edgesOf = async (repo: TempRepo, options: Omit<BuildGraphOptions, 'cwd'>) => {
  const graph = await buildGraph({ cwd: repo.dir, ...options });
  return { edges: graph.edges.map((edge) => `${edge.kind} ${edge.from} -> ${edge.to}`), beside: graph.stats.extractedBeside };
};

describe('a graph read partly on a second thread', () => {
  let repo: TempRepo;

  beforeAll(() => {
    repo = createRepo('extract-second-thread', { commit: false });
    for (let at = 0; at < links; at++) {
      const end = (at + 1) % 100 === 0;
      const body = end ? 'export const link = (): number => 1;\n' : `import { link as next } from './${name(at + 1)}.js';\n\nexport const link = (): number => next() + 1;\n`;
      repo.write(`packages/chain/src/${name(at)}.ts`, body);
    }
    for (const at of heads) repo.write(`packages/chain/test/${name(at)}.test.ts`, `import { link } from '../src/${name(at)}.js';\n\nif (link() !== 100) throw new Error('broken');\n`);
    repo.commit('the chains');
  });

  it('has every edge of the chains, equal to a graph read on one thread, cold and warm', async () => {
    const expected = [
      ...Array.from({ length: links }, (_, at) => at).filter((at) => (at + 1) % 100 !== 0).map((at) => `static packages/chain/src/${name(at)}.ts -> packages/chain/src/${name(at + 1)}.ts`),
      'static packages/chain/src/link-head.ts -> packages/chain/src/link-0000.ts',
      'static packages/chain/src/link-head.ts -> packages/chain/src/link-1900.ts',
      'static packages/chain/test/head.test.ts -> packages/chain/src/link-head.ts',
      ...heads.map((at) => `static packages/chain/test/${name(at)}.test.ts -> packages/chain/src/${name(at)}.ts`),
    ].sort();
    const oneThread = await edgesOf(repo, { secondThreadFrom: Infinity, cache: false });
    expect(oneThread.beside).toBe(0);
    expect([...oneThread.edges].sort()).toEqual(expected);
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'impacted-cache-'));
    const shared = await edgesOf(repo, { secondThreadFrom: 1000, cacheDir });
    expect(shared.edges).toEqual(oneThread.edges);
    expect(await edgesOf(repo, { secondThreadFrom: 1000, cache: false })).toEqual({ edges: oneThread.edges, beside: expect.any(Number) });
    // The warm run reads nothing: what the shared run cached is what one thread would have.
    expect(await edgesOf(repo, { cacheDir })).toEqual({ edges: oneThread.edges, beside: 0 });
  });
});

describe('resolution started whenever the runners answer', () => {
  let repo: TempRepo;
  const aliases = [{ dir: 'packages/chain', aliases: [{ find: '@chain/head', isRegExp: false, replacement: 'packages/chain/src/link-head.ts' }] }];

  beforeAll(() => {
    repo = createRepo('extract-second-thread', { commit: false });
    for (let at = 0; at < links; at++) {
      const end = (at + 1) % 100 === 0;
      const body = end ? 'export const link = (): number => 1;\n' : `import { link as next } from './${name(at + 1)}.js';\n\nexport const link = (): number => next() + 1;\n`;
      repo.write(`packages/chain/src/${name(at)}.ts`, body);
    }
    // Resolved only through the runner's alias.
    repo.write('packages/chain/test/alias.test.ts', "import { head } from '@chain/head';\n\nhead();\n");
    repo.commit('the chains');
  });

  /** Aliases that arrive once the reading has reached `after` files of its first pass (Infinity: at its last step of 500). */
  const arriving = (after: number): Pick<BuildGraphOptions, 'aliases' | 'onProgress'> => {
    let arrive: (value: typeof aliases) => void = () => undefined;
    return {
      aliases: new Promise((resolve) => (arrive = resolve)),
      onProgress: (event) => {
        if (event.stage === 'extract' && (event.done >= after || event.done + 500 > (event.total ?? 0))) arrive(aliases);
      },
    };
  };

  it('is the same graph when the aliases come before, during or after the reading, on one thread or two', async () => {
    const before = await edgesOf(repo, { secondThreadFrom: Infinity, cache: false, aliases });
    expect(before.edges).toContain('static packages/chain/test/alias.test.ts -> packages/chain/src/link-head.ts');
    expect(before.edges).toContain('static packages/chain/src/link-1998.ts -> packages/chain/src/link-1999.ts');
    for (const secondThreadFrom of [Infinity, 1000]) {
      for (const after of [500, Infinity]) {
        const cacheDir = mkdtempSync(path.join(tmpdir(), 'impacted-cache-'));
        expect((await edgesOf(repo, { secondThreadFrom, cacheDir, ...arriving(after) })).edges).toEqual(before.edges);
        // What that run cached gives the same graph warm.
        expect((await edgesOf(repo, { cacheDir, aliases })).edges).toEqual(before.edges);
      }
    }
  });
});

const mod = (group: number, at: number) => `packages/chain/src/g${group}/mod-${at}.ts`;
const leaf = (group: number, at: number) => `packages/chain/src/g${group}/leaf-${at}.ts`;
const testOf = (group: number) => `packages/chain/test/g${group}.test.ts`;

describe('a walk from the tests read partly on a second thread', () => {
  let repo: TempRepo;
  // 20 groups of 100 modules, each importing a leaf of its own; tests import every module of the even groups.
  const groups = 20;
  const even = Array.from({ length: groups / 2 }, (_, i) => 2 * i);

  beforeAll(() => {
    repo = createRepo('extract-second-thread', { commit: false });
    for (let group = 0; group < groups; group++) {
      for (let at = 0; at < 100; at++) {
        repo.write(mod(group, at), `import { leaf } from './leaf-${at}.js';\n\nexport const mod = (): number => leaf() + 1;\n`);
        repo.write(leaf(group, at), 'export const leaf = (): number => 1;\n');
      }
    }
    for (const group of even) repo.write(testOf(group), Array.from({ length: 100 }, (_, at) => `import '../src/g${group}/mod-${at}.js';\n`).join(''));
    repo.commit('the groups');
  });

  it('reads what the tests reach and no other, with the same edges on one thread or two', async () => {
    const tests = even.map(testOf);
    const expected = even
      .flatMap((group) =>
        Array.from({ length: 100 }, (_, at) => [`static ${testOf(group)} -> ${mod(group, at)}`, `static ${mod(group, at)} -> ${leaf(group, at)}`]).flat(),
      )
      .sort();
    const reached = tests.length + even.length * 200;
    const oneThread = await buildGraph({ cwd: repo.dir, cache: false, secondThreadFrom: Infinity, reach: Promise.resolve(tests) });
    expect(oneThread.stats).toMatchObject({ extracted: reached, extractedBeside: 0 });
    expect(oneThread.edges.map((edge) => `${edge.kind} ${edge.from} -> ${edge.to}`).sort()).toEqual(expected);
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'impacted-cache-'));
    for (const cache of [{ cache: false }, { cacheDir }]) {
      const shared = await buildGraph({ cwd: repo.dir, ...cache, secondThreadFrom: 1000, reach: Promise.resolve(tests) });
      expect(shared.edges).toEqual(oneThread.edges);
      // How many the worker read depends on timing (its start takes about as long as this walk; the 10k benchmark
      // repository's cold run has it read 7,000 of 9,400): test/graph/extract-files.test.ts holds it to its answers.
      expect(shared.stats).toMatchObject({ extracted: reached, extractedBeside: expect.any(Number) });
    }
    // Warm from what the shared walk cached: nothing read, the same edges.
    const warm = await buildGraph({ cwd: repo.dir, cacheDir, reach: Promise.resolve(tests) });
    expect({ edges: warm.edges, extracted: warm.stats.extracted }).toEqual({ edges: oneThread.edges, extracted: 0 });
  });
});
