// Whether any scanned file starts with a directory prefix: one index per file set, so adapters that ask it for every
// package cost one lookup each instead of a pass over every file.

const indexes = new WeakMap<ReadonlySet<string>, Set<string>>();

/** Every `file.slice(0, i)` where `file[i]` is `/`: the directories files are below. */
function directoryIndex(files: ReadonlySet<string>): Set<string> {
  const dirs = new Set<string>();
  for (const file of files) {
    for (let at = file.lastIndexOf('/'); at >= 0; at = at > 0 ? file.lastIndexOf('/', at - 1) : -1) {
      const dir = file.slice(0, at);
      // Its own prefixes were added with it.
      if (dirs.has(dir)) break;
      dirs.add(dir);
    }
  }
  return dirs;
}

/** Whether some file starts with `prefix` (`''`, or a directory path ending in `/`; other prefixes are scanned for). */
export function hasFileBelow(files: ReadonlySet<string>, prefix: string): boolean {
  if (prefix === '') return files.size > 0;
  if (!prefix.endsWith('/')) {
    for (const file of files) if (file.startsWith(prefix)) return true;
    return false;
  }
  let index = indexes.get(files);
  if (!index) indexes.set(files, (index = directoryIndex(files)));
  return index.has(prefix.slice(0, -1));
}
