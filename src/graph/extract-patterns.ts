// Regular-expression scans for the dependencies a module lexer does not report (require, mocks,
// run-time file reads, triple-slash references) and the last-resort scan of import statements.
import type { AssetRecord, ImportKind } from './extract-imports.js';
import { word } from './pattern-words.js';

/** An import found at a source offset; the offset orders the final list. */
export interface FoundImport {
  at: number;
  specifier: string;
  kind: ImportKind;
}

export interface FoundAsset extends AssetRecord {
  at: number;
}

/**
 * A string literal without escapes or line breaks, or a template literal without `${}`: three
 * capture groups, exactly one of which matches (see `literalAt`).
 */
const LITERAL = String.raw`(?:'([^'\\\r\n]*)'|"([^"\\\r\n]*)"|` + '`' + String.raw`((?:[^` + '`' + String.raw`\\$]|\$(?!\{))*)` + '`)';

function literalAt(match: RegExpExecArray, group: number): string | undefined {
  return match[group] ?? match[group + 1] ?? match[group + 2];
}

/** The value of a source text that is exactly one literal (an oxc `import()` argument), else undefined. */
export function literalValue(text: string): string | undefined {
  const match = WHOLE_LITERAL.exec(text.trim());
  return match ? literalAt(match, 1) : undefined;
}
const WHOLE_LITERAL = new RegExp(`^${LITERAL}$`);

