// Parses JSON with comments and trailing commas, as tsconfig.json allows.
import { readFileSync } from 'node:fs';

/** Removes comments and trailing commas outside of strings. */
function stripJsonComments(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') {
      const start = i;
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      i++;
      out += text.slice(start, i);
    } else if (ch === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? text.length : end + 2;
    } else {
      // A trailing comma (only whitespace before the closing bracket) is dropped.
      if (ch !== ',' || !/^\s*[}\]]/.test(text.slice(i + 1, i + 200))) out += ch;
      i++;
    }
  }
  return out;
}

/** Reads a JSON-with-comments file; undefined when it is missing or unparsable (the error says which). */
export function readJsonc(file: string): { value?: unknown; error?: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { error: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : (error as Error).message };
  }
  try {
    return { value: JSON.parse(stripJsonComments(text.replace(/^\uFEFF/, ''))) as unknown };
  } catch (error) {
    return { error: (error as Error).message };
  }
}
