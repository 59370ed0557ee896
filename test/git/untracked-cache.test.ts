// The untracked listing kept between runs: after every kind of change, exactly what `git ls-files -o --exclude-standard`
// lists; the kept listing used only where nothing it depends on changed.
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCheckedJson, writeCheckedJson } from '../../src/files/checked-json.js';
import { indexArgs } from '../../src/git/git-ahead.js';
import { gitBytes, splitNul } from '../../src/git/git-process.js';
import { cachedUntracked, untrackedCacheFileName } from '../../src/git/untracked-cache.js';
import { runCli } from '../helpers/cli.js';
import { createRepo, type TempRepo } from '../helpers/repo.js';
import { repoWith, tempDir } from './git-fixtures.js';

/** What a directory changed more than this long ago is: older than the listing's racy window. */
const settledMs = 3200;
const sentinel = 'kept-listing-sentinel.ts';

function truth(repo: TempRepo): string[] {
  return splitNul(execFileSync('git', ['ls-files', '-o', '--exclude-standard', '-z'], { cwd: repo.dir })).sort();
}

function cacheDirOf(repo: TempRepo): string {
  return path.join(repo.dir, 'node_modules', '.cache', 'impacted');
}

async function listed(repo: TempRepo): Promise<string[]> {
  const index = gitBytes(repo.dir, indexArgs).then(splitNul);
  const files = await cachedUntracked(repo.dir, { cacheDir: cacheDirOf(repo), index });
  if (files === undefined) throw new Error('not kept');
  return [...files].sort();
}

/** Adds a name to the kept listing that no listing by git has: it stays only where the kept listing is used. */
function markKept(repo: TempRepo, names = [sentinel]): void {
  const file = path.join(cacheDirOf(repo), untrackedCacheFileName);
  const stored = readCheckedJson(file) as { untracked: string[] };
  writeCheckedJson(file, { ...stored, untracked: [...new Set([...stored.untracked, ...names])] });
}

function tests(stdout: string): string[] {
  return (JSON.parse(stdout) as { tests: { path: string }[] }).tests.map((test) => test.path);
}

/** The changed files a `list --json` reports. */
function changed(stdout: string): unknown {
  return (JSON.parse(stdout) as { changed: unknown }).changed;
}

/** The lines of stderr that refuse a name that is not UTF-8. */
function refusal(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line.includes('UTF-8'));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const env = { HOME: process.env.HOME, XDG_CONFIG_HOME: process.env.XDG_CONFIG_HOME };
let configHome: string;
beforeAll(() => {
  // The user's own ignore file, in a config home of the tests' own.
  configHome = tempDir();
  mkdirSync(path.join(configHome, 'git'));
  writeFileSync(path.join(configHome, 'git', 'ignore'), '*.user-ignored\n');
  process.env.XDG_CONFIG_HOME = configHome;
});
afterAll(() => {
  if (env.XDG_CONFIG_HOME === undefined) delete process.env.XDG_CONFIG_HOME;
  else process.env.XDG_CONFIG_HOME = env.XDG_CONFIG_HOME;
});

function fixture(): TempRepo {
  const repo = repoWith({
    '.gitignore': 'node_modules/\n!vendor/node_modules/\n*.log\n',
    'src/a/index.ts': 'export {};\n',
    'src/b/index.ts': 'export {};\n',
    'src/c/.gitignore': 'generated.ts\n',
    'src/c/index.ts': 'export {};\n',
    'src/d/index.ts': 'export {};\n',
    'docs/readme.md': '# docs\n',
  });
  repo.write('untracked/one.ts', '');
  repo.write('root-untracked.ts', '');
  repo.write('logs/a.log', '');
  repo.write('src/c/generated.ts', '');
  repo.write('node_modules/dep/index.js', '');
  repo.write('vendor/node_modules/dep/index.ts', '');
  mkdirSync(path.join(repo.dir, 'empty', 'deeper'), { recursive: true });
  return repo;
}

