// Where one pipeline run's time went, stage by stage: each stage is the time from the end of the one before to its own end.
import { performance } from 'node:perf_hooks';

/** Milliseconds per stage of `analyze`, in pipeline order (the scan and the diff overlap: each counts only its wait). */
export interface PipelineTimings {
  /** Finding and reading impacted's config. */
  config: number;
  /** Listing the repository's files (git), waited for. */
  scan: number;
  /** Asking the installed runners, or finding their answers in the probe cache. */
  probe: number;
  /** Reading the runner configs and workspace packages. */
  runnerConfigs: number;
  /** Building the import graph (its own stages are in the graph's stats). */
  graph: number;
  /** The git diff against the base, waited for. */
  diff: number;
  /** Which files are tests, for which runner projects. */
  tests: number;
  /** Setup edges, the rules and the selection. */
  select: number;
}

/** A clock whose `lap(stage)` charges the time since the last lap to `stage`. */
export function pipelineClock(): { lap: (stage: keyof PipelineTimings) => void; timings: PipelineTimings; total: () => number } {
  const started = performance.now();
  let last = started;
  const timings: PipelineTimings = { config: 0, scan: 0, probe: 0, runnerConfigs: 0, graph: 0, diff: 0, tests: 0, select: 0 };
  return {
    lap(stage) {
      const now = performance.now();
      timings[stage] += Math.round(now - last);
      last = now;
    },
    timings,
    total: () => Math.round(last - started),
  };
}
