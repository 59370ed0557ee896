// The listing of untracked files, started before the pipeline's modules load: on a large repository it is the git
// process the scan waits for longest (a walk of every directory), so it starts as soon as the CLI knows the root. Where
// a listing is kept between runs (`untracked-cache.ts`), only the git config it is checked with starts ahead.
import { existsSync, readdirSync } from 'node:fs';
import { gitAhead, gitBytes, splitNul } from './git-process.js';
import { cachedUntracked, configArgs, keepsUntracked, type UntrackedCacheOptions } from './untracked-cache.js';

/** Listings started ahead, by repository root; each is taken once, by the first scan of that root. */
const started = new Map<string, Promise<string[]>>();

/** The untracked, not ignored files of the work tree under `root`, relative to it (skipped directories included). */
function listing(root: string): Promise<string[]> {
  return gitBytes(root, ['ls-files', '-o', '--exclude-standard', '-z']).then(splitNul);
}

/**
 * Whether runs keep `root`'s listing in `cacheDir`: outside CI, at a work tree's top level (porcelain paths are the
 * top level's), once an earlier run left its cache there (a single run gains nothing from recording it, and a first
 * run, which reads every file, would pay for it on top).
 */
function keeps(root: string, cacheDir: string | undefined, env: Record<string, string | undefined>): cacheDir is string {
  return cacheDir !== undefined && keepsUntracked(env) && existsSync(`${root}/.git`) && holdsFiles(cacheDir);
}

function holdsFiles(dir: string): boolean {
  try {
    return readdirSync(dir).length > 0;
  } catch {
    return false;
  }
}

/** Starts listing `root`'s untracked files now, for the scan that follows, or the git config a kept listing is checked with. */
export function listUntrackedAhead(root: string, cacheDir: string | undefined): void {
  if (keeps(root, cacheDir, process.env)) {
    gitAhead(root, configArgs);
    return;
  }
  const ahead = listing(root);
  // Taken (and its failure reported) by the scan; a run that ends before its scan leaves it unread.
  ahead.catch(() => undefined);
  started.set(root, ahead);
}

/**
 * `root`'s untracked files: the listing started ahead for it, if any (once); else the one kept in `cache.cacheDir`
 * where it may be kept and is still true; else a new one.
 */
export function listUntracked(root: string, cache?: UntrackedCacheOptions & { env: Record<string, string | undefined> }): Promise<string[]> {
  const ahead = started.get(root);
  if (ahead !== undefined) {
    started.delete(root);
    return ahead;
  }
  if (cache === undefined || !keeps(root, cache.cacheDir, cache.env)) return listing(root);
  // Whatever goes wrong with the kept listing, git's own says what it is.
  return cachedUntracked(root, cache).then(
    (files) => files ?? listing(root),
    () => listing(root),
  );
}
