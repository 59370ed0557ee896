// The CLI's progress line: only on a TTY, only after a second, throttled, erased at the end; and --verbose timings.
import { describe, expect, it } from 'vitest';
import { createProgressPrinter, timingsText } from '../../src/report/progress-text.js';

function setup(options: { isTTY: boolean; quiet?: boolean }) {
  let clock = 0;
  const written: string[] = [];
  const printer = createProgressPrinter({ write: (text) => written.push(text), isTTY: options.isTTY, quiet: options.quiet ?? false, now: () => clock });
  return { printer, written, advance: (ms: number) => (clock += ms) };
}

describe('progress printer', () => {
  it('on a TTY: silent for the first second, then one throttled line, erased by finish', () => {
    const { printer, written, advance } = setup({ isTTY: true });
    printer.onProgress({ stage: 'scan', done: 1200, total: 1200 });
    advance(999);
    printer.onProgress({ stage: 'extract', done: 500, total: 1000 });
    expect(written).toEqual([]);
    advance(1);
    printer.onProgress({ stage: 'extract', done: 600, total: 1000 });
    advance(50);
    printer.onProgress({ stage: 'extract', done: 700, total: 1000 });
    advance(100);
    printer.onProgress({ stage: 'extract', done: 1000, total: 1000 });
    printer.finish();
    expect(written).toEqual(['\r\u001B[Kimpacted: 600/1000 files read', '\r\u001B[Kimpacted: 1000/1000 files read', '\r\u001B[K']);
    expect(printer.elapsed()).toBe(1150);
  });

  it('prints nothing when stderr is not a TTY, or with --quiet', () => {
    for (const options of [{ isTTY: false }, { isTTY: true, quiet: true }]) {
      const { printer, written, advance } = setup(options);
      advance(5000);
      printer.onProgress({ stage: 'extract', done: 500, total: 1000 });
      printer.finish();
      expect(written).toEqual([]);
    }
  });

  it('finish erases nothing when nothing was drawn', () => {
    const { printer, written } = setup({ isTTY: true });
    printer.onProgress({ stage: 'scan', done: 3 });
    printer.finish();
    expect(written).toEqual([]);
  });
});

describe('--verbose timings', () => {
  const pipeline = { config: 2, scan: 40, probe: 5, runnerConfigs: 8, graph: 300, diff: 0, tests: 20, select: 25 };
  it('splits the total into start-up, each pipeline stage, setup detection and run; the rest is other', () => {
    expect(timingsText({ totalMs: 1000, startupMs: 90, pipeline, graphMs: 298, files: 48, edges: 31, detectMs: 30, runMs: 400 })).toBe(
      'impacted: timings: start-up 90 ms, config 2 ms, scan 40 ms, runner probe 5 ms, runner configs 8 ms, graph 298 ms (48 files, 31 edges), git diff 0 ms, tests 20 ms, select 25 ms, setup detection 30 ms, run 400 ms, other 80 ms, total 1000 ms',
    );
  });
  it("shows the graph's own stages, and no other when the stages add up", () => {
    expect(timingsText({ totalMs: 490, startupMs: 90, pipeline, graphMs: 300, files: 48, edges: 31, graphStages: { scan: 40, extract: 200, resolve: 60 } })).toBe(
      'impacted: timings: start-up 90 ms, config 2 ms, scan 40 ms, runner probe 5 ms, runner configs 8 ms, graph 300 ms (scan 40 ms, extract 200 ms, resolve 60 ms; 48 files, 31 edges), git diff 0 ms, tests 20 ms, select 25 ms, total 490 ms',
    );
  });
  it('sums what the graph waited for the runners as the probe, and shows the rest of the probe, which ran during the graph, beside it', () => {
    expect(timingsText({ totalMs: 490, startupMs: 90, pipeline: { ...pipeline, probeBeside: 700 }, graphMs: 300, files: 48, edges: 31 })).toBe(
      'impacted: timings: start-up 90 ms, config 2 ms, scan 40 ms, runner probe 5 ms (+700 ms during the graph), runner configs 8 ms, graph 300 ms (48 files, 31 edges), git diff 0 ms, tests 20 ms, select 25 ms, total 490 ms',
    );
  });
  it('for the graph command: start-up, the graph and the rest', () => {
    expect(timingsText({ totalMs: 400, startupMs: 80, graphMs: 300, files: 48, edges: 31 })).toBe('impacted: timings: start-up 80 ms, graph 300 ms (48 files, 31 edges), other 20 ms, total 400 ms');
  });
});
