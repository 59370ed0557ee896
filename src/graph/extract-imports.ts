// Reads the import specifiers and literal run-time file paths of one JS/TS source file, fast:
// es-module-lexer first, oxc-parser (isolated, see parse-isolated.ts) when the lexer cannot (JSX, odd syntax or deep
// nesting), regexes as a last resort.
import type { Import as LexedImport } from 'es-module-lexer';
import type { ParserOptions } from 'oxc-parser';
import { moduleLexer } from '../lazy-dependencies.js';
import type { EdgeKind } from '../types.js';
import {
  type FoundAsset,
  type FoundImport,
  literalValue,
  scanAssets,
  scanImportStatements,
  scanMocks,
  scanRequires,
  scanTypePositionImports,
  scanTypeReferences,
  statementKind,
} from './extract-patterns.js';
import { extractGlobs, type GlobRecord } from './extract-globs.js';
import { componentExtensions, scriptBlocks } from './script-blocks.js';
import { parseIsolated } from './parse-isolated.js';
import { detachedString } from './detached-string.js';
import { presentWords } from './pattern-words.js';

export type ImportKind = Exclude<EdgeKind, 'asset' | 'implicit' | 'glob' | 'package' | 'setup'>;

export interface ImportRecord {
  specifier: string;
  kind: ImportKind;
}

/** A literal path to a (probably non-code) file read at run time. */
export interface AssetRecord {
  path: string;
  /** `file`: relative to the directory of the file that reads it; `cwd`: to the working directory. */
  relativeTo: 'file' | 'cwd';
}

export interface ExtractResult {
  /** In source order, each specifier once per kind (a specifier imported both ways is `static` only, not `type`). */
  imports: ImportRecord[];
  assets: AssetRecord[];
  /** Literal `import.meta.glob` and `require.context` calls; absent when there are none. */
  globs?: GlobRecord[];
  /** Set when no parser could read the file; `imports` then holds what a regex scan found. */
  error?: string;
}

const JSX_EXTENSION = /\.[jt]sx$/i;
const TYPESCRIPT_EXTENSION = /\.[cm]?tsx?$/i;
const DECLARATION_EXTENSION = /\.d\.[cm]?ts$/i;

export interface ExtractOptions {
  /** Read JSX with oxc-parser even where the lexer could (`bench:extract --check-jsx` compares the two). */
  jsxWithParser?: boolean;
}

/** Never throws: a file that does not parse keeps what a regex scan finds, with `error` set. */
export function extractImports(source: string, file: string, options: ExtractOptions = {}): ExtractResult {
  return componentExtensions.test(file) ? extractComponent(source, file, options) : extractModule(source, file, options);
}

/** A .vue, .svelte, .astro or .mdx file: what its script blocks import, each block read as the language it declares. */
function extractComponent(source: string, file: string, options: ExtractOptions): ExtractResult {
  const results = scriptBlocks(source, file).map((block) => extractModule(block.code, `${file}.${block.lang}`, options));
  const imports = uniqueImports(results.flatMap((result) => result.imports.map((record, at) => ({ ...record, at }))));
  const result: ExtractResult = { imports, assets: uniqueAssets(results.flatMap((r) => r.assets.map((asset, at) => ({ ...asset, at })))) };
  const globs = results.flatMap((r) => r.globs ?? []);
  if (globs.length > 0) result.globs = globs;
  const error = results.find((r) => r.error !== undefined)?.error;
  if (error !== undefined) result.error = `in a script block: ${error}`;
  return result;
}

