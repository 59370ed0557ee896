// Follows symlinks inside the repository to the regular files they reach; never out of it.
import path from 'node:path';
import { pathsUnder } from './sorted-paths.js';

export interface FollowedLinks {
  /** Each link (and each file under a linked directory) that reaches a regular file: link path -> file path. */
  targets: Map<string, string>;
  /** Links that reach no regular file inside the repository, with the reason. */
  problems: { file: string; message: string }[];
}

const maxHops = 40;

function isOutside(file: string): boolean {
  return file === '..' || file.startsWith('../');
}

/**
 * Resolves symlinks by their recorded targets, without touching the disk, so the work tree and a commit's tree
 * are followed alike. `links` maps link paths to their raw targets; `files` is every regular file, sorted.
 * A link to a directory stands for every regular file under it.
 */
export function followSymlinks(root: string, links: ReadonlyMap<string, string>, files: readonly string[]): FollowedLinks {
  const fileSet = new Set(files);
  const targets = new Map<string, string>();
  const problems: FollowedLinks['problems'] = [];

  // A repository path with every link in it replaced by its target, or why there is none.
  const resolvePath = (start: string): { path: string } | { problem: string } => {
    let current = start;
    for (let hop = 0; hop < maxHops; hop++) {
      const segments = current.split('/');
      let replaced = false;
      for (let length = segments.length; length > 0 && !replaced; length--) {
        const prefix = segments.slice(0, length).join('/');
        const raw = links.get(prefix);
        if (raw === undefined) continue;
        const base = path.posix.dirname(prefix);
        const target = path.isAbsolute(raw) ? path.relative(root, raw).split(path.sep).join('/') : path.posix.join(base === '.' ? '' : base, raw);
        const normalized = path.posix.normalize(target).replace(/\/$/, '');
        if (isOutside(normalized) || path.isAbsolute(normalized)) return { problem: `a symbolic link to ${raw}, outside the repository: not followed` };
        current = [normalized === '.' ? '' : normalized, ...segments.slice(length)].filter((part) => part !== '').join('/');
        replaced = true;
      }
      if (!replaced) return { path: current };
    }
    return { problem: 'a symbolic link loop: not followed' };
  };

  for (const [link, raw] of links) {
    const resolved = resolvePath(link);
    if ('problem' in resolved) {
      problems.push({ file: link, message: resolved.problem });
      continue;
    }
    if (fileSet.has(resolved.path)) {
      targets.set(link, resolved.path);
      continue;
    }
    const prefix = resolved.path === '' ? '' : `${resolved.path}/`;
    if (`${link}/`.startsWith(prefix)) {
      problems.push({ file: link, message: `a symbolic link to ${raw}, a directory that contains it: not followed` });
      continue;
    }
    const under = pathsUnder(files, prefix);
    for (const file of under) targets.set(`${link}/${file.slice(prefix.length)}`, file);
    if (under.length === 0) problems.push({ file: link, message: `a symbolic link to ${raw}, which is no file or directory of the repository: not followed` });
  }
  return { targets, problems };
}
