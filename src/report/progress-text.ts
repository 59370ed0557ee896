// Progress on stderr for the CLI: a self-rewriting line on a TTY once work takes over a second, and --verbose timings.
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
  /** `graph.stats.ms`. */
  graphMs: number;
  /** `selection.stats.ms`, which includes the graph; absent for `graph`, which selects nothing and reads no git diff. */
  selectionMs?: number;
  files: number;
  edges: number;
  /** The graph's own stages, when the graph reports them. */
  graphStages?: { scan: number; extract: number; resolve: number };
  /** Describing the setup for the no-config note. */
  detectMs?: number;
  /** The runners' time, for `run`. */
  runMs?: number;
}

function graphDetail({ graphStages: stages, files, edges }: StageTimings): string {
  const counts = `${files} files, ${edges} edges`;
  return stages ? `scan ${stages.scan} ms, extract ${stages.extract} ms, resolve ${stages.resolve} ms; ${counts}` : counts;
}

/** `--verbose`: where the time went. Config and git are what remains of the total before the graph. */
export function timingsText(timings: StageTimings): string {
  const { selectionMs } = timings;
  const before = Math.max(0, timings.totalMs - (selectionMs ?? timings.graphMs) - (timings.detectMs ?? 0) - (timings.runMs ?? 0));
  const parts = [
    `${selectionMs === undefined ? 'config' : 'config and git'} ${before} ms`,
    `graph ${timings.graphMs} ms (${graphDetail(timings)})`,
    ...(selectionMs === undefined ? [] : [`select ${Math.max(0, selectionMs - timings.graphMs)} ms`]),
    ...(timings.detectMs ? [`setup detection ${timings.detectMs} ms`] : []),
    ...(timings.runMs === undefined ? [] : [`run ${timings.runMs} ms`]),
    `total ${timings.totalMs} ms`,
  ];
  return `impacted: timings: ${parts.join(', ')}`;
}
