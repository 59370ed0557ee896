// The untracked files kept between runs, so that a warm run does not walk the work tree again (git's walk for them is
// the longest git process of a run: 0.05 s at 10,000 files, 0.13 s in a real monorepo). Like git's own untracked
// cache (which `git ls-files` does not use), the listing is trusted only while every directory git walked for it is
// the same: a file created, removed or renamed in a directory changes that directory's ctime, which nothing can set
// back. Any doubt (another index, other ignore rules or git config, a directory changed within the moments before the
// listing) lists again: the directories that changed, or everything.
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { readCheckedJson, writeCheckedJson } from '../files/checked-json.js';
import { gitBytes, splitNul } from './git-process.js';

/** Bumped when the stored shape changes; part of the file name, so versions never read each other. */
const cacheFormat = 1;
export const untrackedCacheFileName = `untracked-v${cacheFormat}.json`;
/** The index's paths the listing was made with: read only when they changed, to tell where. */
const indexPathsFileName = `untracked-v${cacheFormat}-index.json`;

/**
 * A directory or ignore file whose ctime is this close to (or after) the moment its listing started may have changed
 * while git read it, with a time that does not tell (coarse file system clocks, seconds on some file systems): it is
 * listed again next time.
 */
const racyMs = 3000;
/** Beyond this many changed directories, one walk of everything costs less than naming them all. */
const maxRelisted = 64;

/** The git configuration as git reads it for this repository (every scope, with its files): ignore rules depend on it. */
export const configArgs = ['config', '--list', '--show-origin', '--show-scope', '-z'];
/**
 * Untracked files (`??`, as `ls-files -o --exclude-standard` lists them) and the ignored directories git does not walk
 * (`!! <dir>/`). Every directory is read, as `ls-files` reads them (no fsmonitor, no untracked cache of git's own);
 * `--no-optional-locks`: no refreshed index written back.
 */
const statusArgs = ['-c', 'core.fsmonitor=false', '-c', 'core.untrackedCache=false', '--no-optional-locks', 'status', '--porcelain=v1', '-z', '-uall', '--ignored=matching', '--no-renames', '--ignore-submodules=all'];

interface StoredListing {
  /** The repository root, git configuration and home directories the listing was made with. */
  key: string;
  /** sha1 of the index's paths: a file added to it or removed from it is untracked no longer, or again. */
  index: string;
  /** When the last listing started (ms since the epoch). */
  at: number;
  /** The directories git walks, relative to the root ('' is the root). */
  dirs: string[];
  /** Per directory: inode, mtime and ctime (ms). */
  dirStats: number[];
  /** `.gitignore` files in those directories (relative), then the repository's and the user's exclude files (absolute). */
  ignores: string[];
  /** Per ignore file: inode, size, mtime and ctime (ms), or -1 four times when there is none. */
  ignoreStats: number[];
  /** The ignored directories git does not walk, as the last listing of their parent found them. */
  pruned: string[];
  /** The index's `.gitignore` entries: "<path>\t<tag> <mode> <blob> <stage>". */
  indexIgnores: string[];
  untracked: string[];
}

export interface UntrackedCacheOptions {
  /** impacted's cache directory for this repository. */
  cacheDir: string;
  /** `git ls-files -s` entries of the index ("<tag> <mode> <hash> <stage>\t<path>"), as the scan lists them. */
  index: Promise<readonly string[]>;
}

function cacheFile(cacheDir: string): string {
  return path.join(cacheDir, untrackedCacheFileName);
}

/**
 * Whether runs in this environment keep the listing: not in CI, where each run starts from a fresh checkout (every
 * directory new) and a kept listing would only cost its recording.
 */
export function keepsUntracked(env: Record<string, string | undefined>): boolean {
  return !env.CI || env.CI === 'false' || env.CI === '0';
}

