// Splits a custom runner command into arguments the way a POSIX shell would quote them, without running a shell.
import { ImpactedError } from '../errors.js';

/**
 * `node "my runner.mjs" --x='a b' {files}` -> ['node', 'my runner.mjs', '--x=a b', '{files}'].
 * Quotes and backslashes are honoured; nothing is expanded (no variables, globs or operators).
 */
export function splitCommandLine(command: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < command.length; i++) {
    const char = command[i] ?? '';
    if (quote === "'") {
      if (char === "'") quote = undefined;
      else word += char;
    } else if (quote === '"') {
      if (char === '"') quote = undefined;
      else if (char === '\\' && /["\\$`]/.test(command[i + 1] ?? '')) word += command[++i];
      else word += char;
    } else if (char === "'" || char === '"') {
      quote = char;
      inWord = true;
    } else if (char === '\\' && i + 1 < command.length) {
      word += command[++i];
      inWord = true;
    } else if (/\s/.test(char)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += char;
      inWord = true;
    }
  }
  if (quote) throw new ImpactedError('CONFIG', `"runner.command" has an unclosed ${quote} quote: ${command}`);
  if (inWord) words.push(word);
  return words;
}
