import { describe, expect, it } from 'vitest';
import { chunkFiles } from '../../src/run/chunk-files.js';
import { nodeFlagsOf } from '../../src/runners/node.js';
import { splitCommandLine } from '../../src/run/split-command-line.js';

describe('splitCommandLine', () => {
  it.each([
    ['node ./run.mjs {files}', ['node', './run.mjs', '{files}']],
    [`  a   "b c"  'd "e"' f\\ g `, ['a', 'b c', 'd "e"', 'f g']],
    [`x "" '' y`, ['x', '', '', 'y']],
    [`run "say \\"hi\\" \\$HOME" $HOME`, ['run', 'say "hi" $HOME', '$HOME']],
    ['a && b; c | d', ['a', '&&', 'b;', 'c', '|', 'd']],
  ])('splits %j without a shell', (command, words) => {
    expect(splitCommandLine(command)).toEqual(words);
  });
});

describe('chunkFiles', () => {
  it('keeps each chunk within the byte limit and the order intact', () => {
    const files = Array.from({ length: 50 }, (_, i) => `packages/p${i}/test/é${i}.test.ts`);
    const chunks = chunkFiles(files, 200);
    expect(chunks.flat()).toEqual(files);
    for (const chunk of chunks) expect(chunk.reduce((bytes, file) => bytes + Buffer.byteLength(file) + 1, 0)).toBeLessThanOrEqual(200);
    expect(chunks.length).toBeGreaterThan(5);
  });

  it('puts a file longer than the limit in a chunk of its own rather than dropping it', () => {
    expect(chunkFiles(['a', 'x'.repeat(50), 'b'], 10)).toEqual([['a'], ['x'.repeat(50)], ['b']]);
  });

  it('gives no chunk for no files', () => {
    expect(chunkFiles([], 10)).toEqual([]);
  });
});

describe('nodeFlagsOf', () => {
  it.each([
    ['node --test', []],
    ['node --import tsx --test test/', ['--import', 'tsx']],
    ['node --loader ts-node/esm --no-warnings --test', ['--loader', 'ts-node/esm', '--no-warnings']],
    ['tsc -b && node --experimental-strip-types --import=./setup.mjs --test --test-reporter spec', ['--experimental-strip-types', '--import=./setup.mjs']],
    ['vitest run', []],
  ])('keeps the loader flags of %j', (script, flags) => {
    expect(nodeFlagsOf(script)).toEqual(flags);
  });
});