function isStoredListing(value: unknown): value is StoredListing {
  const stored = value as StoredListing | undefined;
  return (
    typeof stored?.key === 'string' &&
    typeof stored.index === 'string' &&
    typeof stored.at === 'number' &&
    [stored.dirs, stored.ignores, stored.pruned, stored.indexIgnores, stored.untracked].every((list) => Array.isArray(list) && list.every((item) => typeof item === 'string')) &&
    Array.isArray(stored.dirStats) &&
    stored.dirStats.length === stored.dirs.length * 3 &&
    Array.isArray(stored.ignoreStats) &&
    stored.ignoreStats.length === stored.ignores.length * 4
  );
}

/** The ignore files that apply everywhere: `info/exclude` beside the local config, and core.excludesFile or its default. */
function globalIgnores(root: string, config: string, env: NodeJS.ProcessEnv): string[] | undefined {
  // -z records: "<scope>\0<origin>\0<key>\n<value>\0".
  const fields = config.split('\0');
  let localConfig: string | undefined;
  let excludes: string | undefined;
  for (let i = 0; i + 2 < fields.length; i += 3) {
    const [scope, origin, entry] = [fields[i]!, fields[i + 1]!, fields[i + 2]!];
    const newline = entry.indexOf('\n');
    const name = newline === -1 ? entry : entry.slice(0, newline);
    if (scope === 'local' && origin.startsWith('file:')) localConfig = path.resolve(root, origin.slice('file:'.length));
    if (name === 'core.excludesfile') excludes = newline === -1 ? '' : entry.slice(newline + 1);
  }
  if (localConfig === undefined) return undefined;
  const home = env.HOME;
  if (excludes === undefined) {
    const configHome = env.XDG_CONFIG_HOME || (home ? path.join(home, '.config') : undefined);
    excludes = configHome === undefined ? '' : path.join(configHome, 'git', 'ignore');
  } else if (excludes.startsWith('~/') && home) excludes = path.join(home, excludes.slice(2));
  // "~user/" and "%(prefix)/" name places only git knows: not kept.
  else if (excludes.startsWith('~') || excludes.startsWith('%(')) return undefined;
  const ignores = [path.join(path.dirname(localConfig), 'info', 'exclude')];
  if (excludes !== '') ignores.push(path.resolve(root, excludes));
  return ignores;
}

/**
 * The index's paths (in index order: a conflicted path once per stage) and their sha1, and its `.gitignore` entries
 * with their tags, modes and blobs: git reads a skip-worktree `.gitignore` that is not on disk from the index.
 */
function indexPaths(entries: readonly string[]): { paths: string[]; digest: string; ignores: string[] } {
  const paths: string[] = [];
  const ignores: string[] = [];
  for (const entry of entries) {
    const tab = entry.indexOf('\t');
    const file = entry.slice(tab + 1);
    paths.push(file);
    if (file === '.gitignore' || file.endsWith('/.gitignore')) ignores.push(`${file}\t${entry.slice(0, tab)}`);
  }
  return { paths, digest: createHash('sha1').update(paths.join('\0')).digest('hex'), ignores };
}

/** The directory of each entry in one list of `<path>\t...` lines and not the other. */
function dirsOfDifference(before: readonly string[], now: readonly string[]): string[] {
  const had = new Set(before);
  const has = new Set(now);
  return [...before.filter((line) => !has.has(line)), ...now.filter((line) => !had.has(line))].map((line) => {
    const file = line.split('\t')[0]!;
    const slash = file.lastIndexOf('/');
    return slash === -1 ? '' : file.slice(0, slash);
  });
}

/**
 * The directories where the index's paths changed since the kept listing (a file added to the index or taken out of
 * it: `git add` of a new file, `git rm --cached`), from the paths kept beside it; undefined when those are not the
 * listing's (missing, damaged, another index).
 */
function indexChangedDirs(cacheDir: string, stored: StoredListing, paths: readonly string[]): string[] | undefined {
  const kept = readCheckedJson(path.join(cacheDir, indexPathsFileName)) as { digest?: unknown; paths?: unknown } | undefined;
  if (kept?.digest !== stored.index || !Array.isArray(kept.paths)) return undefined;
  return dirsOfDifference(kept.paths as string[], paths);
}

