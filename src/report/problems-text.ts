// The stderr lines that count what the graph could not read or resolve, and `graph --problems`.
import type { GraphProblem } from '../types.js';
import { plural } from './plural.js';

const counted: [GraphProblem['kind'], string, string][] = [
  ['unresolved', 'import', 'unresolved'],
  ['unparsed', 'file', 'not fully parsed'],
  ['unreadable', 'file', 'unreadable'],
  ['unknown-type', 'file', 'of a type impacted cannot read'],
  ['config', 'config problem', ''],
];

/** Zero, one or two lines: imports that depend on a whole package, then every other problem counted by kind. */
export function problemLines(problems: readonly GraphProblem[]): string[] {
  const count = (kind: GraphProblem['kind']) => problems.filter((problem) => problem.kind === kind).length;
  const lines: string[] = [];
  const whole = count('whole-package');
  if (whole > 0) {
    lines.push(`impacted: ${plural(whole, 'import')} of workspace packages could not be resolved to a file: depending on the whole package`);
  }
  const parts = counted.flatMap(([kind, noun, what]) => {
    const n = count(kind);
    return n === 0 ? [] : [`${plural(n, noun)}${what ? ` ${what}` : ''}`];
  });
  if (parts.length > 0) lines.push(`impacted: ${parts.join(', ')}: widened; impacted graph --problems for details`);
  return lines;
}

/** `graph --problems`: one line per problem, `<kind> <file>: <message>`. */
export function problemsText(problems: readonly GraphProblem[]): string {
  if (problems.length === 0) return 'no problems: every file was read and every import resolved\n';
  return problems.map((problem) => `${problem.kind} ${problem.file}: ${problem.message}\n`).join('');
}
