// Tests for extractImports: every edge kind, assets, dedupe and order, and the lexer/oxc/regex fallbacks.
import { describe, expect, test } from 'vitest';
import { extractImports } from '../../src/graph/extract-imports.js';
import { parsedFiles } from '../../src/graph/parse-isolated.js';

const lines = (...source: string[]): string => source.join('\n');

describe('static', () => {
  test('imports, side-effect imports and every re-export form', () => {
    const source = lines(
      `import x from './default';`,
      `import * as all from "./namespace";`,
      `import { a, b as c } from './named';`,
      `import def, { type T } from './mixed-default';`,
      `import { type A, B } from './mixed-named';`,
      `import './side';`,
      `import data from './data.json' with { type: 'json' };`,
      `export * from './star';`,
      `export * as ns from './star-as';`,
      `export { a as d } from './reexport';`,
      `import {`,
      `  e,`,
      `  f,`,
      `} from './multiline';`,
      `import type from './default-named-type';`,
    );
    expect(extractImports(source, 'src/a.ts')).toEqual({
      imports: [
        { specifier: './default', kind: 'static' },
        { specifier: './namespace', kind: 'static' },
        { specifier: './named', kind: 'static' },
        { specifier: './mixed-default', kind: 'static' },
        { specifier: './mixed-named', kind: 'static' },
        { specifier: './side', kind: 'static' },
        { specifier: './data.json', kind: 'static' },
        { specifier: './star', kind: 'static' },
        { specifier: './star-as', kind: 'static' },
        { specifier: './reexport', kind: 'static' },
        { specifier: './multiline', kind: 'static' },
        { specifier: './default-named-type', kind: 'static' },
      ],
      assets: [],
    });
  });
});

describe('type', () => {
  test('type-only imports and re-exports, inline type bindings, triple-slash path references', () => {
    const source = lines(
      `/// <reference path="./globals.d.ts" />`,
      `/// <reference types="node" />`,
      `import type { A } from './a';`,
      `import type B from './b';`,
      `import type * as C from './c';`,
      `import { type D, type E as F } from './d';`,
      `export type { G } from './g';`,
      `export { type H, type I } from './h';`,
      `export type * from './star';`,
      `import { type as value } from './not-type';`,
      `import {} from './empty';`,
    );
    expect(extractImports(source, 'src/a.ts').imports).toEqual([
      { specifier: './globals.d.ts', kind: 'type' },
      { specifier: './a', kind: 'type' },
      { specifier: './b', kind: 'type' },
      { specifier: './c', kind: 'type' },
      { specifier: './d', kind: 'type' },
      { specifier: './g', kind: 'type' },
      { specifier: './h', kind: 'type' },
      { specifier: './star', kind: 'type' },
      { specifier: './not-type', kind: 'static' },
      { specifier: './empty', kind: 'static' },
    ]);
  });

  test('import() in type positions and module augmentation are type edges', () => {
    const source = lines(
      `type M = typeof import('./typeof-alias');`,
      `type N = import('./alias').T;`,
      `interface I { a: import('./interface').T }`,
      `function f(x: import('./param').X): void {}`,
      `declare module './augmented' { interface X { y: string } }`,
      `declare module 'vitest' { interface Matchers { z: string } }`,
      `const lazy = () => import('./runtime');`,
    );
    expect(extractImports(source, 'src/a.ts').imports).toEqual([
      { specifier: './typeof-alias', kind: 'type' },
      { specifier: './alias', kind: 'type' },
      { specifier: './interface', kind: 'type' },
      { specifier: './param', kind: 'type' },
      { specifier: './augmented', kind: 'type' },
      { specifier: './runtime', kind: 'dynamic' },
    ]);
  });

  test('a specifier imported both as a value and as a type is static only', () => {
    const source = lines(`import type { A } from './shared';`, `import { b } from './shared';`, `import type { C } from './types';`);
    expect(extractImports(source, 'src/a.ts').imports).toEqual([
      { specifier: './shared', kind: 'static' },
      { specifier: './types', kind: 'type' },
    ]);
  });
});

