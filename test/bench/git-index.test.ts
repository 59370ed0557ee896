// The bench refreshes the index of the checkout it measures in: entries whose stat data no longer matches their
// files (a fresh checkout's racily clean ones) are recorded again, so no measured run re-reads them; the files, and a
// real change among them, are left as they are.
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { refreshIndex } from '../../bench/peers/git-index.mjs';

const repo = mkdtempSync(path.join(tmpdir(), 'impacted-git-index-'));
const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' });

afterAll(() => rmSync(repo, { recursive: true, force: true }));

/** The mtime the index records for `file`, in whole seconds. */
function recordedMtime(file: string): number {
  const debug = git('ls-files', '--debug', '--', file);
  return Number(/mtime: (\d+):/.exec(debug)?.[1]);
}

it('records the stat data of entries whose files were touched, and leaves the files and a real change alone', () => {
  git('init', '-q');
  for (const name of ['a.ts', 'b.ts', 'c.ts']) writeFileSync(path.join(repo, name), `export const ${name[0]} = 1;\n`);
  git('add', '.');
  git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'files');
  // Stat data the index no longer matches, as in a fresh checkout: the same contents, another mtime.
  const later = Math.floor(Date.now() / 1000) + 100;
  for (const name of ['a.ts', 'b.ts', 'c.ts']) utimesSync(path.join(repo, name), later, later);
  appendFileSync(path.join(repo, 'c.ts'), '// edited\n');
  utimesSync(path.join(repo, 'c.ts'), later, later);
  expect(recordedMtime('a.ts')).not.toBe(later);

  const { beforeMs, afterMs } = refreshIndex(repo);

  expect(recordedMtime('a.ts')).toBe(later);
  expect(recordedMtime('b.ts')).toBe(later);
  expect(Math.floor(statSync(path.join(repo, 'a.ts')).mtimeMs / 1000)).toBe(later);
  expect(readFileSync(path.join(repo, 'c.ts'), 'utf8')).toBe('export const c = 1;\n// edited\n');
  expect(git('diff', '--name-only')).toBe('c.ts\n');
  expect([beforeMs, afterMs].every((ms) => Number.isInteger(ms) && ms >= 0)).toBe(true);
});