function pushDirStat(out: number[], file: string): boolean {
  const stat = lstatSync(file, { throwIfNoEntry: false });
  if (!stat?.isDirectory()) return false;
  out.push(stat.ino, stat.mtimeMs, stat.ctimeMs);
  return true;
}

function pushFileStat(out: number[], file: string): void {
  let stat;
  try {
    stat = statSync(file, { throwIfNoEntry: false });
  } catch {
    stat = undefined;
  }
  if (stat === undefined) out.push(-1, -1, -1, -1);
  else out.push(stat.ino, stat.size, stat.mtimeMs, stat.ctimeMs);
}

function isUnder(file: string, dir: string): boolean {
  return dir === '' || file === dir || file.startsWith(`${dir}/`);
}

/** What a listing holds, apart from how it was made. */
type Listing = Pick<StoredListing, 'dirs' | 'dirStats' | 'ignores' | 'ignoreStats' | 'pruned' | 'untracked'>;

function emptyListing(): Listing {
  return { dirs: [], dirStats: [], ignores: [], ignoreStats: [], pruned: [], untracked: [] };
}

/** Directories walked, or checked, between two turns of the event loop (a few milliseconds). */
const dirsPerTurn = 512;

/**
 * Walks `dirs` as git does for untracked files (not into `.git`, nor into the directories `skip` names), adding each
 * directory and `.gitignore` file with its stat data to `listing`, a few hundred directories per turn of the event
 * loop; returns the directories it skipped. Only the directories matter: their ctimes say whether anything in them
 * was created, removed or renamed since.
 */
async function walk(root: string, dirs: readonly string[], skip: (dir: string, name: string) => boolean, listing: Listing): Promise<string[]> {
  const skipped: string[] = [];
  const pending = [...dirs];
  for (let walked = 1; pending.length > 0; walked++) {
    if (walked % dirsPerTurn === 0) await new Promise(setImmediate);
    const dir = pending.pop()!;
    const absolute = dir === '' ? root : `${root}/${dir}`;
    if (!pushDirStat(listing.dirStats, absolute)) continue;
    listing.dirs.push(dir);
    let entries;
    try {
      entries = readdirSync(absolute, { withFileTypes: true });
    } catch {
      // Unreadable: a ctime no directory has is stored, so that it is listed again next time.
      listing.dirStats[listing.dirStats.length - 1] = -1;
      continue;
    }
    // A nested repository (or a directory that would be one with a valid `.git`): whether git lists it as one entry
    // or walks it depends on what is inside its `.git`, or where a `.git` file leads, which no stat here sees. It is
    // listed again every run, and not walked.
    if (dir !== '' && entries.some((entry) => entry.name === '.git')) {
      listing.dirStats[listing.dirStats.length - 1] = -1;
      continue;
    }
    for (const entry of entries) {
      // A name that is not UTF-8 comes back with U+FFFD in it, and no stat could find it: git's listing says what to
      // do (it refuses such names).
      if (entry.name.includes('\uFFFD')) throw new Error(`${dir}/${entry.name}: a name that is not UTF-8`);
      if (entry.name === '.git') continue;
      const file = dir === '' ? entry.name : `${dir}/${entry.name}`;
      if (entry.name === '.gitignore') {
        listing.ignores.push(file);
        pushFileStat(listing.ignoreStats, `${root}/${file}`);
      }
      if (!entry.isDirectory()) continue;
      if (skip(file, entry.name)) skipped.push(file);
      else pending.push(file);
    }
  }
  return skipped;
}

/** Whether `file` is one of the directories `pruned` or under one. */
function isUnderAny(file: string, pruned: ReadonlySet<string>): boolean {
  for (let slash = file.indexOf('/'); ; slash = file.indexOf('/', slash + 1)) {
    if (pruned.has(slash === -1 ? file : file.slice(0, slash))) return true;
    if (slash === -1) return false;
  }
}

