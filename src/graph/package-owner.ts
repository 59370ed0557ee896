// Which package owns a path: the deepest of the given package directories that contains it (`''`, the root, last).

/** A lookup from a repository-relative path (file or directory) to the directory of its package; O(path depth). */
export function packageOwner(packageDirs: Iterable<string>): (file: string) => string {
  const dirs = new Set(packageDirs);
  return (file) => {
    for (let dir = file; dir !== ''; dir = dir.slice(0, Math.max(0, dir.lastIndexOf('/')))) {
      if (dirs.has(dir)) return dir;
    }
    return '';
  };
}
