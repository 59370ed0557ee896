// GitHub Actions integration: a job step summary (Markdown with a Mermaid chart) and step outputs.
import { mermaidChains } from './mermaid.js';
import type { Selection } from '../types.js';

const maxListed = 100;

export function githubSummary(selection: Selection): string {
  const lines = [
    '## impacted',
    '',
    `**Mode:** ${selection.mode} · **Selected:** ${selection.tests.length} of ${selection.stats.tests} tests · **Changed files:** ${selection.changed.length}`,
    '',
    `${selection.reason}`,
    '',
  ];
  if (selection.mode === 'affected' && selection.tests.length > 0) {
    lines.push('```mermaid', mermaidChains(selection.tests).trimEnd(), '```', '');
    lines.push('| test | why |', '| --- | --- |');
    for (const test of selection.tests.slice(0, maxListed)) {
      const why = test.reasons.map((r) => [r.changed, ...r.via].map((f) => `\`${f}\``).join(' → ') + (r.rule ? ` (${r.rule})` : '')).join('<br>');
      lines.push(`| \`${test.path}\` | ${why} |`);
    }
    if (selection.tests.length > maxListed) lines.push('', `… and ${selection.tests.length - maxListed} more.`);
  }
  return `${lines.join('\n')}\n`;
}

/** `name=value` lines for $GITHUB_OUTPUT; the test list uses the heredoc form, since JSON may be long. */
export function githubOutputs(selection: Selection): string {
  const delimiter = `impacted_${selection.base.slice(0, 8) || 'eof'}_${selection.tests.length}`;
  return [
    `mode=${selection.mode}`,
    `count=${selection.tests.length}`,
    `tests<<${delimiter}`,
    JSON.stringify(selection.tests.map((t) => t.path)),
    delimiter,
    '',
  ].join('\n');
}
