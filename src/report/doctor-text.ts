// The text `impacted doctor` prints: each runner config checked, then the differences between the runners' listings and impacted's tests.
import type { DoctorReport } from '../doctor/doctor.js';
import { plural } from './plural.js';

const shown = 20;

function fileLines(files: readonly string[]): string[] {
  const lines = files.slice(0, shown).map((file) => `    ${file}`);
  if (files.length > shown) lines.push(`    ... and ${files.length - shown} more`);
  return lines;
}

export function doctorText(report: DoctorReport): { stdout: string; stderr: string } {
  const out: string[] = [];
  const err: string[] = [];
  for (const checked of report.configs) {
    const where = checked.configFile === '' ? '(repository root)' : checked.configFile;
    if (checked.listed) out.push(`${where}: ${checked.runner} ${checked.version} lists ${plural(checked.listed.length, 'test file')}`);
    else err.push(`impacted: ${where}: not checked: ${checked.reason}`);
  }
  for (const dir of report.emptyDirs) err.push(`impacted: warning: ${dir === '' ? 'the repository root' : dir}: the runner lists tests, impacted finds none there`);
  if (report.missing.length > 0) {
    out.push(`${plural(report.missing.length, 'test file')} the runners list that impacted does not treat as tests (changes would not select them):`, ...fileLines(report.missing));
  }
  if (report.extra.length > 0) {
    out.push(`${plural(report.extra.length, 'file')} impacted treats as tests that no runner lists:`, ...fileLines(report.extra));
  }
  const checked = report.configs.filter((c) => c.listed).length;
  if (report.missing.length === 0 && report.extra.length === 0) {
    out.push(checked === 0 ? 'No runner could be asked: nothing was compared.' : `impacted's ${plural(report.tests.length, 'test file')} match what the runners list.`);
  }
  return { stdout: out.length > 0 ? `${out.join('\n')}\n` : '', stderr: err.length > 0 ? `${err.join('\n')}\n` : '' };
}
