// What an extraction result keeps alive: its specifiers and paths, never the source text they were read from.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { expect, test } from 'vitest';
import { extractImports, type ExtractResult } from '../../src/graph/extract-imports.js';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

function heapAfterCollection(): number {
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

test('extraction results do not keep the file texts (100 files of 200 KB: 20 MB of text)', () => {
  const files = 100;
  const filler = `// ${'x'.repeat(200_000)}\n`;
  const before = heapAfterCollection();
  const kept: ExtractResult[] = [];
  for (let i = 0; i < files; i++) {
    // A text read from a file is one flat string, as this one (a concatenation would be a tree of parts).
    const source = Buffer.from(
      `import { a } from './a-long-specifier-${i}.js';\nconst data = new URL('./fixtures/data-${i}.json', import.meta.url);\n${filler}`,
    ).toString('utf8');
    kept.push(extractImports(source, `src/file-${i}.ts`));
  }
  const retained = heapAfterCollection() - before;
  expect(kept[7]).toEqual({ imports: [{ specifier: './a-long-specifier-7.js', kind: 'static' }], assets: [{ path: './fixtures/data-7.json', relativeTo: 'file' }] });
  // Each result once held a view into its whole text; now a few hundred bytes each.
  expect(retained).toBeLessThan(2_000_000);
});
