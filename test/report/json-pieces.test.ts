// `list --json` writes its text in pieces (src/report/json-text.ts): together exactly what `JSON.stringify` gives,
// on one line and indented, and no piece near the size of a long list.
import { describe, expect, it } from 'vitest';
import { jsonText, writeJson } from '../../src/report/json-text.js';

const pieces = (value: unknown, terminal: boolean) => {
  const written: string[] = [];
  writeJson(value, terminal, (text) => written.push(text));
  return written;
};

const selection = {
  version: 1,
  mode: 'affected',
  reason: 'a "quoted"\nreason',
  skipped: undefined,
  tests: Array.from({ length: 20_000 }, (_, at) => ({
    path: `packages/p${at}/test/a.test.ts`,
    reasons: [{ changed: 'packages/p1/src/x.ts', via: ['packages/p1/src/index.ts', `packages/p${at}/src/y.ts`] }],
  })),
  problems: [],
  empty: {},
  stats: { files: 3, edges: 2, when: new Date(0), custom: { toJSON: () => 'custom' }, gone: () => 1 },
  odd: [undefined, () => 1, null, [[1, [2]], {}]],
};

describe('JSON written in pieces', () => {
  for (const terminal of [false, true]) {
    it(`is the text of JSON.stringify (${terminal ? 'indented' : 'one line'})`, () => {
      const written = pieces(selection, terminal);
      expect(written.join('')).toBe(jsonText(selection, terminal));
      expect(written.length).toBeGreaterThan(5);
      expect(Math.max(...written.map((piece) => piece.length))).toBeLessThan(300 * 1024);
    });
  }

  it('writes values that are no plain object as JSON.stringify does', () => {
    for (const value of [[], {}, 'text', 5, null, [1, [2, [3]]], Object.assign(Object.create(null) as object, { b: 1, 2: 'two' })]) {
      for (const terminal of [false, true]) expect(pieces(value, terminal).join('')).toBe(jsonText(value, terminal));
    }
  });
});
