// A real repository for `npm run bench -- --repo <dir>`: its workspace packages, tests and a committed change, read-only.
import { execFileSync } from 'node:child_process';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { analyze } from '../../dist/index.js';
import { packagePaths } from './package-paths.mjs';

/** @typedef {import('./workspace-packages.mjs').WorkspacePackage} WorkspacePackage */

/**
 * @typedef {object} RealRepo
 * @property {import('../generate-repo.mjs').RepoMeta} meta  the shape the peers read; `affected` is empty (no oracle)
 * @property {WorkspacePackage[]} packages  with `entry`, the source file the package name resolves to
 * @property {string[]} tests  the test files impacted finds, with the installed runners asked (their own patterns and ignores)
 * @property {import('./package-paths.mjs').PathsScope[]} packagePaths  the packages' own tsconfig `paths`, for jest's resolver
 */

/** The source file a workspace package's bare name means: its src/index, else its manifest entry mapped to src/. */
function entryOf(repo, dir) {
  const manifest = JSON.parse(readFileSync(path.join(repo, dir, 'package.json'), 'utf8'));
  const declared = [manifest.types, manifest.main, manifest.module].filter((value) => typeof value === 'string');
  const stems = ['src/index', 'index', ...declared.map((file) => file.replace(/^\.\//, '').replace(/^(?:dist|build|lib)\//, 'src/').replace(/(\.d)?\.[cm]?[jt]sx?$/, ''))];
  for (const stem of stems) {
    for (const extension of ['.ts', '.tsx', '.js', '.mjs', '.cjs']) {
      const file = path.posix.join(dir, stem + extension);
      if (existsSync(path.join(repo, file))) return file;
    }
  }
  return undefined;
}

/**
 * Links every `node_modules` directory of the checkout (git-ignored, so not cloned) into the clone at the same place,
 * so that impacted finds the installed runners and asks them, as it does in the checkout itself. What writes into a
 * `node_modules` (a cache) writes into the checkout's; the bench gives impacted and jest cache directories of its own.
 * @param {string} source
 * @param {string} clone
 */
function linkInstalledDependencies(source, clone) {
  const ignored = execFileSync('git', ['ls-files', '-z', '--others', '--ignored', '--exclude-standard', '--directory'], { cwd: source, encoding: 'utf8', maxBuffer: 1 << 28 });
  for (const entry of ignored.split('\0')) {
    const dir = entry.replace(/\/$/, '');
    if (!/(?:^|\/)node_modules$/.test(dir) || dir.includes('node_modules/')) continue;
    if (existsSync(path.dirname(path.join(clone, dir))) && !existsSync(path.join(clone, dir))) symlinkSync(path.join(source, dir), path.join(clone, dir), 'dir');
  }
}

/**
 * A real repository and a change, never writing to it. With `change` (files to edit), the repository is cloned into
 * `scratch` (its `node_modules` linked) and those files get a line appended there, uncommitted, with base HEAD; else the change is the commits
 * from `base` to HEAD of the checkout itself.
 * @param {string} source  absolute
 * @param {{ base: string, change?: string[], scratch: string }} options
 * @returns {Promise<RealRepo & { editable: boolean }>}
 */
export async function readRealRepo(source, { base, change, scratch }) {
  let repo = source;
  if (change) {
    repo = path.join(scratch, path.basename(source));
    execFileSync('git', ['clone', '--quiet', '--local', '--no-checkout', source, repo]);
    // A sparse source (a mirror without its largest blobs) is cloned with the same sparse patterns.
    const sparse = path.join(source, '.git', 'info', 'sparse-checkout');
    if (existsSync(sparse)) {
      execFileSync('git', ['config', 'core.sparseCheckout', 'true'], { cwd: repo });
      mkdirSync(path.join(repo, '.git', 'info'), { recursive: true });
      copyFileSync(sparse, path.join(repo, '.git', 'info', 'sparse-checkout'));
    }
    execFileSync('git', ['checkout', '--quiet', 'HEAD'], { cwd: repo });
    linkInstalledDependencies(source, repo);
    for (const file of change) {
      if (!existsSync(path.join(repo, file))) throw new Error(`--change ${file}: no such file in ${source}`);
      appendFileSync(path.join(repo, file), '// bench change\n');
    }
  }
  const git = (/** @type {string[]} */ args) => execFileSync('git', args, { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 28 });
  const changed = change ?? git(['diff', '--name-only', '--no-renames', `${base}...HEAD`]).split('\n').filter(Boolean);
  if (changed.length === 0) throw new Error(`no file changed between ${base} and HEAD`);
  // The runners are asked, as impacted's own runs do: what the repository's jest configs ignore (`__fixtures__` under
  // `__tests__`, say) is no test, though jest's default testMatch, which the jest peer gets, would list it.
  const { graph, discovery } = await analyze({ cwd: repo, base: change ? 'HEAD' : base, cache: false });
  const tests = discovery.tests;
  const packages = graph.packages
    .filter((pkg) => pkg.dir !== '')
    .map((pkg) => ({ name: pkg.name ?? pkg.dir, dir: pkg.dir, entry: entryOf(repo, pkg.dir) }));
  const head = git(['rev-parse', '--short', 'HEAD']).trim();
  return {
    meta: {
      generatorVersion: 0,
      dir: repo,
      seed: 0,
      requested: graph.files.length,
      files: graph.files.length,
      packages: packages.length,
      apps: 0,
      tests: tests.length,
      sources: graph.files.length,
      base: /** @type {'main'} */ (change ? 'HEAD' : base),
      head: /** @type {'feature'} */ (change ? 'worktree' : head),
      changed,
      affected: [],
      ms: 0,
    },
    packages,
    tests,
    packagePaths: packagePaths(repo, packages.map((pkg) => pkg.dir)),
    editable: change !== undefined,
  };
}