// `.` before a name rules out methods such as `module.require` or `loader.import(...)`.
const REQUIRE_CALL = new RegExp(String.raw`(?<![\w$.])require\s*(?:\.\s*resolve\s*)?\(\s*${LITERAL}\s*[,)]`, 'g');
const TYPE_IMPORT_EQUALS_BEFORE = /\bimport\s+type\s+[\w$]+\s*=\s*$/;
const CREATE_REQUIRE_CALL = new RegExp(
  String.raw`\bcreateRequire\s*\([^()]*(?:\([^()]*\)[^()]*)*\)\s*(?:\.\s*resolve\s*)?\(\s*${LITERAL}\s*[,)]`,
  'g',
);
const CREATE_REQUIRE_BINDING = /(?<![\w$.])([\w$]+)\s*(?::\s*[\w$.]+\s*)?=\s*(?:[\w$]+\s*\.\s*)?createRequire\s*\(/g;
// Type arguments (`vi.importActual<typeof import('./x')>('./x')`) are skipped lazily up to the call.
const MOCK_CALL = new RegExp(
  String.raw`\b(?:vi|jest)\s*\.\s*(?:mock|doMock|unmock|doUnmock|dontMock|setMock|importActual|importMock|requireActual|requireMock|unstable_mockModule|createMockFromModule)\s*(?:<[^;]*?>\s*)?\(\s*(import\s*\(\s*)?${LITERAL}`,
  'g',
);
const REFERENCE_PATH = /^[ \t]*\/\/\/[ \t]*<reference\s+path\s*=\s*(?:"([^"]*)"|'([^']*)')/gm;
// Module augmentation of a relative module is a type-level dependency on it.
const DECLARE_MODULE = /\bdeclare\s+module\s+(?:'(\.[^'\\\r\n]*)'|"(\.[^"\\\r\n]*)")\s*\{/g;
const IMPORT_CALL = new RegExp(String.raw`(?<![\w$.])import\s*\(\s*${LITERAL}\s*[,)]`, 'g');
// Where an `import('...')` the lexer did not report as a call can only be a type (`typeof import`, `x: import('./a').T`).
const TYPE_POSITION_BEFORE = /(?:[:=<,|&([{?]|\b(?:typeof|keyof|extends|readonly|as|satisfies|is|implements))\s*$/;
const STATEMENT_FROM = new RegExp(String.raw`(?<![\w$.])(?:import|export)\b[^;'"` + '`' + String.raw`()]*?\bfrom\s*${LITERAL}`, 'g');
const SIDE_EFFECT_IMPORT = new RegExp(String.raw`(?<![\w$.])import\s*${LITERAL}`, 'g');

const NEW_URL = new RegExp(String.raw`\bnew\s+URL\s*\(\s*${LITERAL}\s*,\s*import\.meta\.url\s*\)`, 'g');
// The object before `.join(` is read afterwards (OWNER_BEFORE): an optional leading group would be tried at every offset.
const PATH_CALL = /\b(join|resolve)\s*\(([^()]*(?:\(\s*\)[^()]*)*)\)/g;
// `path.posix.join(` and compiled `_path.default.join(` name the module in the last step that is not `default`.
const OWNER_BEFORE = /([\w$]+)(?:\s*\.\s*default)?\s*\.\s*$/;
const PATH_ARGUMENT = new RegExp(String.raw`\s*(?:(__dirname|import\.meta\.dirname)|(process\.cwd\(\s*\))|${LITERAL})\s*(?:,|$)`, 'y');
// Exact names: `linkPath.join(' / ')` and `namesPath.join(' ')` join arrays.
const PATH_MODULE = /^(?:path|nodePath|pathModule|_path|upath|pathe|posix|win32)$/;
const READ_CALL = new RegExp(
  String.raw`(?<![\w$])(?:readFileSync|readFile|createReadStream|readdirSync|readdir)\s*\(\s*${LITERAL}\s*[,)]`,
  'g',
);
const NOT_A_FILE = /^(?:[a-zA-Z][a-zA-Z\d+.-]*:|\/|\s)|\s$/;
const ONLY_DIRECTORY_STEPS = /^(?:\.{1,2}(?:\/+|$))*$/;

/** The kind of an import or re-export statement from its text up to the specifier; undefined for `import x = require()`. */
export function statementKind(head: string, typeOnly: boolean): ImportKind | undefined {
  // Asked for every import: the patterns run only on heads that hold what each of them needs, `=` or `type`.
  if (head.includes('=') && IMPORT_EQUALS.test(head)) return undefined;
  if (typeOnly) return 'type';
  return head.includes('type') && (TYPE_STATEMENT.test(head) || everyBindingIsType(head)) ? 'type' : 'static';
}
const IMPORT_EQUALS = /^(?:export\s+)?import\s+(?:type\s+)?[\w$]+\s*=/;
// `import type from './x'` imports a default named `type`, hence the lookahead on what follows `type`.
const TYPE_STATEMENT = /^(?:import|export)\s+type\s*(?:[{*]|[\w$]+\s+from\b|[\w$]+\s*=)/;
const NAMED_BINDINGS = /^(?:import|export)\s*\{([^}]*)\}\s*from\b/;

function everyBindingIsType(head: string): boolean {
  const bindings = NAMED_BINDINGS.exec(head)?.[1]?.split(',').map((binding) => binding.trim().split(/\s+/)).filter((words) => words[0] !== '');
  if (!bindings || bindings.length === 0) return false;
  // `type as x` imports the value `type` under the name `x`.
  return bindings.every((words) => words[0] === 'type' && words.length > 1 && !(words.length === 3 && words[1] === 'as'));
}

/** require(), require.resolve(), createRequire(...)() and `import x = require()`; `present`: see pattern-words.ts. */
export function scanRequires(source: string, present: number, found: FoundImport[]): void {
  if (present & word.require) {
    for (const match of source.matchAll(REQUIRE_CALL)) {
      const kind = TYPE_IMPORT_EQUALS_BEFORE.test(source.slice(Math.max(0, match.index - 100), match.index)) ? 'type' : 'require';
      found.push({ at: match.index, specifier: literalAt(match, 1) ?? '', kind });
    }
  }
  if (!(present & word.createRequire)) return;
  for (const match of source.matchAll(CREATE_REQUIRE_CALL)) {
    found.push({ at: match.index, specifier: literalAt(match, 1) ?? '', kind: 'require' });
  }
  for (const binding of source.matchAll(CREATE_REQUIRE_BINDING)) {
    const name = binding[1] ?? 'require';
    if (name === 'require') continue;
    const call = new RegExp(String.raw`(?<![\w$.])${name.replaceAll('$', '\\$')}\s*(?:\.\s*resolve\s*)?\(\s*${LITERAL}\s*[,)]`, 'g');
    for (const match of source.matchAll(call)) {
      found.push({ at: match.index, specifier: literalAt(match, 1) ?? '', kind: 'require' });
    }
  }
}

/**
 * vi/jest mock and actual-module calls. Returns the offsets of `import()` calls used as their
 * argument (`vi.mock(import('./x'))`), which are reported once, as the mock.
 */
export function scanMocks(source: string, present: number, found: FoundImport[]): Set<number> {
  const mockedImports = new Set<number>();
  if (!(present & word.mock) || (!source.includes('vi') && !source.includes('jest'))) return mockedImports;
  for (const match of source.matchAll(MOCK_CALL)) {
    const specifier = literalAt(match, 2) ?? '';
    found.push({ at: match.index, specifier, kind: 'mock' });
    if (match[1] !== undefined) {
      const literalStart = match[0].length - specifier.length - 2;
      mockedImports.add(match.index + match[0].lastIndexOf('import', literalStart));
    }
  }
  return mockedImports;
}

/** `/// <reference path>` and `declare module './x'`, both type-level. */
export function scanTypeReferences(source: string, present: number, found: FoundImport[]): void {
  if (present & word.reference) {
    for (const match of source.matchAll(REFERENCE_PATH)) {
      found.push({ at: match.index, specifier: match[1] ?? match[2] ?? '', kind: 'type' });
    }
  }
  if (present & word.declare) {
    for (const match of source.matchAll(DECLARE_MODULE)) {
      found.push({ at: match.index, specifier: match[1] ?? match[2] ?? '', kind: 'type' });
    }
  }
}

/** `import('./x')` in type positions, which module records leave out; `calls` are the offsets of real calls. */
export function scanTypePositionImports(source: string, present: number, calls: ReadonlySet<number>, found: FoundImport[]): void {
  // A pattern that starts with a lookbehind is tried at every offset: ruling the file out first is much cheaper.
  if (!(present & word.importCall)) return;
  for (const match of source.matchAll(IMPORT_CALL)) {
    if (calls.has(match.index)) continue;
    if (!TYPE_POSITION_BEFORE.test(source.slice(Math.max(0, match.index - 20), match.index))) continue;
    found.push({ at: match.index, specifier: literalAt(match, 1) ?? '', kind: 'type' });
  }
}

/** The last resort when no parser could read the file: import/export statements and literal `import()` calls. */
export function scanImportStatements(source: string, found: FoundImport[], calls: Set<number>): void {
  for (const match of source.matchAll(STATEMENT_FROM)) {
    const kind = statementKind(match[0], false);
    if (kind) found.push({ at: match.index, specifier: literalAt(match, 1) ?? '', kind });
  }
  for (const match of source.matchAll(SIDE_EFFECT_IMPORT)) {
    found.push({ at: match.index, specifier: literalAt(match, 1) ?? '', kind: 'static' });
  }
  for (const match of source.matchAll(IMPORT_CALL)) {
    calls.add(match.index);
    found.push({ at: match.index, specifier: literalAt(match, 1) ?? '', kind: 'dynamic' });
  }
}

/** Literal paths to files read at run time. */
export function scanAssets(source: string, present: number, found: FoundAsset[]): void {
  if (present & word.url) {
    for (const match of source.matchAll(NEW_URL)) addAsset(found, match.index, literalAt(match, 1) ?? '', 'file');
  }
  if (present & word.pathCall) {
    for (const match of source.matchAll(PATH_CALL)) scanPathCall(source, match, found);
  }
  if (present & word.readCall) {
    for (const match of source.matchAll(READ_CALL)) {
      const path = literalAt(match, 1) ?? '';
      addAsset(found, match.index, path, path.startsWith('./') || path.startsWith('../') ? 'file' : 'cwd');
    }
  }
}

function scanPathCall(source: string, match: RegExpExecArray, found: FoundAsset[]): void {
  const [, method, args = ''] = match;
  const before = source.slice(Math.max(0, match.index - 40), match.index);
  const owner = OWNER_BEFORE.exec(before)?.[1];
  if (owner === undefined ? before.trimEnd().endsWith('.') : !PATH_MODULE.test(owner)) return;
  let relativeTo: AssetRecord['relativeTo'] | undefined;
  const segments: string[] = [];
  PATH_ARGUMENT.lastIndex = 0;
  while (PATH_ARGUMENT.lastIndex < args.length) {
    const start = PATH_ARGUMENT.lastIndex;
    const argument = PATH_ARGUMENT.exec(args);
    if (!argument) return;
    if (start === 0 && argument[1] !== undefined) relativeTo = 'file';
    else if (start === 0 && argument[2] !== undefined) relativeTo = 'cwd';
    else {
      const segment = literalAt(argument, 3);
      if (segment === undefined) return;
      segments.push(segment);
    }
  }
  // A bare `resolve('x')` or `join('a')` with no base is too often something else (a promise, an array).
  if (relativeTo === undefined && owner === undefined) return;
  if (segments.length === 0) return;
  // resolve() restarts at an absolute segment; join() just glues it on.
  if (method === 'resolve' && segments.some((segment) => segment.startsWith('/'))) return;
  const path = segments.join('/').replace(/\/{2,}/g, '/');
  addAsset(found, match.index, relativeTo === undefined ? path : path.replace(/^\//, ''), relativeTo ?? 'cwd');
}

function addAsset(found: FoundAsset[], at: number, path: string, relativeTo: AssetRecord['relativeTo']): void {
  if (NOT_A_FILE.test(path) || ONLY_DIRECTORY_STEPS.test(path)) return;
  found.push({ at, path, relativeTo });
}
