// Maps absolute paths of loaded scripts to the repository files the graph knows (outside the repo, node_modules, dist: dropped).
import { realpathSync } from 'node:fs';
import path from 'node:path';

function realpath(file: string): string | undefined {
  try {
    return realpathSync(file);
  } catch {
    return undefined;
  }
}

function relativeInside(base: string, file: string): string | undefined {
  const relative = path.relative(base, file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  return relative.split(path.sep).join('/');
}

/** Returns a mapper from absolute paths to repository-relative files in `files`, or undefined for anything else. */
export function repoFileMapper(root: string, files: ReadonlySet<string>): (file: string) => string | undefined {
  const bases = [...new Set([root, realpath(root) ?? root])];
  const cache = new Map<string, string | undefined>();
  const inRepo = (file: string): string | undefined => {
    for (const base of bases) {
      const relative = relativeInside(base, file);
      if (relative !== undefined && files.has(relative)) return relative;
    }
    return undefined;
  };
  return (file) => {
    if (cache.has(file)) return cache.get(file);
    // A workspace package linked into node_modules (with --preserve-symlinks, or a runner that keeps links) is still its source.
    const found = inRepo(file) ?? (file.includes(`${path.sep}node_modules${path.sep}`) ? inRepo(realpath(file) ?? file) : undefined);
    cache.set(file, found);
    return found;
  };
}
