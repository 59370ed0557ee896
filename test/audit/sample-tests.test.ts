// `audit --sample <n>`: a deterministic, evenly spread choice of test files.
import { describe, expect, it } from 'vitest';
import { sampleTests } from '../../src/audit/sample-tests.js';

describe('sampleTests', () => {
  const tests = Array.from({ length: 10 }, (_, i) => `t${i}.test.ts`).reverse();

  it('takes the middle of equal slices of the sorted list', () => {
    expect(sampleTests(tests, 1)).toEqual(['t5.test.ts']);
    expect(sampleTests(tests, 3)).toEqual(['t1.test.ts', 't5.test.ts', 't8.test.ts']);
    expect(sampleTests(tests, 9)).toHaveLength(9);
    expect(new Set(sampleTests(tests, 9)).size).toBe(9);
  });

  it('takes every file, sorted, without a count or with a count as large as the list', () => {
    const sorted = [...tests].reverse();
    expect(sampleTests(tests)).toEqual(sorted);
    expect(sampleTests(tests, 10)).toEqual(sorted);
    expect(sampleTests(tests, 50)).toEqual(sorted);
  });
});