/** `listing` without the directories under `pruned` (and their ignore files). */
function withoutPruned(listing: Listing, pruned: ReadonlySet<string>): void {
  if (pruned.size === 0) return;
  const isPruned = (file: string) => isUnderAny(file, pruned);
  const dirs = listing.dirs;
  const dirStats = listing.dirStats;
  listing.dirs = [];
  listing.dirStats = [];
  dirs.forEach((dir, i) => {
    if (dir !== '' && isPruned(dir)) return;
    listing.dirs.push(dir);
    listing.dirStats.push(dirStats[i * 3]!, dirStats[i * 3 + 1]!, dirStats[i * 3 + 2]!);
  });
  const ignores = listing.ignores;
  const ignoreStats = listing.ignoreStats;
  listing.ignores = [];
  listing.ignoreStats = [];
  ignores.forEach((file, i) => {
    if (!path.isAbsolute(file) && isPruned(file)) return;
    listing.ignores.push(file);
    listing.ignoreStats.push(...ignoreStats.slice(i * 4, i * 4 + 4));
  });
}

/**
 * Lists the untracked files under `dirs` ([''] for everything) and walks their directories. The walk runs while git
 * lists, skipping the directories git skipped last time (and any `node_modules`); once git has named the directories
 * it does not walk now, those the walk entered are dropped and those it skipped but git walks are walked.
 */
async function listUnder(root: string, dirs: readonly string[], listing: Listing, prunedBefore: ReadonlySet<string>): Promise<void> {
  const pathspec = dirs.includes('') ? [] : ['--', ...dirs.map((dir) => `:(literal)${dir}`)];
  const status = gitBytes(root, [...statusArgs, ...pathspec]);
  status.catch(() => undefined);
  const skipped = await walk(root, dirs, (dir, name) => name === 'node_modules' || prunedBefore.has(dir), listing);
  const pruned = new Set<string>();
  for (const record of splitNul(await status)) {
    // "XY <path>"
    const file = record.slice(3);
    if (record.startsWith('?? ')) listing.untracked.push(file);
    else if (record.startsWith('!! ') && file.endsWith('/')) pruned.add(file.slice(0, -1));
  }
  // A directory ignored now (the rules above it changed) is walked no more, nor is anything under it.
  withoutPruned(listing, pruned);
  listing.pruned.push(...pruned);
  await walk(
    root,
    skipped.filter((dir) => !isUnderAny(dir, pruned)),
    (dir) => pruned.has(dir),
    listing,
  );
}

/**
 * The directories of `stored` that changed since, or may have: undefined when what applies everywhere changed. A stat
 * per directory keeps this thread busy for a while (30 ms for 10,000 directories): it lets the event loop turn every
 * few hundred, so that the git processes the run waits for longer (the diff after the repository state) start as soon
 * as they can.
 */
async function changedDirs(root: string, stored: StoredListing): Promise<Set<string> | undefined> {
  const changed = new Set<string>();
  const recent = stored.at - racyMs;
  const { dirs, dirStats, ignores, ignoreStats } = stored;
  for (let i = 0; i < dirs.length; i++) {
    if (i % dirsPerTurn === 0) await new Promise(setImmediate);
    const dir = dirs[i]!;
    const stat = lstatSync(dir === '' ? root : `${root}/${dir}`, { throwIfNoEntry: false });
    const j = i * 3;
    if (!(dirStats[j + 2]! < recent) || stat === undefined || stat.ino !== dirStats[j] || stat.mtimeMs !== dirStats[j + 1] || stat.ctimeMs !== dirStats[j + 2]) changed.add(dir);
  }
  const now: number[] = [];
  for (let i = 0; i < ignores.length; i++) {
    const file = ignores[i]!;
    const absolute = path.isAbsolute(file);
    pushFileStat(now, absolute ? file : `${root}/${file}`);
    const j = i * 4;
    const same = now[j] === ignoreStats[j] && now[j + 1] === ignoreStats[j + 1] && now[j + 2] === ignoreStats[j + 2] && now[j + 3] === ignoreStats[j + 3];
    if (same && !(ignoreStats[j + 3]! >= recent)) continue;
    if (absolute) return undefined;
    const slash = file.lastIndexOf('/');
    changed.add(slash === -1 ? '' : file.slice(0, slash));
  }
  return changed;
}

