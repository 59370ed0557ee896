// Which package owns a path: the deepest of the given package directories that contains it (`''`, the root, last).

/**
 * A lookup from a repository-relative path (file or directory) to the directory of its package; each directory's
 * answer is kept, so a lookup costs one or two map hits however deep the path and however often it is asked.
 */
export function packageOwner(packageDirs: Iterable<string>): (file: string) => string {
  const dirs = new Set(packageDirs);
  const byDir = new Map<string, string>();
  const parentOf = (path: string): string => path.slice(0, Math.max(0, path.lastIndexOf('/')));
  const ownerOfDir = (dir: string): string => {
    if (dir === '') return '';
    let owner = byDir.get(dir);
    if (owner === undefined) {
      owner = dirs.has(dir) ? dir : ownerOfDir(parentOf(dir));
      byDir.set(dir, owner);
    }
    return owner;
  };
  // By path too: a file asked again (an edge's target, as often as it is imported) is one lookup of a string whose
  // hash is known, not a new directory string to cut and hash.
  const byPath = new Map<string, string>();
  return (file) => {
    let owner = byPath.get(file);
    if (owner === undefined) {
      owner = file === '' || dirs.has(file) ? file : ownerOfDir(parentOf(file));
      byPath.set(file, owner);
    }
    return owner;
  };
}
