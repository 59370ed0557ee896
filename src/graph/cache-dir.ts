// Where impacted keeps its caches when not told otherwise.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The default cache location, where bundlers and test runners keep theirs. */
export function defaultCacheDir(root: string): string {
  return path.join(root, 'node_modules', '.cache', 'impacted');
}

/**
 * Makes the cache dir (and its parents) where it is missing, before a cache file is written into it. One made here
 * may sit inside the work tree: its `.gitignore` keeps it out of `git status` and of impacted's own file list (a
 * cache file listed as untracked would change the list every reading is checked against). A dir that already
 * existed is the user's, and so is what git should make of it. Throws what mkdir throws.
 */
export function makeCacheDir(dir: string): void {
  if (mkdirSync(dir, { recursive: true }) !== undefined) writeFileSync(path.join(dir, '.gitignore'), '*\n');
}
