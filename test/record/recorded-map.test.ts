// The recorded map's file format: runs of test indexes per file, written and read back exactly.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeRuns, encodeRuns, openRecordedIndex, readRecordedMap, serializeRecordedMap, type RecordedMap } from '../../src/record/recorded-map.js';

const map: RecordedMap = {
  version: 1,
  commit: 'c0ffee',
  recordedAt: '2026-12-01T00:00:00.000Z',
  tests: new Map([
    ['a.test.ts', { executed: ['a.test.ts', 'src/x.ts'], read: ['data.json'], hash: 'ha' }],
    ['b.test.ts', { executed: ['b.test.ts', 'src/x.ts'], read: [], hash: 'hb' }],
  ]),
  hashes: new Map([
    ['a.test.ts', 'ha'],
    ['b.test.ts', 'hb'],
    ['data.json', 'hd'],
    ['src/x.ts', 'hx'],
  ]),
};

describe('recorded map format', () => {
  it('writes indexes as runs of base-36 gaps and lengths, and reads them back', () => {
    for (const indexes of [[], [0], [0, 1, 2, 3], [5], [1, 2, 40, 41, 42, 100], Array.from({ length: 1000 }, (_, i) => i * 2)]) {
      expect(decodeRuns(encodeRuns(indexes))).toEqual(indexes);
    }
    expect(encodeRuns([0, 1, 2, 3])).toBe('0+3');
    expect(encodeRuns([1, 2, 40, 41, 42, 100])).toBe('1+1,11+2,1l');
  });

  it('is a header line and one line per file', () => {
    expect(serializeRecordedMap(map)).toBe(
      [
        JSON.stringify({
          version: 1,
          commit: 'c0ffee',
          recordedAt: '2026-12-01T00:00:00.000Z',
          tests: ['a.test.ts', 'b.test.ts'],
          testHashes: ['ha', 'hb'],
          files: ['a.test.ts', 'b.test.ts', 'data.json', 'src/x.ts'],
          hashes: ['ha', 'hb', 'hd', 'hx'],
        }),
        '0;',
        '1;',
        ';0',
        '0+1;',
        '',
      ].join('\n'),
    );
  });

  it('round-trips, and answers per file without decoding the rest', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'impacted-map-')), 'recorded.json');
    writeFileSync(file, serializeRecordedMap(map));
    expect(await readRecordedMap(file, 'recorded.json')).toEqual(map);
    const index = await openRecordedIndex(file, 'recorded.json');
    expect(index?.usesOf('src/x.ts')).toEqual({ executed: [0, 1], read: [] });
    expect(index?.usesOf('data.json')).toEqual({ executed: [], read: [0] });
    expect(index?.usesOf('unknown.ts')).toBeUndefined();
    writeFileSync(file, serializeRecordedMap(map).split('\n').slice(0, 3).join('\n'));
    await expect(openRecordedIndex(file, 'recorded.json')).rejects.toThrow('recorded.json is damaged (truncated). Write it again with impacted record.');
  });
});
