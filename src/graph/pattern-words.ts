// Which of the words the pattern scans (extract-patterns.ts) and glob reading start from occur in a source, from one
// pass over it. Each scan asking `includes` for its own words read a whole file about sixteen times, most of them
// for nothing (measured with bench/extract.mjs: 62 -> 24 ms CPU over the 9,486 code files of the 10k repository).

/** A bit per group of words; `present & word.x` tells whether a scan may find anything. */
export const word = {
  /** `require(`, `require.resolve(`, `require.context(` (and `requireActual`). */
  require: 1,
  /** `createRequire(`. */
  createRequire: 2,
  /** Every vi/jest mock method name holds `ock` or `Actual`. */
  mock: 4,
  /** `/// <reference path>`. */
  reference: 8,
  /** `declare module '...'`. */
  declare: 16,
  /** `import` followed by `(`, white space between. */
  importCall: 32,
  /** `new URL(`. */
  url: 64,
  /** `path.join(`, `path.resolve(`. */
  pathCall: 128,
  /** `readFile(`, `readdir(`, `createReadStream(` and their sync forms. */
  readCall: 256,
  /** `import.meta.glob`, `require.context`. */
  glob: 512,
} as const;

const bitOf: Record<string, number> = {
  require: word.require,
  createRequire: word.createRequire,
  ock: word.mock,
  Actual: word.mock,
  '<reference': word.reference,
  declare: word.declare,
  URL: word.url,
  join: word.pathCall,
  resolve: word.pathCall,
  readFile: word.readCall,
  readdir: word.readCall,
  ReadStream: word.readCall,
  '.glob': word.glob,
  '.context': word.glob,
};

/**
 * The words, in one pattern. A match hides a later word only where that word starts inside it, after one of its
 * letters (no word holds a `<` or a `.`): so a word after anything but a letter is always found, as every scan needs it
 * (`\b`, a lookbehind, `<`, `.`). The words a scan takes after letters (`mock`, `requireActual`, `createReadStream`)
 * start with `ock`, `A` or `R`, which no word ends with, so those are never hidden either.
 */
const WORDS = /require|createRequire|ock|Actual|<reference|declare|import\s*\(|URL|join|resolve|readFile|readdir|ReadStream|\.glob|\.context/g;

/** The `word` bits of what `source` holds. */
export function presentWords(source: string): number {
  let present = 0;
  WORDS.lastIndex = 0;
  for (let match = WORDS.exec(source); match !== null; match = WORDS.exec(source)) {
    present |= bitOf[match[0]] ?? word.importCall;
  }
  return present;
}
