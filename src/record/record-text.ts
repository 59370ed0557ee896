// The text forms of `impacted record`: what was written, and the dependencies only the recording sees.
import { plural } from '../report/plural.js';
import type { UnseenDependency } from './beyond-graph.js';
import type { RecordedMap } from './recorded-map.js';

export function recordedText(map: RecordedMap, file: string, bytes: number): string {
  const size = bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `recorded ${plural(map.tests.size, 'test file')} on ${map.commit.slice(0, 12) || 'no commit'}: ${plural(map.hashes.size, 'file')} in ${file} (${size})`;
}

/** The top dependencies only the recording sees, one line each with the tests that need them. */
export function unseenText(unseen: readonly UnseenDependency[], top: number): string {
  if (unseen.length === 0) return 'every recorded dependency is one the static graph and rules already see\n';
  const lines = [`recorded dependencies the static graph does not see (${unseen.length > top ? `top ${top} of ${unseen.length}` : `${unseen.length}`}):`];
  for (const { file, how, tests } of unseen.slice(0, top)) {
    const named = tests.slice(0, 2).join(', ');
    const more = tests.length > 2 ? ` and ${tests.length - 2} more` : '';
    lines.push(`  ${file}  ${how} by ${plural(tests.length, 'test')} (${named}${more})`);
  }
  return `${lines.join('\n')}\n`;
}
