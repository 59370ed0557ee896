// The listing of untracked files, started before the pipeline's modules load: on a large repository it is the git
// process the scan waits for longest (a walk of every directory), so it starts as soon as the CLI knows the root.
import { gitBytes, splitNul } from './git-process.js';

/** Listings started ahead, by repository root; each is taken once, by the first scan of that root. */
const started = new Map<string, Promise<string[]>>();

/** The untracked, not ignored files of the work tree under `root`, relative to it (skipped directories included). */
function listing(root: string): Promise<string[]> {
  return gitBytes(root, ['ls-files', '-o', '--exclude-standard', '-z']).then(splitNul);
}

/** Starts listing `root`'s untracked files now, for the scan that follows. */
export function listUntrackedAhead(root: string): void {
  const ahead = listing(root);
  // Taken (and its failure reported) by the scan; a run that ends before its scan leaves it unread.
  ahead.catch(() => undefined);
  started.set(root, ahead);
}

/** `root`'s untracked files: the listing started ahead for it, if any (once), else a new one. */
export function listUntracked(root: string): Promise<string[]> {
  const ahead = started.get(root);
  if (ahead === undefined) return listing(root);
  started.delete(root);
  return ahead;
}
