// The runner adapters' shared shapes: one project as its runner sees it, and what an adapter knows about its runner.
import type { RunnerName } from '../config/schema.js';

/** A resolution alias from `resolve.alias` (vitest/vite) or `moduleNameMapper` (jest). */
export interface RunnerAlias {
  /** A literal specifier prefix (vite `find` string) or a regular expression source (jest keys, vite RegExp `find`). */
  find: string;
  isRegExp: boolean;
  /** Repository-relative path (or a bare package name) it maps to; `$1`-style groups kept for regular expressions. */
  replacement: string;
}

/**
 * One test project as its runner resolves it: a vitest project, a jest project, a mocha or playwright config.
 * Every path is repository-relative with `/`; `dir` is `''` at the repository root.
 */
export interface RunnerProject {
  runner: RunnerName;
  /** The project's name where the runner gives one (vitest `name`, jest `displayName`). */
  name?: string;
  /** The config file that defines it; `''` when the runner's defaults apply with no config. */
  configFile: string;
  /** The directory the runner anchors `include`/`exclude` at (vitest `dir` ?? `root`, jest `rootDir`). */
  dir: string;
  /** Test globs relative to `dir`, with the runner's own glob semantics (vitest `include`, jest `testMatch`, mocha `spec`, playwright `testMatch`). */
  include: string[];
  /** Globs relative to `dir` that are never tests (vitest `exclude`, mocha `ignore`, playwright `testIgnore`). */
  exclude: string[];
  /** jest `testRegex` sources, matched as jest matches them. */
  testRegex: string[];
  /** jest `testPathIgnorePatterns` sources. */
  ignorePatterns: string[];
  /** jest `roots`: only files below these directories are tests; empty means `dir`. */
  roots: string[];
  /** Setup and global-setup files, resolved as the runner resolves them (setupFiles, setupFilesAfterEnv, globalSetup, globalTeardown, mocha `require`). */
  setupFiles: string[];
  /** Setup entries that matched no repository file (and are not packages): a problem that widens to this project's tests. */
  missingSetup: string[];
  aliases: RunnerAlias[];
  /** How it was learnt: asked from the installed runner, read from the config's syntax tree, or the runner's defaults. */
  origin: 'probe' | 'static' | 'defaults';
  /** Why static reading had to guess (a computed value): the project's patterns were widened. */
  widened?: string;
}

/** What a runner needs to run files: its executable, where it starts, and the arguments around the files. */
export interface CommandInput {
  /** Absolute path of the runner's executable (node itself for `node`). */
  bin: string;
  /** Absolute working directory. */
  cwd: string;
  nodeFlags: string[];
  extraArgs: string[];
  /** The files to run as arguments relative to `cwd`; empty for the runner's own full run. */
  files: string[];
  /** The same files, absolute. */
  absoluteFiles: string[];
}

/** What a package's manifest says, as far as runners care. */
export interface RunnerManifest {
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  jest?: unknown;
  mocha?: unknown;
}

/** Where static reading gets its files: repository-relative paths, read once per run. */
export interface ConfigSource {
  /** Absolute repository root. */
  root: string;
  /** Every scanned file of the repository, for globs of config files and the check that a setup file exists. */
  files: ReadonlySet<string>;
  /** The text of a repository file, or undefined when it cannot be read. */
  read: (file: string) => string | undefined;
  /**
   * The git blob hash of a file's content when git vouches for it without the file being read (a clean index entry, a
   * commit's tree), else undefined: kept readings tell an unchanged file by it.
   */
  blobHash?: (file: string) => string | undefined;
}

/**
 * One test runner, in one place (the way knip keeps one plugin per tool): how it is detected, which config files
 * it owns, its defaults, how a config becomes projects, and the commands that run it. Nothing outside
 * `src/runners/` knows a runner's quirks.
 */
export interface RunnerAdapter {
  name: RunnerName;
  /** The executable in node_modules/.bin and the package that installs it; absent for node, which runs itself. */
  bin?: { name: string; install: string };
  /** Where a test script names this runner (the offset of the word), or undefined. */
  inScript: (script: string) => number | undefined;
  /** The config key that holds its test patterns, for messages (`include`, `testMatch`, `spec`). */
  testPatternsKey: string;
  /** Manifest dependencies whose presence means the runner is in use. */
  dependencies: string[];
  /** Whether a config file name (a basename) is one this runner reads. */
  ownsConfig: (name: string) => boolean;
  /**
   * The config a directory's listing and manifest name for this runner, for detection (`vite.config.ts` only counts
   * with vitest installed, `package.json "jest"` counts for jest), or undefined.
   */
  configIn: (names: readonly string[], manifest: RunnerManifest | undefined) => string | undefined;
  /** Playwright runs beside a unit runner: only chosen when no other runner is found. */
  secondary?: boolean;
  /** The projects a directory's package gets with no config at all: the runner's defaults anchored there. */
  defaults: (source: ConfigSource, dir: string) => RunnerProject;
  /**
   * Static reading: the projects a config file defines, read from its syntax tree and the runner's defaults
   * (never executed). A value it cannot read widens the project and says why in `widened`.
   */
  readConfig?: (source: ConfigSource, configFile: string) => RunnerProject[];
  /**
   * Asking the installed runner: the projects as the runner itself resolves them. Filled in by the probe; when absent
   * or when it fails (and with `--no-probe`), static reading is used.
   */
  probe?: (root: string, configFile: string) => Promise<RunnerProject[]>;
  /** The command for the given files, or for the runner's own full run when there are none. */
  command: (input: CommandInput) => string[];
}
