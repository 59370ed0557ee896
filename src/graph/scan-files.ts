// Lists the repository's files: tracked and untracked-but-not-ignored, minus build output and dependencies.
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** Directories never scanned, wherever they appear. */
const skippedDirs = new Set(['node_modules', 'dist', 'build', 'coverage', '.git']);
/** A path with one of them as a segment; one regex test per path is much cheaper than splitting it. */
const skippedPath = /(?:^|\/)(?:node_modules|dist|build|coverage|\.git)\//;

export interface ScannedFile {
  path: string;
  /**
   * The git blob hash of the file's work-tree content, when git vouches for it without the file being read:
   * tracked, unchanged since the index, no assume-unchanged or skip-worktree flag. Undefined otherwise.
   */
  hash?: string;
}

export interface ScanResult {
  files: ScannedFile[];
  /** Whether the list came from git (else from walking the directory). */
  fromGit: boolean;
  /** Untracked, not ignored files as git listed them (skipped directories included); undefined outside git. */
  untracked?: string[];
}

function isSkipped(file: string): boolean {
  return skippedPath.test(file);
}

async function git(root: string, args: string[]): Promise<string> {
  const { stdout } = await execFileAsync('git', args, { cwd: root, maxBuffer: 1 << 30, encoding: 'utf8' });
  return stdout;
}

function splitZ(output: string): string[] {
  return output.split('\0').filter((entry) => entry !== '');
}

async function scanWithGit(root: string): Promise<{ files: ScannedFile[]; untracked: string[] }> {
  // The index with hashes; the tracked files that differ from it (tagged C changed, R removed: `-m` trusts stat
  // data only when it is clean, else compares content); untracked files. In parallel: the last two walk the work
  // tree (lstat of every tracked file, a directory walk with ignore rules) and overlap well on two cores.
  const [index, delta, others] = await Promise.all([
    git(root, ['-c', 'core.quotepath=false', 'ls-files', '-s', '-v', '-z']),
    git(root, ['-c', 'core.quotepath=false', 'ls-files', '-t', '-m', '-d', '-z']),
    git(root, ['-c', 'core.quotepath=false', 'ls-files', '-o', '--exclude-standard', '-z']),
  ]);
  const changed = new Set<string>();
  const gone = new Set<string>();
  for (const entry of splitZ(delta)) {
    const file = entry.slice(2);
    if (entry.startsWith('C ')) changed.add(file);
    else if (entry.startsWith('R ')) gone.add(file);
  }
  const files = new Map<string, ScannedFile>();
  for (const entry of splitZ(index)) {
    // "<tag> <mode> <hash> <stage>\t<path>"; symlinks (120000) and submodules (160000) are not files to read.
    const tab = entry.indexOf('\t');
    const [tag, mode, hash, stage] = entry.slice(0, tab).split(' ');
    const file = entry.slice(tab + 1);
    if (mode !== '100644' && mode !== '100755') continue;
    if (gone.has(file) || isSkipped(file)) continue;
    // Only a plain cached entry ("H", stage 0) is known to match the work tree: git does not look at
    // assume-unchanged or skip-worktree files, and a conflicted file holds conflict markers.
    const trusted = tag === 'H' && stage === '0' && !changed.has(file);
    files.set(file, trusted ? { path: file, hash } : { path: file });
  }
  const untracked = splitZ(others);
  for (const file of untracked) {
    if (!isSkipped(file)) files.set(file, { path: file });
  }
  return { files: [...files.values()], untracked };
}

function walk(root: string, dir: string, out: ScannedFile[]): void {
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    if (skippedDirs.has(entry.name)) continue;
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) walk(root, rel, out);
    else if (entry.isFile()) out.push({ path: rel });
  }
}

/** Scans `root`; uses git when it is a work tree (respecting .gitignore), else walks the folder. */
export async function scanFiles(root: string): Promise<ScanResult> {
  let scan: { files: ScannedFile[]; untracked?: string[] };
  try {
    scan = await scanWithGit(root);
  } catch {
    scan = { files: [] };
    walk(root, '', scan.files);
  }
  scan.files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files: scan.files, fromGit: scan.untracked !== undefined, untracked: scan.untracked };
}
