// Types for report.mjs, so tests can import it.

export interface ProcessCount {
  git: string[];
  node: string[];
}

export interface Row {
  id: string;
  label: string;
  command: string;
  config: string;
  status: 'ok' | 'timeout' | 'failed';
  error?: string;
  runs: number;
  ms: number;
  msPerRun: number[];
  rssMb?: number;
  reportedMs?: number;
  selected: string[];
  ratio?: number;
  vsFloor?: number;
  processes?: ProcessCount;
}

export interface Target {
  name: string;
  met: boolean;
  actual: string;
}

export declare const probeTolerance: number;
export declare function markdownTable(rows: readonly Row[], affected?: number): string;
export declare function scalingTable(sizes: readonly { key: string; files: number; rows: readonly Row[] }[]): { table: string; targets: Target[] };
export declare function checkTargets(files: number | 'real', rows: readonly Row[]): Target[];
