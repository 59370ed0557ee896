import { describe, expect, it } from 'vitest';
import { parseShard, shardFiles } from '../../src/run/shard-files.js';

const files = (count: number): string[] => Array.from({ length: count }, (_, i) => `pkg${i % 3}/t${i}.test.ts`);

describe('shardFiles', () => {
  it('partitions any selection without loss or overlap, sizes differing by at most one', () => {
    for (let count = 0; count <= 23; count++) {
      for (let total = 1; total <= 6; total++) {
        const parts = Array.from({ length: total }, (_, i) => shardFiles(files(count), { index: i + 1, total }));
        expect(parts.flat().toSorted()).toEqual(files(count).toSorted());
        const sizes = parts.map((part) => part.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }
    }
  });

  it('gives every machine the same split whatever the input order', () => {
    const list = files(10);
    const reversed = list.toReversed();
    for (const index of [1, 2, 3]) {
      expect(shardFiles(reversed, { index, total: 3 })).toEqual(shardFiles(list, { index, total: 3 }));
    }
  });

  it('balances by recorded durations, counting unknown files as the mean', () => {
    const timings = { 'a.test.ts': 1000, 'b.test.ts': 400, 'c.test.ts': 400 };
    const list = ['a.test.ts', 'b.test.ts', 'c.test.ts', 'd.test.ts'];
    // d has no timing and counts as the mean, 600. Longest first, each to the least loaded shard: a+c | d+b.
    expect([1, 2].map((index) => shardFiles(list, { index, total: 2 }, timings))).toEqual([
      ['a.test.ts', 'c.test.ts'],
      ['b.test.ts', 'd.test.ts'],
    ]);
  });

  it('partitions without loss or overlap with timings too', () => {
    const list = files(17);
    const timings = Object.fromEntries(list.map((file, i) => [file, (i * 37) % 11]));
    const parts = [1, 2, 3, 4].map((index) => shardFiles(list, { index, total: 4 }, timings));
    expect(parts.flat().toSorted()).toEqual(list.toSorted());
  });
});

describe('parseShard', () => {
  it('reads <index>/<total>', () => {
    expect(parseShard('2/5')).toEqual({ index: 2, total: 5 });
  });

  it.each(['0/3', '4/3', '1/0', 'a/b', '1-3', ''])('rejects %j with a usage error', (text) => {
    expect(() => parseShard(text)).toThrow(
      expect.objectContaining({
        code: 'USAGE',
        message: `invalid --shard "${text}": use <index>/<total> with 1 <= index <= total, e.g. --shard 1/3.`,
      }),
    );
  });
});