describe('dynamic', () => {
  test('literal and substitution-free template imports; no edge for computed ones', () => {
    const source = lines(
      `const a = await import('./a');`,
      'const b = await import(`./b`);',
      'const c = await import(`./locales/${locale}.js`);',
      `const d = await import(name);`,
      `const e = await import('./e' + suffix);`,
      `const f = await import("./f", { with: { type: 'json' } });`,
    );
    expect(extractImports(source, 'src/a.mjs')).toEqual({
      imports: [
        { specifier: './a', kind: 'dynamic' },
        { specifier: './b', kind: 'dynamic' },
        { specifier: './f', kind: 'dynamic' },
      ],
      assets: [],
    });
  });
});

describe('require', () => {
  test('require, require.resolve, import = require and createRequire in both forms', () => {
    const source = lines(
      `import { createRequire } from 'node:module';`,
      `import legacy = require('./legacy');`,
      `import type Shape = require('./shape');`,
      `const a = require('./a');`,
      'const b = require(`./b`);',
      `const c = require.resolve("./c", { paths: [here] });`,
      `const req = createRequire(import.meta.url);`,
      `const d = req('./d');`,
      `const e = req.resolve('./e');`,
      `const f = createRequire(import.meta.url)('./f');`,
      `const g = module.createRequire(pathToFileURL(file))('./g');`,
      `const h = require(name);`,
      `loader.require('./not-a-require');`,
    );
    expect(extractImports(source, 'src/a.ts').imports).toEqual([
      { specifier: 'node:module', kind: 'static' },
      { specifier: './legacy', kind: 'require' },
      { specifier: './shape', kind: 'type' },
      { specifier: './a', kind: 'require' },
      { specifier: './b', kind: 'require' },
      { specifier: './c', kind: 'require' },
      { specifier: './d', kind: 'require' },
      { specifier: './e', kind: 'require' },
      { specifier: './f', kind: 'require' },
      { specifier: './g', kind: 'require' },
    ]);
  });
});

describe('mock', () => {
  test('vitest and jest module paths, with type arguments and the import() form reported once', () => {
    const source = lines(
      `vi.mock('./vi-mock');`,
      `vi.doMock("./vi-do-mock", () => ({}));`,
      `vi.unmock('./vi-unmock');`,
      `const actual = await vi.importActual<typeof import('./vi-typed')>('./vi-actual');`,
      `const mocked = await vi.importMock('./vi-import-mock');`,
      `vi.mock(import('./vi-import-form'), () => ({}));`,
      `jest.mock('./jest-mock');`,
      `jest.doMock('./jest-do-mock');`,
      `jest.unmock('./jest-unmock');`,
      `const real = jest.requireActual('./jest-actual');`,
      `const fake = jest.requireMock('./jest-require-mock');`,
      `jest.unstable_mockModule('./jest-esm', () => ({}));`,
      `const auto = jest.createMockFromModule('./jest-auto');`,
      `vi.mock(path);`,
    );
    expect(extractImports(source, 'test/a.test.ts').imports).toEqual([
      { specifier: './vi-mock', kind: 'mock' },
      { specifier: './vi-do-mock', kind: 'mock' },
      { specifier: './vi-unmock', kind: 'mock' },
      { specifier: './vi-actual', kind: 'mock' },
      { specifier: './vi-typed', kind: 'type' },
      { specifier: './vi-import-mock', kind: 'mock' },
      { specifier: './vi-import-form', kind: 'mock' },
      { specifier: './jest-mock', kind: 'mock' },
      { specifier: './jest-do-mock', kind: 'mock' },
      { specifier: './jest-unmock', kind: 'mock' },
      { specifier: './jest-actual', kind: 'mock' },
      { specifier: './jest-require-mock', kind: 'mock' },
      { specifier: './jest-esm', kind: 'mock' },
      { specifier: './jest-auto', kind: 'mock' },
    ]);
  });
});

