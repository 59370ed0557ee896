// What every runner probe takes and returns.
import type { RunnerProject } from '../types.js';

export interface ProbeRequest {
  /** Absolute repository root. */
  root: string;
  /** Repository-relative config file; `''` when the runner's defaults apply. */
  configFile: string;
  /** Repository-relative directory the runner runs in (default: the config's directory). */
  cwd?: string;
  timeoutMs?: number;
}

export type ProbeOutcome =
  | { ok: true; version: string; projects: RunnerProject[] }
  /** Why the runner could not be asked: static reading takes over and says so. */
  | { ok: false; reason: string };

/** A runner's own listing of its test files (repository-relative), with the projects it resolved on the way. */
export type ListOutcome = { ok: true; version: string; projects: RunnerProject[]; files: string[] } | { ok: false; reason: string };

/** What a runner's adapter offers to ask it: its probe and its own listing. */
export interface RunnerProbe {
  probe: (request: ProbeRequest) => Promise<ProbeOutcome>;
  /**
   * Several configs of one installed runner in one process, each answered as its own process would answer it; a
   * config it did not answer, or could not load there, is asked on its own.
   */
  probeMany?: (requests: readonly ProbeRequest[]) => Promise<ProbeOutcome[]>;
  list: (request: ProbeRequest) => Promise<ListOutcome>;
}
