// Where impacted keeps its caches when not told otherwise.
import path from 'node:path';

/** The default cache location, where bundlers and test runners keep theirs. */
export function defaultCacheDir(root: string): string {
  return path.join(root, 'node_modules', '.cache', 'impacted');
}
