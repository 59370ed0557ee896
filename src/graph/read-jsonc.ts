// Parses JSON with comments and trailing commas, as tsconfig.json allows.
import { readText, repoRelative, type RepoFiles } from '../files/repo-files.js';

/** Removes comments and trailing commas outside of strings. */
export function stripJsonComments(text: string): string {
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

/** Reads a JSON-with-comments file (absolute) of the repository; undefined when it is missing, outside or unparsable (the error says which). */
export function readJsonc(files: RepoFiles, file: string): { value?: unknown; error?: string } {
  const relative = repoRelative(files.root, file);
  if (relative === undefined) return { error: 'outside the repository: not read' };
  const read = readText(files, relative);
  if ('error' in read) return { error: read.error };
  const { text } = read;
  try {
    return { value: JSON.parse(stripJsonComments(text.replace(/^\uFEFF/, ''))) as unknown };
  } catch (error) {
    return { error: (error as Error).message };
  }
}
