// Where one pipeline run's time went, stage by stage: each stage is the time from the end of the one before to its own end.
import { performance } from 'node:perf_hooks';

/**
 * Milliseconds per stage of `analyze`, in pipeline order; they add up to the whole. Stages that run beside another
 * count only their wait: the scan and the diff overlap, and the runners are asked while the graph extracts imports
 * (the graph waits for their aliases only before it resolves).
 */
export interface PipelineTimings {
  /** Finding and reading impacted's config. */
  config: number;
  /** Listing the repository's files (git), waited for. */
  scan: number;
  /** Asking the installed runners, or finding their answers in the probe cache: what the graph waited for. */
  probe: number;
  /**
   * The rest of the probe's time, which passed during the graph (not in the sum: the runners are child processes, and
   * what the probe did on this thread meanwhile counts in the graph's time).
   */
  probeBeside?: number;
  /** Reading the runner configs and workspace packages, as far as the graph waited for it. */
  runnerConfigs: number;
  /** Building the import graph (its own stages are in the graph's stats). */
  graph: number;
  /** The git diff against the base, waited for. */
  diff: number;
  /** Which files are tests, for which runner projects: what was left of finding them after the graph (found during it). */
  tests: number;
  /** Setup edges, the rules and the selection. */
  select: number;
}

type Stage = Exclude<keyof PipelineTimings, 'probeBeside'>;

/** When the probe started, when the runners had answered, and when their projects were read (`performance.now()`). */
export interface ProbeSpan {
  started: number;
  answered: number;
  ready: number;
}

/** Marks a probe's span: `answered()` once the runners answered, `ready()` once the projects are read. */
export function probeClock(): { answered: () => void; ready: () => void; span: () => ProbeSpan } {
  const started = performance.now();
  let answered: number | undefined;
  let ready = started;
  return {
    answered: () => void (answered ??= performance.now()),
    ready: () => void (ready = performance.now()),
    span: () => ({ started, answered: Math.min(answered ?? ready, ready), ready }),
  };
}

/**
 * A clock whose `lap(stage)` charges the time since the last lap to `stage`; `waited` moves the part of the graph's
 * lap it spent waiting for the probe (its last `waitedMs`, ending when the projects were ready) to the probe's stages.
 */
export function pipelineClock(): {
  lap: (stage: Stage) => void;
  waited: (span: ProbeSpan, waitedMs: number) => void;
  timings: PipelineTimings;
  total: () => number;
} {
  const started = performance.now();
  let last = started;
  const timings: PipelineTimings = { config: 0, scan: 0, probe: 0, runnerConfigs: 0, graph: 0, diff: 0, tests: 0, select: 0 };
  return {
    lap(stage) {
      const now = performance.now();
      timings[stage] += Math.round(now - last);
      last = now;
    },
    waited(span, waitedMs) {
      const waitStart = span.ready - waitedMs;
      const probe = Math.round(Math.min(waitedMs, Math.max(0, span.answered - waitStart)));
      const configs = Math.round(waitedMs) - probe;
      timings.graph -= probe + configs;
      timings.probe += probe;
      timings.runnerConfigs += configs;
      timings.probeBeside = Math.max(0, Math.round(span.answered - span.started) - probe);
    },
    timings,
    total: () => Math.round(last - started),
  };
}