describe('assets', () => {
  test('new URL relative to import.meta.url, including inside fileURLToPath', () => {
    const source = lines(
      `const sql = new URL('./migrations/001.sql', import.meta.url);`,
      `const dir = fileURLToPath(new URL("../fixtures/data.json", import.meta.url));`,
      `const here = new URL('.', import.meta.url);`,
      `const remote = new URL('https://example.com/x', import.meta.url);`,
      `const other = new URL('./x.sql', base);`,
    );
    expect(extractImports(source, 'src/a.ts').assets).toEqual([
      { path: './migrations/001.sql', relativeTo: 'file' },
      { path: '../fixtures/data.json', relativeTo: 'file' },
    ]);
  });

  test('path.join and path.resolve from the file directory or the working directory', () => {
    const source = lines(
      `const a = path.join(__dirname, 'fixtures', 'a.json');`,
      `const b = path.resolve(__dirname, '..', 'b.sql');`,
      `const c = join(import.meta.dirname, 'c.txt');`,
      `const d = resolve(import.meta.dirname, "./d.txt");`,
      `const e = path.join(process.cwd(), 'e.json');`,
      `const f = path.resolve('fixtures/f.json');`,
      `const g = path.join(__dirname, name, 'g.json');`,
      `const root = path.resolve(__dirname, '..', '..');`,
      `const abs = path.resolve(__dirname, '/etc/passwd');`,
      `const list = items.join(', ');`,
      `const title = linkPath.join(' / ');`,
      `promise.then(() => resolve('done'));`,
      `const h = path.posix.join(__dirname, 'h.txt');`,
      `const i = _path.default.join(__dirname, '/i.txt');`,
      'const j = path.join(__dirname, `fixtures/${name}.json`);',
    );
    expect(extractImports(source, 'src/a.ts').assets).toEqual([
      { path: 'fixtures/a.json', relativeTo: 'file' },
      { path: '../b.sql', relativeTo: 'file' },
      { path: 'c.txt', relativeTo: 'file' },
      { path: './d.txt', relativeTo: 'file' },
      { path: 'e.json', relativeTo: 'cwd' },
      { path: 'fixtures/f.json', relativeTo: 'cwd' },
      { path: 'h.txt', relativeTo: 'file' },
      { path: 'i.txt', relativeTo: 'file' },
    ]);
  });

  test('file reads with a literal first argument', () => {
    const source = lines(
      `const a = readFileSync('./a.sql', 'utf8');`,
      `const b = await readFile('../b.txt');`,
      `const c = fs.readFileSync("fixtures/c.json", 'utf8');`,
      `const d = createReadStream('d.csv');`,
      `const e = readdirSync('./e');`,
      'const f = await fs.promises.readdir(`f`);',
      `const g = readFileSync(file);`,
      `const h = readFileSync('/etc/hosts');`,
      `const i = readFileSync('./a.sql');`,
    );
    expect(extractImports(source, 'src/a.js').assets).toEqual([
      { path: './a.sql', relativeTo: 'file' },
      { path: '../b.txt', relativeTo: 'file' },
      { path: 'fixtures/c.json', relativeTo: 'cwd' },
      { path: 'd.csv', relativeTo: 'cwd' },
      { path: './e', relativeTo: 'file' },
      { path: 'f', relativeTo: 'cwd' },
    ]);
  });
});

