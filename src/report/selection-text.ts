// Human-readable output of `list` (summary line) and `why` (chains).
import type { Explanation } from '../select/explain.js';
import { mermaidChains } from './mermaid.js';
import type { Selection, SelectionReason } from '../types.js';

export function selectionSummary(selection: Selection): string {
  const base = selection.base ? ` (base ${selection.base.slice(0, 12)}, ${selection.stats.ms} ms)` : ` (${selection.stats.ms} ms)`;
  const mode = selection.mode === 'all' ? 'all tests: ' : '';
  return `impacted: ${mode}${selection.reason}${base}`;
}

function chain(reason: SelectionReason, test: string): string[] {
  const lines = [`  ${reason.changed}${reason.rule ? `  (${reason.rule})` : ''}`];
  for (const file of [...reason.via, test]) lines.push(`    -> ${file}`);
  return lines;
}

export function explanationText(explanation: Explanation): string {
  const lines: string[] = [];
  switch (explanation.kind) {
    case 'selected-test':
      if (explanation.mode === 'all') lines.push(`${explanation.file} is selected: every test runs (${explanation.reason}).`);
      else {
        lines.push(`${explanation.file} is selected by ${explanation.reasons.length} changed file${explanation.reasons.length === 1 ? '' : 's'}:`);
        for (const reason of explanation.reasons) lines.push(...chain(reason, explanation.file));
      }
      break;
    case 'unselected-test':
      lines.push(
        `${explanation.file} is not selected: none of the ${explanation.changed} changed files is among the ${explanation.dependencies} files it depends on.`,
      );
      break;
    case 'source':
      lines.push(`${explanation.file} is reached by ${explanation.tests.length} test${explanation.tests.length === 1 ? '' : 's'}:`);
      for (const test of explanation.tests) lines.push(...chain({ changed: explanation.file, via: test.via }, test.path));
      break;
  }
  return `${lines.join('\n')}\n`;
}

/** `why --mermaid`: the same chains as a flowchart; a test that is not selected has none to draw. */
export function explanationMermaid(explanation: Explanation): string {
  switch (explanation.kind) {
    case 'selected-test':
      return mermaidChains([{ path: explanation.file, reasons: explanation.reasons }]);
    case 'unselected-test':
      return explanationText(explanation);
    case 'source':
      return mermaidChains(explanation.tests.map((test) => ({ path: test.path, reasons: [{ changed: explanation.file, via: test.via }] })));
  }
}
