// What every peer of `npm run bench` is given: the repository, its change, a scratch directory, and the peer shape.
import { mkdirSync, mkdtempSync, realpathSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pathAliases, workspacePackages } from './workspace-packages.mjs';

/** @typedef {import('../generate-repo.mjs').RepoMeta} RepoMeta */
/** @typedef {import('./measure.mjs').Invocation} Invocation */
/** @typedef {import('./workspace-packages.mjs').WorkspacePackage} WorkspacePackage */

/**
 * @typedef {object} BenchContext
 * @property {string} repo          absolute path of the generated repository (`feature` checked out)
 * @property {RepoMeta} meta
 * @property {string} project       this project's root, whose node_modules holds every tool measured
 * @property {string} scratch       a temporary directory for configs and caches, removed at the end
 * @property {WorkspacePackage[]} packages
 * @property {{ prefix: string, target: string }[]} aliases
 * @property {import('./package-paths.mjs').PathsScope[]} packagePaths  each package's own tsconfig `paths` (real repositories)
 * @property {(file: string) => boolean} isTest  the generator's test files (`<pkg>/test/**\/*.test.ts`), or impacted's on a real repository
 * @property {string[]} jestTestMatch  jest's `testMatch` for the repository's tests
 * @property {boolean} generated    a repository from generate-repo.mjs (its layout is known: configs for the peers follow it)
 * @property {boolean} editable     whether warm runs may edit the changed files (generated repositories and scratch clones)
 * @property {number} timeoutMs     how long any one run, measured or not, may take
 *
 * @typedef {object} Peer
 * @property {string} id
 * @property {string} label
 * @property {string} command       the command line, for the report
 * @property {string} config        what was configured to make the comparison fair, for the report
 * @property {number} [runs]        measured runs; default: --runs for impacted's rows and when the first run is fast, else 1
 * @property {() => void | Promise<void>} [setup]     once, before the first run (not measured)
 * @property {() => Invocation} invocation            per run; may create a fresh cache directory
 * @property {() => void} [teardown]                  once, after the last run
 * @property {(stdout: string) => string[]} selected  the repository-relative test files the run selected
 * @property {(stdout: string) => number} [reportedMs] the time the tool reports for its own work
 * @property {() => Promise<string[]>} [compute]     a selection the bench computes instead of running a tool (no time)
 * @property {() => import('./process-count.mjs').ProcessCount} [processes]  after the measured runs: one more run, counting the processes it starts
 */

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * A generated repository's context; `real` replaces what the generator's layout gives with what a real repository has.
 * @param {RepoMeta} meta
 * @param {number} timeoutMs
 * @param {{ packages: WorkspacePackage[], tests: string[], editable: boolean, packagePaths: import('./package-paths.mjs').PathsScope[] }} [real]
 * @returns {BenchContext}
 */
export function createContext(meta, timeoutMs, real) {
  const scratchParent = path.join(os.tmpdir(), 'impacted-bench');
  mkdirSync(scratchParent, { recursive: true });
  const tests = real && new Set(real.tests);
  return {
    // jest realpaths its roots and then matches the related files' paths against them: a repository reached through
    // a symlink (bench/.repos linked to a shared folder) listed no test at all.
    repo: realpathSync(meta.dir),
    meta,
    project: projectRoot,
    scratch: mkdtempSync(path.join(scratchParent, `${path.basename(meta.dir)}-`)),
    packages: real?.packages ?? workspacePackages(meta.dir),
    aliases: real ? [] : pathAliases(meta.dir),
    packagePaths: real?.packagePaths ?? [],
    isTest: tests ? (file) => tests.has(file) : (file) => /^(?:packages|apps)\/[^/]+\/test\/.+\.test\.ts$/.test(file),
    // jest's defaults, without node_modules and build output.
    jestTestMatch: real ? ['**/__tests__/**/*.?([mc])[jt]s?(x)', '**/?(*.)+(spec|test).?([mc])[jt]s?(x)'] : ['<rootDir>/{packages,apps}/*/test/**/*.test.ts'],
    generated: !real,
    editable: real?.editable ?? true,
    timeoutMs,
  };
}

/**
 * The Node entry point of an installed tool, so it runs as `node <bin>` (no shell wrapper in the measurement).
 * @param {string} packageBin  path under node_modules, e.g. `jest/bin/jest.js`
 */
export function toolBin(packageBin) {
  return path.join(projectRoot, 'node_modules', packageBin);
}

/**
 * Repository-relative, sorted, unique.
 * @param {Iterable<string>} files
 * @param {string} repo
 */
export function toRepoPaths(files, repo) {
  const relative = [...files].map((file) => (path.isAbsolute(file) ? path.relative(repo, file) : file).split(path.sep).join('/'));
  return [...new Set(relative)].sort();
}
