// The one way impacted reads a repository's files: the work tree or a commit's tree, regular files inside the root only.
import { lstatSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { gitObjects } from './git-objects.js';
import { fileReadError, readRegularFile } from './read-regular-file.js';

export interface RepoFiles {
  /** Absolute path of the repository root. */
  readonly root: string;
  /** `worktree`, or the commit whose tree is read. */
  readonly revision: string;
  /**
   * The bytes of a repository-relative path (with `/`). Throws a `FileReadError` (code `ENOENT`, `ENOTREG`,
   * `EOUTSIDE`, ...) for anything that is not a regular file inside the root.
   */
  read(file: string): Buffer;
  /** Whether `read` would find a file there. */
  exists(file: string): boolean;
  /** Whether `read` takes this file from the work tree, where another thread can read it too (else from git objects). */
  onDisk(file: string): boolean;
  /** Makes later reads of these files cheap where they come from git objects (one git process for all). */
  prefetch(files: Iterable<string>): Promise<void>;
}

/** Repository files with one of these segments are never in a commit: dependencies, read from disk in every mode. */
const dependencySegment = /(?:^|\/)node_modules\//;

function outsideRoot(file: string): boolean {
  return file === '..' || file.startsWith('../') || path.isAbsolute(file);
}

/**
 * Reads from the work tree: a path whose directory resolves (through symlinks) outside the root is refused, and
 * the file itself must be a regular file (a symlink as the last component is not followed). `objects` maps paths
 * whose content comes from git instead (index entries outside a sparse checkout) to their blob hashes.
 */
function worktreeReader(root: string) {
  let realRoot: string | undefined;
  const dirInside = new Map<string, boolean>([['', true]]);
  // A directory is inside when its parent is and it is a real directory there; only a symlinked one is resolved.
  // One lstat per directory, where resolving each directory's whole path would lstat every step of it again.
  const isInside = (dir: string): boolean => {
    let inside = dirInside.get(dir);
    if (inside === undefined) {
      const slash = dir.lastIndexOf('/');
      inside = isInside(slash === -1 ? '' : dir.slice(0, slash)) && resolvesInside(dir);
      dirInside.set(dir, inside);
    }
    return inside;
  };
  const resolvesInside = (dir: string): boolean => {
    const absolute = path.join(root, dir);
    try {
      if (!lstatSync(absolute).isSymbolicLink()) return true;
      realRoot ??= realpathSync(root);
      return !outsideRoot(path.relative(realRoot, realpathSync(absolute)));
    } catch {
      // A missing directory: the read reports ENOENT (a file in the way: ENOTDIR).
      return true;
    }
  };
  // The absolute path of a checked file; most paths are already normal (no `.`, `..` or empty steps): joined as they are.
  const prefix = `${path.resolve(root)}/`.replace(/\/+$/, '/');
  const checked = (file: string): string => {
    const normal = file.startsWith('.') || file.includes('/.') || file.includes('//') ? path.posix.normalize(file) : file;
    const slash = normal.lastIndexOf('/');
    if (outsideRoot(normal) || !isInside(slash === -1 ? '' : normal.slice(0, slash))) {
      throw fileReadError('EOUTSIDE', `${file} is outside the repository: not read`);
    }
    return prefix + normal;
  };
  return {
    read(file: string): Buffer {
      return readRegularFile(checked(file));
    },
    exists(file: string): boolean {
      try {
        return lstatSync(checked(file), { throwIfNoEntry: false })?.isFile() ?? false;
      } catch {
        return false;
      }
    },
  };
}

/**
 * Files whose blob hash is in `hashes` are read from git objects; the others from disk when `onDisk` says they are
 * there (the work tree: all of them; a commit: only dependencies), else they do not exist.
 */
function repoFiles(root: string, revision: string, hashes: ReadonlyMap<string, string>, onDisk: (file: string) => boolean): RepoFiles {
  const disk = worktreeReader(root);
  const objects = gitObjects(root);
  return {
    root,
    revision,
    read(file) {
      const hash = hashes.get(file);
      if (hash !== undefined) return objects.read(hash);
      if (onDisk(file)) return disk.read(file);
      throw fileReadError('ENOENT', `${file} does not exist in ${revision}`);
    },
    exists: (file) => hashes.has(file) || (onDisk(file) && disk.exists(file)),
    onDisk: (file) => !hashes.has(file) && onDisk(file),
    prefetch: (wanted) => objects.prefetch([...wanted].flatMap((file) => hashes.get(file) ?? [])),
  };
}

/** The work tree of `root`; `fromIndex` maps the paths read from git objects instead (skip-worktree entries) to their blob hashes. */
export function worktreeFiles(root: string, fromIndex: ReadonlyMap<string, string> = new Map()): RepoFiles {
  return repoFiles(root, 'worktree', fromIndex, () => true);
}

/** The tree of `commit` (blob hashes by path), with dependencies (`node_modules`) read from the work tree. */
export function treeFiles(root: string, commit: string, blobs: ReadonlyMap<string, string>): RepoFiles {
  return repoFiles(root, commit, blobs, (file) => dependencySegment.test(file));
}

/** The repository-relative path (with `/`) of an absolute path, or undefined when it is outside the root. */
export function repoRelative(root: string, absolute: string): string | undefined {
  const relative = path.relative(root, absolute).split(path.sep).join('/');
  return outsideRoot(relative) ? undefined : relative;
}

/** A file's text (UTF-8), or why it cannot be read: `not found`, `outside the repository`, the system's message. */
export function readText(files: RepoFiles, file: string): { text: string } | { error: string; code: string } {
  try {
    return { text: files.read(file).toString('utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
    return { code, error: code === 'ENOENT' ? 'not found' : (error as Error).message };
  }
}
