// Types for jest.mjs, so tests can import it.
import type { BenchContext } from './context.mjs';

export interface JestPeer {
  id: string;
  invocation: () => { file: string; args: string[]; cwd: string; env?: Record<string, string> };
  selected: (stdout: string) => string[];
}

export declare function jestRelated(context: BenchContext, state: 'cold' | 'warm'): JestPeer;
