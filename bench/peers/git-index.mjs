// A fresh checkout's index may hold racily clean entries (files written in the same second as the index): every git
// command that compares the work tree with the index reads and hashes each of them again, until one that may write
// the index (`git status`, an index refresh) records their stat data. A developer's working copy has had that done by
// the first `git status` (editors and prompts run it all the time); a clone made for the bench may not have, and each
// measured run then paid for it (a medusa clone: `git diff-files` 470-600 ms, 31 ms once refreshed).
import { spawnSync } from 'node:child_process';

/** Milliseconds `git diff-files` takes in `dir`: the stat pass (and re-reading) every run's work-tree diff does. */
function diffFilesMs(dir) {
  const started = performance.now();
  spawnSync('git', ['diff-files', '--quiet'], { cwd: dir, stdio: 'ignore' });
  return Math.round(performance.now() - started);
}

/**
 * Refreshes the index of the checkout at `dir` (its files are not touched) and says what a work-tree diff cost
 * before and after, in milliseconds.
 * @param {string} dir
 * @returns {{ beforeMs: number, afterMs: number }}
 */
export function refreshIndex(dir) {
  const beforeMs = diffFilesMs(dir);
  // Exit code 1 only says that some files differ from the index (the bench's change): their entries stay as they are.
  spawnSync('git', ['update-index', '-q', '--refresh'], { cwd: dir, stdio: 'ignore' });
  return { beforeMs, afterMs: diffFilesMs(dir) };
}