function extractModule(source: string, file: string, options: ExtractOptions): ExtractResult {
  // The lexer reads a byte order mark as part of the first statement (and a hashbang must come first).
  const code = source.startsWith('\uFEFF') ? source.slice(1) : source;
  const imports: FoundImport[] = [];
  const calls = new Set<number>();
  let error: string | undefined;
  try {
    const jsx = JSX_EXTENSION.test(file);
    const lexed = !(jsx && options.jsxWithParser) && lexImports(code, TYPESCRIPT_EXTENSION.test(file), jsx, imports, calls);
    if (!lexed) error = parseImports(code, file, imports, calls);
  } catch (cause) {
    error = (cause instanceof Error ? cause.message : String(cause)).split('\n')[0];
  }
  if (error !== undefined) scanImportStatements(code, imports, calls);
  const present = presentWords(code);
  scanRequires(code, present, imports);
  scanTypeReferences(code, present, imports);
  scanTypePositionImports(code, present, calls, imports);
  const mockedImports = scanMocks(code, present, imports);
  const assets: FoundAsset[] = [];
  scanAssets(code, present, assets);
  const result: ExtractResult = {
    imports: uniqueImports(mockedImports.size === 0 ? imports : imports.filter((found) => !(found.kind === 'dynamic' && mockedImports.has(found.at)))),
    assets: uniqueAssets(assets),
  };
  const { globs, error: globError } = extractGlobs(code, present, file);
  if (globs.length > 0) result.globs = globs;
  error ??= globError;
  if (error !== undefined) result.error = error;
  return result;
}

/**
 * False when the lexer rejects the source (most JSX, some TypeScript), or, for JSX, may have misread it; nothing is
 * added then. JSX text and attributes can read to the lexer as a string or a regular expression that hides what
 * follows on the line: its reading of a JSX file stands only when it accounts for every `import` and `from '…'`.
 */
function lexImports(source: string, typescript: boolean, jsx: boolean, found: FoundImport[], calls: Set<number>): boolean {
  let lexed: readonly LexedImport[];
  try {
    // A closing tag's `</` reads as the start of a regular expression; `<_` (same length, so every offset holds)
    // reads as a comparison. Outside JSX a `</` sits only in strings, comments and regular expressions, whose
    // contents do not matter here, unless it is in a specifier: checked below.
    lexed = moduleLexer().parse(jsx ? source.replaceAll('</', '<_') : source)[0];
  } catch {
    return false;
  }
  if (jsx && !accountsForEveryImport(source, lexed)) return false;
  for (const entry of lexed) {
    if (entry.type === 'import-meta') continue;
    if (entry.type === 'dynamic') {
      // A `${}` template is a glob of files, not one edge.
      if (entry.specifier === undefined || entry.glob) continue;
      calls.add(entry.importStart);
      const kind = typescript && entry.probablyTypeOnly ? 'type' : 'dynamic';
      found.push({ at: entry.importStart, specifier: entry.specifier, kind });
      continue;
    }
    const kind = statementKind(source.slice(entry.importStart, entry.start), entry.typeOnly);
    if (kind) found.push({ at: entry.importStart, specifier: entry.specifier, kind });
  }
  return true;
}

