// Lists the repository's files: tracked and untracked-but-not-ignored (or a commit's tree), minus build output and
// dependencies, with where their contents are read from and the symlinks that lead to them.
import { indexArgs } from '../git/git-ahead.js';
import { lstatSync, readdirSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import type { ParseProblem } from '../types.js';
import { followSymlinks } from '../files/symlinks.js';
import { gitObjects } from '../files/git-objects.js';
import { type RepoFiles, treeFiles, worktreeFiles } from '../files/repo-files.js';
import { gitBytes, splitNul } from '../git/git-process.js';
import { listUntracked } from '../git/untracked-ahead.js';

/** Directories never scanned, wherever they appear. */
const skippedDirs = new Set(['node_modules', 'dist', 'build', 'coverage', '.git']);
/** A path with one of them as a segment; one regex test per path is much cheaper than splitting it. */
const skippedPath = /(?:^|\/)(?:node_modules|dist|build|coverage|\.git)\//;

export interface ScannedFile {
  path: string;
  /**
   * The git blob hash of the file's content, when git vouches for it without the file being read: in a commit's
   * tree always; in the work tree when tracked, unchanged since the index, and not assume-unchanged. Else undefined.
   */
  hash?: string;
  /** A symbolic link (or a file under a linked directory): the repository's regular file it leads to. Never read itself. */
  link?: string;
}

export interface ScanResult {
  files: ScannedFile[];
  /** Whether the list came from git (else from walking the directory). */
  fromGit: boolean;
  /** Untracked, not ignored files as git listed them (skipped directories included); undefined outside git and for a commit. */
  untracked?: string[];
  /** Where the contents of `files` are read: the work tree (and the index for sparse entries), or the commit's tree. */
  source: RepoFiles;
  /** Symbolic links that lead to no regular file inside the repository: not followed, and reported. */
  problems: ParseProblem[];
}

/** Each scanned link (or file under a linked directory) and the file it leads to. */
export function linksOf(files: readonly ScannedFile[]): Map<string, string> {
  const links = new Map<string, string>();
  for (const file of files) if (file.link !== undefined) links.set(file.path, file.link);
  return links;
}

function isSkipped(file: string): boolean {
  return skippedPath.test(file);
}

function byPath(a: ScannedFile, b: ScannedFile): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/**
 * The files sorted by path, once each: of entries for one path (an index entry and the untracked listing, made a
 * moment apart), the last listed wins. Sorting a list and dropping neighbours costs far less than a map keyed by
 * path (hashing 100,000 freshly cut strings: ~0.1 s).
 */
function uniqueSorted(files: ScannedFile[]): ScannedFile[] {
  // A stable sort: entries for one path keep the order they were listed in.
  files.sort(byPath);
  let kept = 0;
  for (const file of files) {
    if (kept > 0 && files[kept - 1]!.path === file.path) files[kept - 1] = file;
    else files[kept++] = file;
  }
  files.length = kept;
  return files;
}

/** Regular files plus the links that reach one, sorted, with the links that reach none as problems. */
function withLinks(root: string, listed: ScannedFile[], links: ReadonlyMap<string, string>): { files: ScannedFile[]; problems: ParseProblem[] } {
  const regular = uniqueSorted(listed);
  if (links.size === 0) return { files: regular, problems: [] };
  const followed = followSymlinks(
    root,
    links,
    regular.map((file) => file.path),
  );
  const files = [...regular];
  for (const [link, target] of followed.targets) if (!isSkipped(link)) files.push({ path: link, link: target });
  return { files: files.sort(byPath), problems: followed.problems.map((problem) => ({ ...problem, kind: 'unreadable' as const })) };
}

/** What a symlink in the work tree points to; undefined when it is no symlink (any more). */
function linkTarget(root: string, file: string): string | undefined {
  try {
    return readlinkSync(path.join(root, file), 'utf8');
  } catch {
    return undefined;
  }
}

/** `ls-files -t`/`-v` tags of the lines `-m` and `-d` add: changed and removed (lower case: assume-unchanged). */
const changedTags = new Set(['C', 'c']);
const removedTags = new Set(['R', 'r']);

export interface ScanOptions {
  /** The untracked, not ignored files, when the caller lists them (`git/untracked-ahead.ts`); else the scan lists them. */
  untracked?: Promise<string[]>;
  /**
   * The tracked files whose index entry may not hold their work-tree content (changed or staged since the merge
   * base, as the diff against it found): every other entry's hash is then trusted without git comparing each file
   * with the index (a stat of every tracked file, 0.2 s of CPU at 100,000 files, which the diff has just done).
   * Undefined when no work-tree diff ran: git compares them, as without this option.
   */
  drifted?: Promise<ReadonlySet<string> | undefined>;
  /** The index entries (`indexArgs`), when the caller lists them; else the scan lists them. */
  index?: Promise<string[]>;
}

/** Whether a path is gone from the work tree, as `ls-files -d` says (a failing lstat). */
function isGone(root: string, file: string): boolean {
  try {
    return lstatSync(path.join(root, file), { throwIfNoEntry: false }) === undefined;
  } catch {
    return true;
  }
}

/** The index entries the work tree differs from (changed) or lacks (gone), as `ls-files -m -d` tags them. */
async function changedEntries(root: string): Promise<{ changed: ReadonlySet<string>; gone: (file: string) => boolean }> {
  const changed = new Set<string>();
  const gone = new Set<string>();
  for (const entry of splitNul(await gitBytes(root, ['ls-files', '-v', '-m', '-d', '-z']))) {
    // "<tag> <path>"; the tag is one letter.
    if (changedTags.has(entry[0] ?? '')) changed.add(entry.slice(2));
    else if (removedTags.has(entry[0] ?? '')) gone.add(entry.slice(2));
  }
  return { changed, gone: (file) => gone.has(file) };
}

async function scanWithGit(root: string, options: ScanOptions): Promise<Omit<ScanResult, 'fromGit'>> {
  // One process lists the index with hashes; another, in parallel, walks the work tree for untracked files (with
  // ignore rules). Which entries the work tree differs from comes from the diff against the merge base when the
  // caller has it, else from git (`-m`: changed, trusting stat data only when it is clean, else comparing content;
  // `-d`: removed).
  const untrackedListing = options.untracked ?? listUntracked(root);
  untrackedListing.catch(() => undefined);
  const entries = await (options.index ?? gitBytes(root, indexArgs).then(splitNul));
  const drifted = await options.drifted;
  // Without git's answer, an entry that is not trusted below is gone when lstat finds nothing there.
  const { changed, gone } = drifted ? { changed: drifted, gone: (file: string) => isGone(root, file) } : await changedEntries(root);
  // In index order, a path's entries (conflict stages) one after another; made unique and sorted by `withLinks`.
  const files: ScannedFile[] = [];
  const links = new Map<string, string>();
  // Entries outside a sparse checkout (skip-worktree, tag S) are not on disk: git's object is their content.
  const fromIndex = new Map<string, string>();
  const sparseLinks: [string, string][] = [];
  for (const entry of entries) {
    // "<tag> <mode> <hash> <stage>\t<path>"; submodules (160000) are not files to read.
    const tag = entry[0] ?? '';
    const tab = entry.indexOf('\t');
    const file = entry.slice(tab + 1);
    if (isSkipped(file)) continue;
    // Cut by position (tag and stage are one character, the mode six), not split: 100,000 entries make that count.
    const mode = entry.slice(2, 8);
    const hash = entry.slice(9, tab - 2);
    const stage = entry[tab - 1];
    const sparse = tag === 'S' && stage === '0';
    // Only a plain cached entry ("H", stage 0) is known to match the work tree: git does not look at
    // assume-unchanged files, and a conflicted file holds conflict markers.
    const trusted = tag === 'H' && stage === '0' && !changed.has(file);
    // Entries outside a sparse checkout are not on disk, and are never gone.
    if (!sparse && !trusted && gone(file)) continue;
    if (mode === '120000') {
      if (sparse) sparseLinks.push([file, hash]);
      else {
        const target = changed.has(file) ? undefined : linkTarget(root, file);
        // A link that is something else now is read (or refused) as a file.
        if (target === undefined) files.push({ path: file });
        else links.set(file, target);
      }
      continue;
    }
    if (mode !== '100644' && mode !== '100755') continue;
    if (sparse) {
      fromIndex.set(file, hash);
      files.push({ path: file, hash });
      continue;
    }
    files.push(trusted ? { path: file, hash } : { path: file });
  }
  if (sparseLinks.length > 0) {
    const objects = gitObjects(root);
    await objects.prefetch(sparseLinks.map(([, hash]) => hash));
    for (const [file, hash] of sparseLinks) links.set(file, objects.read(hash).toString('utf8'));
  }
  const untracked = await untrackedListing;
  for (const file of untracked) {
    if (isSkipped(file)) continue;
    // An untracked symlink is followed like a tracked one: only to a file inside the repository.
    const target = lstatSync(path.join(root, file), { throwIfNoEntry: false })?.isSymbolicLink() ? linkTarget(root, file) : undefined;
    if (target === undefined) files.push({ path: file });
    else links.set(file, target);
  }
  const { files: listed, problems } = withLinks(root, files, links);
  return { files: listed, untracked, source: worktreeFiles(root, fromIndex), problems };
}

function walk(root: string, dir: string, out: ScannedFile[]): void {
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    if (skippedDirs.has(entry.name)) continue;
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    // Symlinks, FIFOs, sockets and devices are neither descended into nor read.
    if (entry.isDirectory()) walk(root, rel, out);
    else if (entry.isFile()) out.push({ path: rel });
  }
}

