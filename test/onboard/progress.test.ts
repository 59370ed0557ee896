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
  it('splits the total into config and git, graph, select and run', () => {
    expect(timingsText({ totalMs: 900, graphMs: 300, selectionMs: 320, files: 48, edges: 31, detectMs: 30, runMs: 500 })).toBe(
      'impacted: timings: config and git 50 ms, graph 300 ms (48 files, 31 edges), select 20 ms, setup detection 30 ms, run 500 ms, total 900 ms',
    );
    expect(timingsText({ totalMs: 400, graphMs: 300, selectionMs: 320, files: 48, edges: 31 })).toBe(
      'impacted: timings: config and git 80 ms, graph 300 ms (48 files, 31 edges), select 20 ms, total 400 ms',
    );
    expect(timingsText({ totalMs: 400, graphMs: 300, selectionMs: 320, files: 48, edges: 31, graphStages: { scan: 40, extract: 200, resolve: 60 } })).toBe(
      'impacted: timings: config and git 80 ms, graph 300 ms (scan 40 ms, extract 200 ms, resolve 60 ms; 48 files, 31 edges), select 20 ms, total 400 ms',
    );
  });
});
