// The text of a `--json` output: indented for a person at a terminal, one line for the program reading a pipe or a
// file (at 100,000 files a selection is 16.8 MB indented, 12.4 MB on one line, and `jq .` indents it when wanted).
export function jsonText(value: unknown, terminal: boolean): string {
  return `${terminal ? JSON.stringify(value, null, 2) : JSON.stringify(value)}\n`;
}

/** Pieces written at once: a few hundred entries of a list. */
const pieceLength = 256 * 1024;

/** Plain containers, which `JSON.stringify` writes key by key; anything else (a `toJSON`, a Date, a Map) it is left to. */
function isPlainContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  if (Array.isArray(value)) return true;
  if (value === null || typeof value !== 'object' || typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/**
 * Writes `jsonText(value, terminal)` through `write` in pieces of about 256 KB: the top object and the lists in it
 * entry by entry, each entry by `JSON.stringify`. The whole text is never one string (nor, on its way out, one
 * buffer): at 100,000 files a selection's text and its bytes were ~25 MB at the run's peak.
 */
export function writeJson(value: unknown, terminal: boolean, write: (text: string) => void): void {
  let pending: string[] = [];
  let pendingLength = 0;
  const add = (text: string) => {
    pending.push(text);
    pendingLength += text.length;
    if (pendingLength >= pieceLength) {
      write(pending.join(''));
      pending = [];
      pendingLength = 0;
    }
  };
  // `JSON.stringify(value, null, 2)` puts a container's entries each on a line of their own, indented one step more.
  const step = terminal ? '  ' : '';
  const whole = (item: unknown, indent: string): string | undefined => {
    const text = terminal ? JSON.stringify(item, null, 2) : JSON.stringify(item);
    return text !== undefined && terminal && indent !== '' ? text.replaceAll('\n', `\n${indent}`) : text;
  };
  /** Writes `item` at `indent`, descending into containers `depth` levels deep; false when it has no JSON (an object key is then left out). */
  const put = (item: unknown, indent: string, depth: number): boolean => {
    if (depth === 0 || !isPlainContainer(item)) {
      const text = whole(item, indent);
      if (text === undefined) return false;
      add(text);
      return true;
    }
    const inner = indent + step;
    const open = terminal ? `\n${inner}` : '';
    const comma = terminal ? `,\n${inner}` : ',';
    let first = true;
    if (Array.isArray(item)) {
      add('[');
      for (const entry of item) {
        add(first ? open : comma);
        first = false;
        // An entry with no JSON (undefined, a function) is null in a list.
        if (!put(entry, inner, depth - 1)) add('null');
      }
      add(first ? ']' : terminal ? `\n${indent}]` : ']');
      return true;
    }
    add('{');
    for (const [key, entry] of Object.entries(item)) {
      // A value with no JSON (undefined, a function) leaves its key out.
      const text = depth > 1 && isPlainContainer(entry) ? undefined : whole(entry, inner);
      if (text === undefined && !(depth > 1 && isPlainContainer(entry))) continue;
      add(first ? open : comma);
      first = false;
      add(terminal ? `${JSON.stringify(key)}: ` : `${JSON.stringify(key)}:`);
      if (text === undefined) put(entry, inner, depth - 1);
      else add(text);
    }
    add(first ? '}' : terminal ? `\n${indent}}` : '}');
    return true;
  };
  put(value, '', 2);
  add('\n');
  if (pendingLength > 0) write(pending.join(''));
}
