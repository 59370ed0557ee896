// The tsconfig documents of a build, kept in the reading cache by content where git vouches for it (a clean index
// entry's blob hash): a warm run over a thousand packages then reads and parses none of its tsconfig files.
import { repoRelative, type RepoFiles } from '../files/repo-files.js';
import { readJsonc } from './read-jsonc.js';
import type { ReadingCache } from './reading-cache.js';
import type { ScannedFile } from './scan-files.js';

const tsconfigName = /(?:^|\/)tsconfig[^/]*\.json$/;

/**
 * Reads a tsconfig (absolute path) as `readJsonc` over `source` does, from the reading cache when the scan knows its
 * blob hash. Undefined without a cache: `readJsonc` then.
 */
export function tsconfigDocuments(
  source: RepoFiles,
  scanned: readonly ScannedFile[],
  readings: ReadingCache | undefined,
): ((file: string) => ReturnType<typeof readJsonc>) | undefined {
  if (!readings) return undefined;
  const hashes = new Map<string, string>();
  for (const file of scanned) if (file.hash !== undefined && tsconfigName.test(file.path)) hashes.set(file.path, file.hash);
  if (hashes.size === 0) return undefined;
  return (file) => {
    const relative = repoRelative(source.root, file);
    const hash = relative === undefined ? undefined : hashes.get(relative);
    if (hash === undefined) return readJsonc(source, file);
    // Only a parsed document is kept (null otherwise): a file that cannot be read or parsed is read again, and its
    // problem worded by this run.
    const kept = readings.byContent('tsconfig document', relative!, hash, () => {
      const read = readJsonc(source, file);
      return read.error === undefined ? { value: read.value } : null;
    });
    return kept ?? readJsonc(source, file);
  };
}
