// Types for git-index.mjs, so tests can import it.

export declare function refreshIndex(dir: string): { beforeMs: number; afterMs: number };
