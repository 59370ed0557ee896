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
