// The text forms of an audit: per-test findings for stdout, a one-line summary, and progress lines.
import type { AcceptedEdges } from './accept-missed-edges.js';
import type { AuditedTest, AuditReport } from './types.js';

function plural(n: number, word: string): string {
  if (n === 1) return `${n} ${word}`;
  return `${n} ${word.endsWith('y') ? `${word.slice(0, -1)}ies` : `${word}s`}`;
}

/** Missed edges per test, then the tests whose result cannot be trusted. Empty when there is nothing to say. */
export function auditFindings(report: AuditReport): string {
  const lines: string[] = [];
  const missing = report.tests.filter((test) => test.missed.length > 0);
  if (missing.length > 0) {
    lines.push('missed edges (these files ran or were read during the test, but a change to them would not select it):');
    for (const test of missing) {
      lines.push(`  ${test.path}`);
      for (const file of test.missed) lines.push(`    ${file}`);
    }
  }
  const uncaptured = report.tests.filter((test) => !test.captured);
  if (uncaptured.length > 0) {
    lines.push('not audited (no coverage of the test file was recorded; does its runner start Node with NODE_OPTIONS?):');
    for (const test of uncaptured) lines.push(`  ${test.path}${test.error ? `: ${test.error}` : ` (exit code ${test.exitCode})`}`);
  }
  const failed = report.tests.filter((test) => test.captured && test.exitCode !== 0);
  if (failed.length > 0) {
    lines.push('failed when run alone (audited up to the failure):');
    for (const test of failed) lines.push(`  ${test.path} (exit code ${test.exitCode})`);
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

export function auditSummary(report: AuditReport): string {
  const { summary } = report;
  const withMissed = report.tests.filter((test) => test.missed.length > 0).length;
  const percent = `${(summary.overSelectionRatio * 100).toFixed(1)}%`;
  const parts = [
    `audited ${summary.audited} of ${plural(summary.total, 'test file')}`,
    summary.missedEdges === 0 ? 'no missed edges' : `${plural(summary.missedEdges, 'missed edge')} in ${plural(withMissed, 'test')}`,
    `over-selection ${percent}`,
  ];
  if (summary.uncaptured > 0) parts.push(`${summary.uncaptured} not captured`);
  if (summary.failed > 0) parts.push(`${summary.failed} failed`);
  return `${parts.join(', ')} in ${(summary.ms / 1000).toFixed(1)} s`;
}

export function auditProgress(test: AuditedTest, index: number, total: number, ms: number): string {
  const outcome = !test.captured ? 'no coverage captured' : test.missed.length === 0 ? 'ok' : plural(test.missed.length, 'missed edge');
  const failed = test.exitCode !== 0 ? `, exit code ${test.exitCode}` : '';
  return `[${index + 1}/${total}] ${test.path}: ${outcome}${failed} (${(ms / 1000).toFixed(1)} s)`;
}

export function acceptedText(accepted: AcceptedEdges): string {
  if (accepted.edges === 0) return `${accepted.file}: no new rules needed`;
  return `${accepted.file}: added ${plural(accepted.edges, 'implicit dependency')} for ${plural(accepted.tests, 'test')}`;
}