const IDENTIFIER_CHAR = /[\w$]/;
const WHITE_SPACE = /\s/;
const ENDS_WITH_FROM = /(?<![\w$.])from\s*['"]?$/;

function isLiteralSpecifier(entry: LexedImport): boolean {
  return entry.type === 'dynamic' ? entry.specifier !== undefined && !entry.glob : entry.type !== 'import-meta';
}

/** Whether the lexer reported a record for every `import` keyword of the source and every `from` before a quote. */
function accountsForEveryImport(source: string, lexed: readonly LexedImport[]): boolean {
  let keywords = 0;
  // The word inside a literal specifier the lexer read (`'./import-price'`) is no keyword. A string the lexer misread
  // in JSX text that reaches past its element holds the `</` of the closing tag, which rejects the reading below.
  let record = 0;
  for (let at = source.indexOf('import'); at !== -1; at = source.indexOf('import', at + 6)) {
    while (record < lexed.length && lexed[record]!.end <= at) record++;
    const entry = lexed[record];
    if (entry !== undefined && isLiteralSpecifier(entry) && entry.start <= at) continue;
    const before = source[at - 1];
    const after = source[at + 6];
    if ((before === undefined || !(before === '.' || IDENTIFIER_CHAR.test(before))) && (after === undefined || !IDENTIFIER_CHAR.test(after))) keywords++;
  }
  let importRecords = 0;
  let fromRecords = 0;
  for (const entry of lexed) {
    if (entry.specifier?.includes('<_')) return false;
    if (source.startsWith('import', entry.importStart)) importRecords++;
    if (entry.type !== 'dynamic' && entry.type !== 'import-meta' && ENDS_WITH_FROM.test(source.slice(entry.importStart, entry.start))) fromRecords++;
  }
  if (keywords !== importRecords) return false;
  return countFromLiterals(source) === fromRecords;
}

/** How many `from` keywords stand before a quote (`from './x'`): the matches of `/(?<![\w$.])from\s*['"]/g`, without trying it at every offset. */
function countFromLiterals(source: string): number {
  let froms = 0;
  for (let at = source.indexOf('from'); at !== -1; at = source.indexOf('from', at + 4)) {
    const before = source[at - 1];
    if (before !== undefined && (before === '.' || IDENTIFIER_CHAR.test(before))) continue;
    let next = at + 4;
    while (WHITE_SPACE.test(source[next] ?? '')) next++;
    const quote = source.charCodeAt(next);
    if (quote === 39 || quote === 34) froms++;
  }
  return froms;
}

/** Reads the module record with oxc; returns a short message when the source has syntax errors. */
function parseImports(source: string, file: string, found: FoundImport[], calls: Set<number>): string | undefined {
  const result = parseIsolated(file, source, { lang: languageOf(file), sourceType: 'unambiguous' });
  const { staticImports, staticExports, dynamicImports } = result.module;
  for (const statement of staticImports) {
    const request = statement.moduleRequest;
    const kind = statementKind(source.slice(statement.start, request.start), false);
    if (kind) found.push({ at: statement.start, specifier: request.value, kind });
  }
  for (const statement of staticExports) {
    const request = statement.entries.find((entry) => entry.moduleRequest !== null)?.moduleRequest;
    if (!request) continue;
    const kind = statementKind(source.slice(statement.start, request.start), false);
    if (kind) found.push({ at: statement.start, specifier: request.value, kind });
  }
  for (const call of dynamicImports) {
    const specifier = literalValue(source.slice(call.moduleRequest.start, call.moduleRequest.end));
    if (specifier === undefined) continue;
    calls.add(call.start);
    found.push({ at: call.start, specifier, kind: 'dynamic' });
  }
  const problem = result.errors.find((entry) => entry.severity === 'Error');
  if (!problem) return undefined;
  const offset = problem.labels[0]?.start;
  return offset === undefined ? problem.message : `${problem.message} (${lineAndColumn(source, offset)})`;
}

function languageOf(file: string): ParserOptions['lang'] {
  if (DECLARATION_EXTENSION.test(file)) return 'dts';
  if (!TYPESCRIPT_EXTENSION.test(file)) return 'jsx';
  return JSX_EXTENSION.test(file) ? 'tsx' : 'ts';
}

function lineAndColumn(source: string, offset: number): string {
  const before = source.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return `${before.split('\n').length}:${offset - lineStart + 1}`;
}

function bySourceOrder(a: { at: number }, b: { at: number }): number {
  return a.at - b.at;
}

/** In source order: the lexer's records come in order, and the scans after it mostly find nothing, so most lists already are. */
function inSourceOrder<T extends { at: number }>(found: T[]): T[] {
  for (let i = 1; i < found.length; i++) if (found[i - 1]!.at > found[i]!.at) return found.toSorted(bySourceOrder);
  return found;
}

const kindBit: Record<ImportKind, number> = { static: 1, type: 2, dynamic: 4, require: 8, mock: 16 };

function uniqueImports(found: FoundImport[]): ImportRecord[] {
  const staticSpecifiers = found.some((entry) => entry.kind === 'type')
    ? new Set(found.filter((entry) => entry.kind === 'static').map((entry) => entry.specifier))
    : undefined;
  /** The kinds each specifier was recorded with. */
  const seen = new Map<string, number>();
  const records: ImportRecord[] = [];
  for (const { specifier, kind } of inSourceOrder(found)) {
    if (specifier === '' || (kind === 'type' && staticSpecifiers?.has(specifier))) continue;
    const kinds = seen.get(specifier) ?? 0;
    if (kinds & kindBit[kind]) continue;
    seen.set(specifier, kinds | kindBit[kind]);
    records.push({ specifier: detachedString(specifier), kind });
  }
  return records;
}

function uniqueAssets(found: FoundAsset[]): AssetRecord[] {
  if (found.length === 0) return [];
  const seen = new Set<string>();
  const records: AssetRecord[] = [];
  for (const { path, relativeTo } of inSourceOrder(found)) {
    const key = `${relativeTo}\0${path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    records.push({ path: detachedString(path), relativeTo });
  }
  return records;
}