/** Scans `root`'s work tree; uses git when it is a work tree (respecting .gitignore), else walks the folder. */
export async function scanFiles(root: string, options: ScanOptions = {}): Promise<ScanResult> {
  try {
    return { ...(await scanWithGit(root, options)), fromGit: true };
  } catch (error) {
    // A file name git cannot give exactly is the user's to fix, not a reason to scan differently.
    if ((error as { code?: string }).code === 'FILE') throw error;
    const files: ScannedFile[] = [];
    walk(root, '', files);
    return { files: files.sort(byPath), fromGit: false, source: worktreeFiles(root), problems: [] };
  }
}

/** Scans the tree of `commit` (a sha) from git objects: what a checkout of it would hold, whatever the work tree has. */
export async function scanCommit(root: string, commit: string): Promise<ScanResult> {
  const tree = await gitBytes(root, ['ls-tree', '-r', '-z', '--full-tree', commit]);
  const blobs = new Map<string, string>();
  const linkHashes: [string, string][] = [];
  const regular: ScannedFile[] = [];
  for (const entry of splitNul(tree)) {
    // "<mode> <type> <hash>\t<path>"
    const tab = entry.indexOf('\t');
    const [mode, , hash = ''] = entry.slice(0, tab).split(' ');
    const file = entry.slice(tab + 1);
    if (isSkipped(file)) continue;
    if (mode === '120000') linkHashes.push([file, hash]);
    else if (mode === '100644' || mode === '100755') {
      blobs.set(file, hash);
      regular.push({ path: file, hash });
    }
  }
  const objects = gitObjects(root);
  await objects.prefetch(linkHashes.map(([, hash]) => hash));
  const links = new Map(linkHashes.map(([file, hash]) => [file, objects.read(hash).toString('utf8')]));
  const { files, problems } = withLinks(root, regular, links);
  return { files, fromGit: true, source: treeFiles(root, commit, blobs), problems };
}
