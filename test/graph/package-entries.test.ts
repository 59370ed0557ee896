// The entries packages declare beside exports/main, read from manifests and bundler configs with a parser.
import { describe, expect, it } from 'vitest';
import { packageEntries } from '../../src/graph/package-entries.js';

const files = ['src/index.ts', 'src/cli.ts', 'src/a/index.ts', 'src/b.tsx', 'package.json'];
const read = (texts: Record<string, string>) => (file: string) => texts[file];

describe('packageEntries', () => {
  it('reads preconstruct entrypoints (globs relative to src/) into one subpath each', () => {
    const entries = packageEntries({ name: '@s/p', preconstruct: { entrypoints: ['index.ts', 'a/index.ts', '*.tsx'] } }, [], () => files, read({}));
    expect(entries?.subpaths).toEqual({ '.': ['src/index.ts'], './a': ['src/a/index.ts'], './b': ['src/b.tsx'] });
  });

  it('takes a dist/<scope>-<name>.cjs.js main as preconstruct with its default entrypoint, and a source field', () => {
    expect(packageEntries({ name: '@s/p', main: 'dist/s-p.cjs.js' }, [], () => files, read({}))?.subpaths).toEqual({ '.': ['src/index.ts'] });
    expect(packageEntries({ source: './lib/main.ts' }, [], () => files, read({}))?.subpaths).toEqual({ '.': ['lib/main.ts'] });
    expect(packageEntries({ main: 'dist/index.js' }, [], () => files, read({}))).toBeUndefined();
  });

  it.each([
    ['tsup.config.ts', "import { defineConfig } from 'tsup';\nexport default defineConfig([{ entry: ['src/index.ts', 'src/cli.ts'] }]);\n", { index: ['src/index.ts'], cli: ['src/cli.ts'] }],
    ['tsdown.config.mts', "export default { entry: { main: `./src/index.ts` } };\n", { main: ['src/index.ts'] }],
    ['rollup.config.mjs', "export default { input: 'src/cli.ts', output: { file: 'dist/bundle.js' } };\n", { cli: ['src/cli.ts'] }],
    ['build.config.ts', "export default defineBuildConfig({ entries: ['src/index', { input: 'src/cli', name: 'bin' }] });\n", { index: ['src/index'], bin: ['src/cli'], cli: ['src/cli'] }],
    ['tsup.config.json', '{ "entry": ["src/**/*.ts"] }', { index: ['src/index.ts', 'src/a/index.ts'], cli: ['src/cli.ts'] }],
  ])('reads the literal entries of %s', (config, text, outputs) => {
    expect(packageEntries({}, [config], () => files, read({ [config]: text }))?.outputs).toEqual(outputs);
  });

  it('names no entry for a computed one or a config that does not parse', () => {
    const computed = "const entry = ['a', 'b'].map((n) => `src/${n}.ts`);\nexport default { entry };\n";
    expect(packageEntries({}, ['tsup.config.ts'], () => files, read({ 'tsup.config.ts': computed }))).toEqual({ subpaths: {}, outputs: {}, built: [] });
    expect(packageEntries({}, ['rollup.config.js'], () => files, read({ 'rollup.config.js': 'export default {' }))?.built).toEqual([]);
  });
});