describe('the words the scans start from (one pass finds them all)', () => {
  test('words that run into each other are each found, and the words alone are no edge', () => {
    const source = lines(
      `const requireActual = jest.requireActual<typeof import('./typed')>('./actual');`,
      `const readdirequire = require('./after-readdir'), fromRequire = createRequire(import.meta.url);`,
      `fromRequire('./created');`,
      `const stream = fs.createReadStream('./data.txt'), joined = path.join(__dirname, 'fixtures/joined.json');`,
      `vi.doMock('./mocked');`,
      `type Deep = import('./deep').Deep;`,
      `// require join resolve readFile readdir ReadStream URL declare reference glob context mock Actual import`,
    );
    expect(extractImports(source, 'test/a.test.ts')).toEqual({
      imports: [
        { specifier: './actual', kind: 'mock' },
        { specifier: './typed', kind: 'type' },
        { specifier: './after-readdir', kind: 'require' },
        { specifier: './created', kind: 'require' },
        { specifier: './mocked', kind: 'mock' },
        { specifier: './deep', kind: 'type' },
      ],
      assets: [
        { path: './data.txt', relativeTo: 'file' },
        { path: 'fixtures/joined.json', relativeTo: 'file' },
      ],
    });
  });
});

describe('MDX', () => {
  test('top-level import and export paragraphs, CRLF or LF, and nothing from fenced code or prose', () => {
    const source = [
      `import { Card } from './card'\r`,
      `import data from "./data.json"\r`,
      `\r`,
      `# Title: import the thing from './prose'\r`,
      `\r`,
      '```ts\r',
      `import { fenced } from './fenced'\r`,
      '```\r',
      `\r`,
      `export const meta = { related: require('./meta') }`,
      ``,
      `<Card />`,
    ].join('\n');
    expect(extractImports(source, 'docs/page.mdx')).toEqual({
      imports: [
        // Each block's records in order, the blocks' merged by their place in the block.
        { specifier: './card', kind: 'static' },
        { specifier: './meta', kind: 'require' },
        { specifier: './data.json', kind: 'static' },
      ],
      assets: [],
    });
  });
});

describe('dedupe and order', () => {
  test('each specifier once per kind, in source order across kinds', () => {
    const source = lines(
      `import { a } from './a';`,
      `const b = require('./b');`,
      `import { c } from './a';`,
      `const later = await import('./a');`,
      `vi.mock('./b');`,
      `const again = require('./b');`,
    );
    expect(extractImports(source, 'test/a.test.ts').imports).toEqual([
      { specifier: './a', kind: 'static' },
      { specifier: './b', kind: 'require' },
      { specifier: './a', kind: 'dynamic' },
      { specifier: './b', kind: 'mock' },
    ]);
  });
});

