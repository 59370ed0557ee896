// Types for context.mjs, so tests can import it (what they use of a context).
import type { RepoMeta } from '../generate-repo.mjs';

export interface BenchContext {
  repo: string;
  meta: RepoMeta;
  scratch: string;
}

export declare function createContext(meta: RepoMeta, timeoutMs: number): BenchContext;
