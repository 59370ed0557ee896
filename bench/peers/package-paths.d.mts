// Types for package-paths.mjs, so tests can import it.

export interface PathsScope {
  dir: string;
  paths: { key: string; targets: string[] }[];
}

export declare function packagePaths(repo: string, dirs: readonly string[]): PathsScope[];