/** The changed directories that no other changed directory contains; undefined: list everything. */
function outermost(changed: ReadonlySet<string>): string[] | undefined {
  if (changed.has('')) return undefined;
  const outer: string[] = [];
  for (const dir of [...changed].sort()) if (!outer.some((kept) => isUnder(dir, kept))) outer.push(dir);
  return outer.length > maxRelisted ? undefined : outer;
}

/** `stored` without what is under `dirs`. */
function outside(stored: StoredListing, dirs: readonly string[]): Listing {
  const kept = emptyListing();
  const inside = (file: string) => dirs.some((dir) => isUnder(file, dir));
  stored.dirs.forEach((dir, i) => {
    if (inside(dir)) return;
    kept.dirs.push(dir);
    kept.dirStats.push(...stored.dirStats.slice(i * 3, i * 3 + 3));
  });
  stored.ignores.forEach((file, i) => {
    if (path.isAbsolute(file) || inside(file)) return;
    kept.ignores.push(file);
    kept.ignoreStats.push(...stored.ignoreStats.slice(i * 4, i * 4 + 4));
  });
  kept.pruned = stored.pruned.filter((dir) => !inside(dir));
  kept.untracked = stored.untracked.filter((file) => !inside(file));
  return kept;
}

/** Writes the listing, and the index's paths beside it when they are new. */
function keep(cacheDir: string, listing: StoredListing, paths: readonly string[] | undefined): void {
  if (paths) writeCheckedJson(path.join(cacheDir, indexPathsFileName), { digest: listing.index, paths });
  writeCheckedJson(cacheFile(cacheDir), listing);
}

/**
 * The untracked, not ignored files under `root` (as `git ls-files -o --exclude-standard` lists them), from the listing
 * kept in the cache directory where nothing it depends on changed; what changed is listed again, and the listing kept
 * for the next run. Undefined when this repository's listing cannot be kept (no local git config, an exclude file
 * named in a way only git resolves): the caller lists with git.
 */
export async function cachedUntracked(root: string, options: UntrackedCacheOptions): Promise<string[] | undefined> {
  const config = gitBytes(root, configArgs);
  config.catch(() => undefined);
  // The caller starts its other git processes first (the repository state, then the diff: what a run waits for).
  await new Promise(setImmediate);
  const file = cacheFile(options.cacheDir);
  const value = readCheckedJson(file);
  const stored = isStoredListing(value) ? value : undefined;
  // Checked while git reads the index and the config.
  const changed = stored && (await changedDirs(root, stored));
  const at = Date.now();
  const configText = (await config).toString('utf8');
  // git finds the user's files from the environment it runs in, this process's.
  const ignores = globalIgnores(root, configText, process.env);
  if (ignores === undefined) return undefined;
  const key = [root, process.env.HOME ?? '', process.env.XDG_CONFIG_HOME ?? '', configText].join('\0');
  const { paths, digest: index, ignores: indexIgnores } = indexPaths(await options.index);
  const sameIndex = stored?.index === index;
  // Files that entered or left the index list their directories again, and so do `.gitignore` entries that changed
  // in it; any doubt lists everything.
  const indexDirs = stored === undefined || sameIndex ? [] : indexChangedDirs(options.cacheDir, stored, paths);
  const same = stored !== undefined && stored.key === key && indexDirs !== undefined;
  const relisted = same && changed ? outermost(new Set([...changed, ...indexDirs, ...dirsOfDifference(stored.indexIgnores, indexIgnores)])) : undefined;
  if (same && relisted?.length === 0) {
    // Nothing to list again (only a conflict's stages changed): the same listing, with the index it now holds.
    if (!sameIndex) keep(options.cacheDir, { ...stored, index }, paths);
    return stored.untracked;
  }
  const listing = relisted && stored ? outside(stored, relisted) : emptyListing();
  await listUnder(root, relisted ?? [''], listing, new Set(stored?.pruned));
  for (const ignore of ignores) {
    listing.ignores.push(ignore);
    pushFileStat(listing.ignoreStats, ignore);
  }
  keep(options.cacheDir, { key, index, indexIgnores, at, ...listing }, sameIndex ? undefined : paths);
  return listing.untracked;
}