describe('the untracked listing kept between runs', () => {
  it('is what git lists after every kind of change, and is used where nothing it depends on changed', async () => {
    const repo = fixture();
    // Every directory older than the window in which a change may go unseen.
    await sleep(settledMs);
    expect(await listed(repo)).toEqual(truth(repo));
    markKept(repo);
    // Nothing changed: the kept listing.
    expect(await listed(repo)).toEqual([...truth(repo), sentinel].sort());

    const step = async (change: () => void, kept: boolean) => {
      change();
      const files = await listed(repo);
      expect(files).toEqual(kept ? [...truth(repo), sentinel].sort() : truth(repo));
      markKept(repo);
    };
    // Changes in directories below the root: only those directories are listed again (the root's entries are kept).
    // A file in a directory with tracked files; in one with nothing tracked or untracked in it; in one of ignored files.
    await step(() => repo.write('src/a/new.ts', ''), true);
    await step(() => repo.write('empty/deeper/new.ts', ''), true);
    await step(() => repo.write('logs/new.ts', ''), true);
    // A nested .gitignore edited in place (its directory unchanged) no longer ignores a file.
    await step(() => writeFileSync(path.join(repo.dir, 'src/c/.gitignore'), '# nothing\n'), true);
    // A new directory with files; a directory renamed.
    await step(() => repo.write('src/b/deep/er/new.ts', ''), true);
    await step(() => renameSync(path.join(repo.dir, 'src/d'), path.join(repo.dir, 'src/e')), true);
    // Inside an ignored directory git does not walk: nothing to list again. Inside a node_modules git walks (not
    // ignored), which the walk first skips while git lists.
    await step(() => repo.write('node_modules/dep/more.ts', ''), true);
    await step(() => repo.write('vendor/node_modules/dep/more.ts', ''), true);
    // An untracked file added to the index, a tracked one taken out of it: their directories are listed again (in
    // directories no step changed before, which their own changes would list again anyway).
    const indexPaths = path.join(cacheDirOf(repo), 'untracked-v1-index.json');
    const older = readFileSync(indexPaths);
    await step(() => repo.git('add', 'untracked/one.ts'), true);
    await step(() => repo.git('rm', '-q', '--cached', 'docs/readme.md'), true);
    // The paths of an older index beside the listing: not compared with, everything is listed again.
    await step(() => {
      writeFileSync(indexPaths, older);
      repo.git('rm', '-q', '--cached', 'src/c/index.ts');
    }, false);
    // Everything is listed again: an index change without the paths kept beside the listing, or at the root; a
    // directory removed from the root; the rules for everything (the root .gitignore, info/exclude, the user's
    // ignore file, the git config).
    await step(() => {
      rmSync(indexPaths);
      repo.git('rm', '-q', '--cached', 'src/a/index.ts');
    }, false);
    await step(() => repo.git('add', 'root-untracked.ts'), false);
    await step(() => rmSync(path.join(repo.dir, 'untracked'), { recursive: true }), false);
    await step(() => appendFileSync(path.join(repo.dir, '.gitignore'), 'src/b/\n'), false);
    await step(() => appendFileSync(path.join(repo.dir, '.git', 'info', 'exclude'), '*.md\n'), false);
    await step(() => {
      repo.write('src/a/mine.user-ignored', '');
      writeFileSync(path.join(configHome, 'git', 'ignore'), '# nothing\n');
    }, false);
    await step(() => {
      writeFileSync(path.join(repo.dir, 'excludes'), '*.ts\n');
      repo.git('config', 'core.excludesFile', 'excludes');
    }, false);
  });

  it('lists again a directory that changed around the time of the listing, whatever its times say', async () => {
    const repo = fixture();
    await sleep(settledMs);
    expect(await listed(repo)).toEqual(truth(repo));
    // A file created in a directory whose modification time is then set back, to the nanosecond: its ctime still tells.
    const dir = path.join(repo.dir, 'src/a');
    const { mtimeNs } = statSync(dir, { bigint: true });
    repo.write('src/a/sneaky.ts', '');
    execFileSync('touch', ['-m', '-d', `@${mtimeNs / 1_000_000_000n}.${String(mtimeNs % 1_000_000_000n).padStart(9, '0')}`, dir]);
    expect(statSync(dir, { bigint: true }).mtimeNs).toBe(mtimeNs);
    expect(await listed(repo)).toContain('src/a/sneaky.ts');
    // src/a changed moments before that listing: the next run lists it again though nothing changed since, and
    // trusts what it kept for src/b.
    markKept(repo, ['src/a/phantom.ts', 'src/b/phantom.ts']);
    const files = await listed(repo);
    expect(files).not.toContain('src/a/phantom.ts');
    expect(files).toEqual([...truth(repo), 'src/b/phantom.ts'].sort());
  });

  it('lists a nested repository again every run, and sees a .gitignore changed in the index only', async () => {
    const repo = fixture();
    // A nested repository (listed as one entry), a directory whose .git is not a repository yet, and a skip-worktree
    // .gitignore that is not on disk (git reads it from the index).
    repo.write('sparse/.gitignore', 'gen/\n');
    repo.write('sparse/index.ts', '');
    repo.commit('sparse');
    repo.git('init', '-q', 'nested');
    repo.write('nested/test/b.ts', '');
    mkdirSync(path.join(repo.dir, 'almost', '.git'), { recursive: true });
    repo.write('almost/x.ts', '');
    repo.write('sparse/gen/g.ts', '');
    repo.git('update-index', '--skip-worktree', 'sparse/.gitignore');
    rmSync(path.join(repo.dir, 'sparse/.gitignore'));
    await sleep(settledMs);
    expect(await listed(repo)).toEqual(truth(repo));
    expect(truth(repo)).toContain('nested/');
    expect(truth(repo)).not.toContain('sparse/gen/g.ts');
    markKept(repo);
    // What is inside .git decides, and no directory's stat changes.
    rmSync(path.join(repo.dir, 'nested/.git/refs'), { recursive: true });
    expect(await listed(repo)).toEqual([...truth(repo), sentinel].sort());
    expect(truth(repo)).toContain('nested/test/b.ts');
    repo.git('init', '-q', 'almost');
    expect(await listed(repo)).toEqual([...truth(repo), sentinel].sort());
    expect(truth(repo)).toContain('almost/');
    // A new blob for the skip-worktree .gitignore: only the index changed.
    const empty = execFileSync('git', ['hash-object', '-w', '--stdin'], { cwd: repo.dir, input: '', encoding: 'utf8' }).trim();
    repo.git('update-index', '--cacheinfo', `100644,${empty},sparse/.gitignore`);
    repo.git('update-index', '--skip-worktree', 'sparse/.gitignore');
    expect(await listed(repo)).toEqual([...truth(repo), sentinel].sort());
    expect(truth(repo)).toContain('sparse/gen/g.ts');
  });

  it('keeps no listing where a name is not UTF-8: git says what to do', async () => {
    const repo = fixture();
    const dir = Buffer.concat([Buffer.from(`${repo.dir}/src/a/`), Buffer.from([0xff])]);
    mkdirSync(dir);
    await expect(listed(repo)).rejects.toThrow(/not UTF-8/);
    mkdirSync(cacheDirOf(repo), { recursive: true });
    const run = (...flags: string[]) => runCli(['list', '--json', '--no-probe', '--base', 'main', ...flags], { cwd: repo.dir, env: { IMPACTED_SERVER: 'off' } });
    // An empty directory: git lists nothing in it, and the run goes on.
    expect(changed(run().stdout)).toEqual(changed(run('--no-cache').stdout));
    // A file in it: git's listing refuses the name, with or without the cache.
    writeFileSync(Buffer.concat([dir, Buffer.from('/x.test.ts')]), '');
    const kept = run();
    const uncached = run('--no-cache');
    expect([kept.code, uncached.code]).toEqual([2, 2]);
    expect(refusal(kept.stderr)).toHaveLength(1);
    expect(refusal(kept.stderr)).toEqual(refusal(uncached.stderr));
  });

  it('lists everything again for a listing that is damaged or from another repository', async () => {
    const repo = fixture();
    expect(await listed(repo)).toEqual(truth(repo));
    const file = path.join(cacheDirOf(repo), untrackedCacheFileName);
    writeFileSync(file, '{ not json');
    expect(await listed(repo)).toEqual(truth(repo));
    const other = fixture();
    other.write('only-there.ts', '');
    mkdirSync(cacheDirOf(other), { recursive: true });
    // The other repository's listing, copied in.
    await listed(other);
    writeCheckedJson(file, readCheckedJson(path.join(cacheDirOf(other), untrackedCacheFileName)));
    expect(await listed(repo)).toEqual(truth(repo));
  });

  it('serves the CLI from the second run on, and a new untracked test is selected', async () => {
    const repo = createRepo('select-monorepo');
    repo.git('checkout', '-q', '-b', 'feature');
    const list = () => runCli(['list', '--json', '--no-probe', '--base', 'main'], { cwd: repo.dir, env: { IMPACTED_SERVER: 'off' } });
    expect(tests(list().stdout)).toEqual([]);
    const file = path.join(cacheDirOf(repo), untrackedCacheFileName);
    expect(readCheckedJson(file)).toBeUndefined();
    // The cache directory holds the first run's cache now: the next run keeps the listing, with every directory settled.
    await sleep(settledMs);
    expect(tests(list().stdout)).toEqual([]);
    expect(readCheckedJson(file)).toBeDefined();
    repo.write('packages/money/test/more/rounding.test.ts', "import { tax } from '../../src/tax';\n");
    expect(tests(list().stdout)).toEqual(['packages/money/test/more/rounding.test.ts']);
  });
});
