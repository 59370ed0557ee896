// Progress on stderr for the CLI: a self-rewriting line on a TTY once work takes over a second, and --verbose timings.
import type { PipelineTimings } from '../pipeline-timings.js';
import type { ProgressEvent, ProgressListener } from '../types.js';

export interface ProgressPrinterOptions {
  write: (text: string) => void;
  /** Only a terminal gets the progress line: piped or CI logs would fill with carriage returns. */
  isTTY: boolean;
  quiet: boolean;
  /** Wall clock in ms; injectable so tests need no sleeps. */
  now?: () => number;
  /** Nothing is drawn before this many ms (default 1000): fast runs stay silent. */
  delayMs?: number;
  /** At most one redraw per this many ms (default 100). */
  intervalMs?: number;
}

export interface ProgressPrinter {
  onProgress: ProgressListener;
  /** Erases the progress line, if one was drawn. */
  finish: () => void;
  /** Milliseconds since the printer was created. */
  elapsed: () => number;
}

const stageText: Record<ProgressEvent['stage'], string> = {
  scan: 'files scanned',
  extract: 'files read',
  resolve: 'files resolved',
  select: 'tests checked',
  run: 'tests run',
};

function progressLine(event: ProgressEvent): string {
  const count = event.total === undefined ? `${event.done}` : `${event.done}/${event.total}`;
  return `impacted: ${count} ${stageText[event.stage]}`;
}

export function createProgressPrinter(options: ProgressPrinterOptions): ProgressPrinter {
  const now = options.now ?? (() => performance.now());
  const delayMs = options.delayMs ?? 1000;
  const intervalMs = options.intervalMs ?? 100;
  const started = now();
  const enabled = options.isTTY && !options.quiet;
  let drawn = false;
  let lastDraw = -Infinity;
  return {
    onProgress(event) {
      if (!enabled) return;
      const at = now();
      if (at - started < delayMs || at - lastDraw < intervalMs) return;
      lastDraw = at;
      drawn = true;
      options.write(`\r\u001B[K${progressLine(event)}`);
    },
    finish() {
      if (drawn) options.write('\r\u001B[K');
      drawn = false;
    },
    elapsed: () => Math.round(now() - started),
  };
}

export interface StageTimings {
  /** The whole command so far. */
  totalMs: number;
  /** Before the command's own work: node's start, loading impacted's modules, reading the arguments. */
  startupMs?: number;
  /** `analyze`'s stages, for commands that select (absent for `graph`, which selects nothing and reads no git diff). */
  pipeline?: PipelineTimings;
  /** `graph.stats.ms`, less the graph's wait for the runners' aliases (in a pipeline, the probe's time). */
  graphMs: number;
  files: number;
  edges: number;
  /** The graph's own stages, when the graph reports them. */
  graphStages?: { scan: number; extract: number; resolve: number };
  /** Files whose imports a second thread read (during the graph's extract stage). */
  extractedBeside?: number;
  /** Describing the setup for the no-config note. */
  detectMs?: number;
  /** The runners' time, for `run`. */
  runMs?: number;
}

function graphDetail({ graphStages: stages, files, edges, extractedBeside }: StageTimings): string {
  const counts = `${files} files, ${edges} edges`;
  const beside = extractedBeside ? ` (${extractedBeside} files on a second thread)` : '';
  return stages ? `scan ${stages.scan} ms, extract ${stages.extract} ms${beside}, resolve ${stages.resolve} ms; ${counts}` : counts;
}

/** `--verbose`: where the time went, stage by stage; what no stage accounts for is `other`. */
export function timingsText(timings: StageTimings): string {
  const { pipeline } = timings;
  const graph = `graph ${timings.graphMs} ms (${graphDetail(timings)})`;
  // The probe's time during the graph is in the graph's (the runners are child processes): it is shown, not summed.
  const probe = pipeline?.probeBeside ? `runner probe ${pipeline.probe} ms (+${pipeline.probeBeside} ms during the graph)` : undefined;
  const stages: [string, number][] = pipeline
    ? [
        ['config', pipeline.config],
        ['scan', pipeline.scan],
        [probe ?? 'runner probe', pipeline.probe],
        ['runner configs', pipeline.runnerConfigs],
        [graph, pipeline.graph],
        ['git diff', pipeline.diff],
        ['tests', pipeline.tests],
        ['select', pipeline.select],
      ]
    : [[graph, timings.graphMs]];
  const timed: [string, number | undefined][] = [['start-up', timings.startupMs], ...stages, ['setup detection', timings.detectMs || undefined], ['run', timings.runMs]];
  const accounted = timed.reduce((sum, [, ms]) => sum + (ms ?? 0), 0);
  const parts = timed.flatMap(([label, ms]) => (ms === undefined ? [] : [label === graph || label === probe ? label : `${label} ${ms} ms`]));
  const other = timings.totalMs - accounted;
  if (other > 0) parts.push(`other ${other} ms`);
  return `impacted: timings: ${[...parts, `total ${timings.totalMs} ms`].join(', ')}`;
}
