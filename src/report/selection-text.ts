// Human-readable output of `list` (summary line) and `why` (chains).
import type { ExplainedReason, ExplainedTest, Explanation } from '../select/explain.js';
import { isPackageNode } from '../graph/package-node.js';
import { mermaidChains } from './mermaid.js';
import { plural } from './plural.js';
import type { EdgeKind, Selection } from '../types.js';

export function selectionSummary(selection: Selection): string {
  const base = selection.base ? ` (base ${selection.base.slice(0, 12)}, ${selection.stats.ms} ms)` : ` (${selection.stats.ms} ms)`;
  const mode = selection.mode === 'all' ? 'all tests: ' : '';
  return `impacted: ${mode}${selection.reason}${base}`;
}

/** What the recorded map did for this selection, when it needs saying: missing, or tests edited since it was recorded. */
export function recordedNote(selection: Selection): string | undefined {
  const recorded = selection.recorded;
  if (!recorded) return undefined;
  if (recorded.missing) return `impacted: recorded map ${recorded.file} not found: static selection only (run impacted record on the default branch)`;
  if (recorded.stale.length === 0) return undefined;
  return `impacted: ${plural(recorded.stale.length, 'test')} changed since the map was recorded on ${recorded.commit.slice(0, 12)}: static rules alone for them`;
}

const hopNotes: Partial<Record<EdgeKind, string>> = {
  type: '  (type-only import)',
  implicit: '  (implicitDependencies)',
};

/** A whole package or project in a chain: an import of it no file could resolve, or an nx implicit dependency on it. */
function wholePackageNote(nextHop: EdgeKind | undefined): string {
  return nextHop === 'implicit' ? '  (the whole project: nx implicitDependencies)' : '  (the whole package: an import of it could not be resolved to a file)';
}

function chain(reason: ExplainedReason, test: string): string[] {
  // A changed test selects itself: there is no chain to draw.
  if (reason.changed === test && reason.via.length === 0) return [`  ${test}  (the test itself changed)`];
  const lines = [`  ${reason.changed}${reason.rule ? `  (${reason.rule})` : ''}`];
  [...reason.via, test].forEach((file, index) => {
    const hop = reason.hops[index];
    const note = isPackageNode(file) ? wholePackageNote(reason.hops[index + 1]) : hop ? (hopNotes[hop] ?? '') : '';
    lines.push(`    -> ${file}${note}`);
  });
  return lines;
}

function testChains(tests: readonly ExplainedTest[]): string[] {
  return tests.flatMap((test) => test.reasons.flatMap((reason) => chain(reason, test.path)));
}

export function explanationText(explanation: Explanation): string {
  const lines: string[] = [];
  const { file } = explanation;
  switch (explanation.kind) {
    case 'selected-test':
      if (explanation.mode === 'all') lines.push(`${file} is selected: every test runs (${explanation.reason}).`);
      else {
        lines.push(`${file} is selected by ${plural(new Set(explanation.reasons.map((reason) => reason.changed)).size, 'changed file')}:`);
        for (const reason of explanation.reasons) lines.push(...chain(reason, file));
      }
      break;
    case 'unselected-test':
      lines.push(
        `${file} is not selected: none of the ${plural(explanation.changed, 'changed file')} is among the ${plural(explanation.dependencies, 'file')} it depends on.`,
      );
      break;
    case 'ignored':
      lines.push(`${file} matches an "ignore" pattern: a change to it selects no test.`);
      break;
    case 'inert':
      lines.push(
        `${file} is known inert (it matches "${explanation.pattern}"): a change to it selects no test. If a test reads it, add "!${file}" to "inert" in the config.`,
      );
      break;
    case 'changed':
      if (explanation.mode === 'all') lines.push(`${file} is changed; every test runs (${explanation.reason}).`);
      else if (explanation.tests.length === 0) lines.push(`${file} is changed and selects no test.`);
      else lines.push(`${file} is changed and selects ${plural(explanation.tests.length, 'test')}:`, ...testChains(explanation.tests));
      break;
    case 'source':
      if (explanation.tests.length === 0) lines.push(`${file} is reached by no test.`);
      else lines.push(`${file} is reached by ${plural(explanation.tests.length, 'test')}:`, ...testChains(explanation.tests));
      break;
  }
  return `${lines.join('\n')}\n`;
}

/** `why --mermaid`: the same chains as a flowchart; where there is nothing to draw, the text says why. */
export function explanationMermaid(explanation: Explanation): string {
  switch (explanation.kind) {
    case 'selected-test':
      return explanation.mode === 'all' ? explanationText(explanation) : mermaidChains([{ path: explanation.file, reasons: explanation.reasons }]);
    case 'changed':
    case 'source':
      return explanation.tests.length === 0 || (explanation.kind === 'changed' && explanation.mode === 'all')
        ? explanationText(explanation)
        : mermaidChains(explanation.tests);
    case 'unselected-test':
    case 'ignored':
    case 'inert':
      return explanationText(explanation);
  }
}