describe('parsers', () => {
  test('.tsx and .jsx files: type, static, dynamic, re-export and require edges', () => {
    const tsx = lines(
      `import type { Props } from './props';`,
      `import { Button } from './button';`,
      `const Page = lazy(() => import('./page'));`,
      `export const App = (p: Props) => <div>{p.title}<Button /></div>;`,
    );
    expect(extractImports(tsx, 'src/app.tsx')).toEqual({
      imports: [
        { specifier: './props', kind: 'type' },
        { specifier: './button', kind: 'static' },
        { specifier: './page', kind: 'dynamic' },
      ],
      assets: [],
    });
    const jsx = lines(`import React from 'react';`, `export * from './re';`, `export default () => <p>{require('./legacy')}</p>;`);
    expect(extractImports(jsx, 'src/app.jsx')).toEqual({
      imports: [
        { specifier: 'react', kind: 'static' },
        { specifier: './re', kind: 'static' },
        { specifier: './legacy', kind: 'require' },
      ],
      assets: [],
    });
  });

  test('JSX the lexer reads is trusted only when it accounts for every import and from', () => {
    const readable = lines(
      `import { Link } from './link';`,
      `export const Nav = () => <nav><Link to="/a">a/b</Link>{items.map((i) => <i key={i}>{i}</i>)}</nav>;`,
      `export const Page = () => <Suspense fallback={<p>…</p>}><Lazy load={() => import('./page')} /></Suspense>;`,
      `export { Menu } from './menu';`,
    );
    const expected = {
      imports: [
        { specifier: './link', kind: 'static' },
        { specifier: './page', kind: 'dynamic' },
        { specifier: './menu', kind: 'static' },
      ],
      assets: [],
    };
    expect(extractImports(readable, 'src/nav.tsx')).toEqual(expected);
    // A `/` the lexer takes for the start of a regular expression stops it; and comments or text
    // that mention "import" or "from '…'" outnumber its records: oxc reads those files, with the same result.
    const hidden = lines(`import { Link } from './link';`, `export const Page = () => <Lazy a={1} /> && import('./page') && <b>/</b>;`, `export { Menu } from './menu';`);
    expect(extractImports(hidden, 'src/nav.tsx')).toEqual(expected);
    const prose = lines(`import { Link } from './link';`, `// import the page lazily`, `const Page = lazy(() => import('./page'));`, `export { Menu } from './menu';`);
    expect(extractImports(prose, 'src/nav.tsx')).toEqual(expected);
    const quoted = lines(`import { Link } from './link';`, `const A = () => <p>from "nowhere"</p>;`, `const Page = lazy(() => import('./page'));`, `export { Menu } from './menu';`);
    expect(extractImports(quoted, 'src/nav.tsx')).toEqual(expected);
  });

  test('JSX: the word import inside a specifier is no keyword, and a misread string that hides code is still caught', () => {
    const named = lines(
      `import { importPrice } from '@shop/checkout/adapters/import-price';`,
      `import data from './import.json' with { type: 'json' };`,
      `const later = () => import('./imports/import-later');`,
      `export const Card = () => <p onClick={() => importPrice(data)}>{later.name}</p>;`,
    );
    expect(extractImports(named, 'src/card.tsx').imports).toEqual([
      { specifier: '@shop/checkout/adapters/import-price', kind: 'static' },
      { specifier: './import.json', kind: 'static' },
      { specifier: './imports/import-later', kind: 'dynamic' },
    ]);
    // Text with an apostrophe reads to the lexer as a string up to the next quote, across the closing tag.
    const text = lines(`import { a } from './a';`, `export const P = () => <p>it's here</p>;`, `import { b } from './import-b';`, `const c = 'x';`);
    expect(extractImports(text, 'src/p.tsx').imports).toEqual([
      { specifier: './a', kind: 'static' },
      { specifier: './import-b', kind: 'static' },
    ]);
  });

  test('JSX the lexer reads is not given to oxc, unless asked (bench:extract --check-jsx), with the same result', () => {
    const source = lines(`import { Link } from './link';`, `export const Nav = () => <nav><Link to="/a">a</Link></nav>;`, `const Page = lazy(() => import('./page'));`);
    const before = parsedFiles();
    const lexed = extractImports(source, 'src/nav.tsx');
    expect(parsedFiles()).toBe(before);
    expect(extractImports(source, 'src/nav.tsx', { jsxWithParser: true })).toEqual(lexed);
    expect(parsedFiles()).toBe(before + 1);
    expect(lexed.imports.map((record) => record.specifier)).toEqual(['./link', './page']);
  });

  test('JSX in a .js file falls back to oxc', () => {
    const source = lines(`import { h } from './h';`, `export const view = <main>{h()}</main>;`, `const later = import('./later');`);
    expect(extractImports(source, 'src/view.js')).toEqual({
      imports: [
        { specifier: './h', kind: 'static' },
        { specifier: './later', kind: 'dynamic' },
      ],
      assets: [],
    });
  });

  test('a byte order mark, a hashbang and CRLF line ends', () => {
    const source = `\uFEFF#!/usr/bin/env node\r\nimport a from './a';\r\nconst b = require('./b');\r\n`;
    expect(extractImports(source, 'bin/cli.mjs')).toEqual({
      imports: [
        { specifier: './a', kind: 'static' },
        { specifier: './b', kind: 'require' },
      ],
      assets: [],
    });
    expect(extractImports(`\uFEFFimport type { T } from './t';`, 'src/a.ts').imports).toEqual([{ specifier: './t', kind: 'type' }]);
  });

  test('.mts and .cts files', () => {
    expect(extractImports(`import type { T } from './t.mjs';\nexport { x } from './x.mjs';`, 'src/a.mts').imports).toEqual([
      { specifier: './t.mjs', kind: 'type' },
      { specifier: './x.mjs', kind: 'static' },
    ]);
    expect(extractImports(`import fs = require('node:fs');\nconst y = require('./y.cjs');`, 'src/a.cts').imports).toEqual([
      { specifier: 'node:fs', kind: 'require' },
      { specifier: './y.cjs', kind: 'require' },
    ]);
  });

  test('a mixed ESM and CommonJS file', () => {
    const source = lines(
      `'use strict';`,
      `const fs = require('fs');`,
      `import helper from './helper.js';`,
      `module.exports = { load: () => import('./load.js') };`,
      `const text = fs.readFileSync(path.join(__dirname, 'template.html'), 'utf8');`,
    );
    expect(extractImports(source, 'lib/a.cjs')).toEqual({
      imports: [
        { specifier: 'fs', kind: 'require' },
        { specifier: './helper.js', kind: 'static' },
        { specifier: './load.js', kind: 'dynamic' },
      ],
      assets: [{ path: 'template.html', relativeTo: 'file' }],
    });
  });

  test('generics, as, satisfies, decorators and enums do not confuse the lexer', () => {
    const source = lines(
      `import { a } from './a';`,
      `@Component({ selector: 'x' })`,
      `class C<T extends Record<string, unknown>> {`,
      `  @Input() x!: string;`,
      `  constructor(@Inject(TOKEN) private readonly y: Map<string, Array<number>>) {}`,
      `}`,
      `enum E { A = 1 << 2, B = A / 2 }`,
      `const enum F { X = 'x' }`,
      `const g = <T,>(x: T): T => x;`,
      `const h = <any>window;`,
      `const k = (a as number) / 2 / 3;`,
      `const cfg = { a: 1 } satisfies Record<string, number>;`,
      `const ratio = x! / y! / z;`,
      `export default function <T>(value: T) { return value; }`,
      `import { b } from './b';`,
      `const lazy = () => import('./lazy');`,
    );
    expect(extractImports(source, 'src/a.ts')).toEqual({
      imports: [
        { specifier: './a', kind: 'static' },
        { specifier: './b', kind: 'static' },
        { specifier: './lazy', kind: 'dynamic' },
      ],
      assets: [],
    });
  });

  test('regex literals and comments that mention imports are not edges', () => {
    const source = lines(
      `// import x from './nope-line-comment';`,
      `/* import y from './nope-block-comment'; */`,
      `const re = /import\\('\\.\\/nope-regex'\\)/g;`,
      `if (ok) /import\\("\\.\\/nope-regex-after-paren"\\)/.test(text);`,
      `const s = "import('./nope-string')";`,
      `import { real } from './real';`,
    );
    expect(extractImports(source, 'src/a.ts')).toEqual({ imports: [{ specifier: './real', kind: 'static' }], assets: [] });
  });

  test('a file with a syntax error keeps what can be read, reports an error and does not throw', () => {
    const source = lines(
      `import { a } from './a';`,
      `import type { T } from './t';`,
      `export function broken( {`,
      `  const b = require('./b');`,
      `  return import('./c');`,
    );
    const result = extractImports(source, 'src/broken.ts');
    expect(result.imports).toEqual([
      { specifier: './a', kind: 'static' },
      { specifier: './t', kind: 'type' },
      { specifier: './b', kind: 'require' },
      { specifier: './c', kind: 'dynamic' },
    ]);
    expect(result.assets).toEqual([]);
    expect(result.error).toMatch(/\(\d+:\d+\)$/);
  });

  test('an unterminated JSX file reports an error too', () => {
    // The apostrophe stops the lexer, so oxc reads the file (a mismatched tag alone the lexer reads without complaint).
    const result = extractImports(`import { x } from './x';\nexport const v = <div>it's {x}</span>;`, 'src/v.tsx');
    expect(result.imports).toEqual([{ specifier: './x', kind: 'static' }]);
    expect(result.error).toEqual(expect.any(String));
  });
});
