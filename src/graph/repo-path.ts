// Repository-relative path arithmetic for the resolver's hot path: what `path.posix.join` plus `normalize` do, on
// paths that are already normalized, without their generic parsing (measured: bench/resolve-paths.mjs).

import path from 'node:path';

const DOT = 46;
const SLASH = 47;

/**
 * `dir` (normalized, `''` for the root) joined with `relative` and normalized, without a trailing slash, `''` for the
 * root itself; undefined when `..` steps leave the repository.
 */
export function joinRepoPath(dir: string, relative: string): string | undefined {
  // Joined to the root, a leading `/` stays absolute, as in path.posix (and so names no repository file).
  if (dir === '' && relative.charCodeAt(0) === SLASH) return path.posix.normalize(relative).replace(/\/$/, '');
  let joined = dir;
  const length = relative.length;
  for (let start = 0; start <= length; ) {
    let end = relative.indexOf('/', start);
    if (end === -1) end = length;
    const size = end - start;
    const dot = size > 0 && relative.charCodeAt(start) === DOT;
    if (size === 0 || (size === 1 && dot)) {
      // An empty or `.` step stays where it is.
    } else if (size === 2 && dot && relative.charCodeAt(start + 1) === DOT) {
      if (joined === '') return undefined;
      joined = joined.slice(0, Math.max(0, joined.lastIndexOf('/')));
    } else if (joined === '' && end === length && start === 0) {
      return relative;
    } else {
      const step = relative.slice(start, end);
      joined = joined === '' ? step : `${joined}/${step}`;
    }
    start = end + 1;
  }
  return joined;
}

/** The path of an absolute file inside `root` (both with `/`), normalized; undefined outside the repository. */
export function repoPathOf(root: string, absolute: string): string | undefined {
  if (absolute === root) return '';
  if (!absolute.startsWith(root) || absolute.charCodeAt(root.length) !== SLASH) return undefined;
  return joinRepoPath('', absolute.slice(root.length + 1));
}

/** `path.posix.extname`: the last `.` of the last step and what follows, unless that step starts with it. */
export function extensionOf(file: string): string {
  const dot = file.lastIndexOf('.');
  return dot > file.lastIndexOf('/') + 1 ? file.slice(dot) : '';
}
