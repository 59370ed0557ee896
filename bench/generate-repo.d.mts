// Types for generate-repo.mjs, so TypeScript benchmarks and tests can import it.

export declare const generatorVersion: number;

export interface GenerateOptions {
  /** Where the repository goes; must not exist or be empty. */
  dir: string;
  /** How many files the repository gets (exactly, root files included). */
  files: number;
  /** Workspace packages (default: about files / 100). */
  packages?: number;
  /** Same seed, same bytes and the same commit hashes (default 1). */
  seed?: string | number;
}

export interface RepoMeta {
  generatorVersion: number;
  /** Absolute path of the repository. */
  dir: string;
  seed: string | number;
  /** The `files` asked for. */
  requested: number;
  /** Files in the commit on `main`. */
  files: number;
  packages: number;
  /** How many of the packages live under `apps/`. */
  apps: number;
  tests: number;
  /** TypeScript source files under `src/` (modules and barrels). */
  sources: number;
  base: 'main';
  /** Checked out after generation. */
  head: 'feature';
  /** Repository-relative files `feature` changes: a leaf module, a mid-level module, a test. */
  changed: string[];
  /**
   * The tests a correct selection picks for that change (sorted): those that reach a changed file
   * through any import, re-export, type-only import, dynamic import, `vi.mock` or asset URL.
   */
  affected: string[];
  ms: number;
}

/** Writes the repository and its history, and the returned description to `<dir>.meta.json`. */
export declare function generateRepo(options: GenerateOptions): RepoMeta;

/** Reuses `<dir>` when its meta file matches the options and generator version; regenerates otherwise. */
export declare function ensureRepo(options: GenerateOptions): RepoMeta;

/** `bench/.repos/<size>` (`1k`, `10k`, ...). */
export declare function defaultRepoDir(files: number): string;
