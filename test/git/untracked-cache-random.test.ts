// Random work-tree, ignore-rule and index changes, in bursts after the directories settled past the racy window: after each, the kept
// untracked listing is exactly what `git ls-files -o --exclude-standard` lists.
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { indexArgs } from '../../src/git/git-ahead.js';
import { gitBytes, splitNul } from '../../src/git/git-process.js';
import { cachedUntracked } from '../../src/git/untracked-cache.js';
import { createRepo } from '../helpers/repo.js';

const names = ['a', 'b', 'c', 'node_modules', 'logs', 'dist'];
const files = ['x.ts', 'y.log', 'z.js'];
const ignoreLines = ['*.log', 'dist/', 'node_modules', '!keep.log', 'b/', '/c', '*.js'];

/** Not impacted's own cache directory, which the listing writes. */
function outsideCache(file: string): boolean {
  return !file.startsWith('node_modules/.cache');
}

it('is what git lists after each of 48 random changes, made in bursts between settled moments', async () => {
  const repo = createRepo();
  const root = repo.dir;
  writeFileSync(path.join(root, '.gitignore'), 'node_modules\n');
  repo.commit('initial');
  const cacheDir = path.join(root, 'node_modules', '.cache', 'impacted');
  mkdirSync(cacheDir, { recursive: true });
  // A fixed linear congruential sequence: the same changes on every run.
  let seed = 17;
  const random = (n: number) => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed % n;
  };
  // Below the root: a change at the root lists everything again, which would hide a change a check misses.
  const randomDir = () => Array.from({ length: 1 + random(3) }, () => names[random(names.length)]!).join('/');
  const entries = (dir = ''): { file: string; isDir: boolean }[] =>
    readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
      if (entry.name === '.git') return [];
      const file = dir ? `${dir}/${entry.name}` : entry.name;
      return entry.isDirectory() ? [{ file, isDir: true }, ...entries(file)] : [{ file, isDir: false }];
    });
  const change = (i: number): string | undefined => {
    const kind = random(10);
    if (kind <= 2) {
      const dir = randomDir();
      const file = `${dir ? `${dir}/` : ''}${files[random(files.length)]!}`;
      repo.write(file, String(i));
      return `write ${file}`;
    }
    if (kind === 3) {
      const dir = randomDir();
      mkdirSync(path.join(root, dir), { recursive: true });
      return `mkdir ${dir}`;
    }
    const present = entries().filter((entry) => outsideCache(entry.file) && entry.file !== 'node_modules');
    const pick = present[random(Math.max(present.length, 1))];
    if (kind === 4 && pick) {
      rmSync(path.join(root, pick.file), { recursive: true, force: true });
      return `rm ${pick.file}`;
    }
    if (kind === 5 && pick) {
      const to = path.posix.join(path.posix.dirname(pick.file), `renamed-${i}`);
      renameSync(path.join(root, pick.file), path.join(root, to));
      return `mv ${pick.file} ${to}`;
    }
    if (kind === 6) {
      const dir = randomDir();
      mkdirSync(path.join(root, dir), { recursive: true });
      appendFileSync(path.join(root, dir, '.gitignore'), `${ignoreLines[random(ignoreLines.length)]!}\n`);
      return `ignore in ${dir || '.'}`;
    }
    if (kind === 7 && pick && !pick.isDir) {
      repo.git('add', '-f', '--', pick.file);
      return `git add ${pick.file}`;
    }
    if (kind === 8) {
      const tracked = repo.git('ls-files').split('\n').filter(Boolean);
      if (tracked.length === 0) return undefined;
      const file = tracked[random(tracked.length)]!;
      repo.git('rm', '-q', '--cached', '-f', '--', file);
      return `git rm --cached ${file}`;
    }
    if (kind === 9) {
      repo.commit(String(i));
      return 'commit -A';
    }
    return undefined;
  };
  const done: string[] = [];
  for (let burst = 0; burst < 8; burst++) {
    // Every directory settles past the window in which a change may go unseen: the next changes are found by the
    // directories' stats, the ignore files' and the index's paths alone.
    await new Promise((resolve) => setTimeout(resolve, 3100));
    for (let i = 0; i < 6; i++) {
      const made = change(burst * 10 + i);
      if (made === undefined) continue;
      done.push(made);
      // git's listing first: the kept listing's own file, written after it lists, is then in neither.
      const truth = splitNul(execFileSync('git', ['ls-files', '-o', '--exclude-standard', '-z'], { cwd: root })).sort();
      const listed = await cachedUntracked(root, { cacheDir, index: gitBytes(root, indexArgs).then(splitNul) });
      expect([...(listed ?? [])].sort(), `after ${done.join(', ')}`).toEqual(truth);
    }
  }
  expect(done.length).toBeGreaterThan(30);
}, 90_000);
