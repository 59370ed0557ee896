// The bench's targets are issue 17's, checked on the medians it measured; the probe target needs a process count.
import { describe, expect, it } from 'vitest';
import { checkTargets, type Row, scalingTable } from '../../bench/peers/report.mjs';

function row(id: string, ms: number, extra: Partial<Row> = {}): Row {
  return { id, label: id, command: '', config: '', status: 'ok', runs: 5, ms, msPerRun: [ms], selected: [], ...extra };
}

const quiet = { git: ['rev-parse --show-toplevel', 'ls-files -s -v -z'], node: [] };

describe('checkTargets', () => {
  it('checks the 10k targets: cold within 5x the I/O floor, warm at most 0.25 s, and the probe', () => {
    const targets = checkTargets(10_000, [
      row('io-floor', 120),
      row('impacted-cold', 590),
      row('impacted-warm', 260, { processes: quiet }),
      row('impacted-warm-no-probe', 250),
      row('jest-cold', 1800),
    ]);
    expect(targets.map(({ name, met }) => [name, met])).toEqual([
      ['impacted cold ≤ 5× the I/O floor', true],
      ['impacted warm ≤ 0.25 s', false],
      ['the runner probe adds nothing to a warm run (no runner process; within 1.1× of --no-probe)', true],
    ]);
  });

  it('checks the 100k targets, with the peak RSS of the cold and warm runs', () => {
    const targets = checkTargets(100_000, [row('io-floor', 1000), row('impacted-cold', 4900, { rssMb: 520 }), row('impacted-warm', 1100, { rssMb: 300 })]);
    expect(targets.map(({ name, met, actual }) => [name, met, actual])).toEqual([
      ['impacted cold ≤ 5 s', true, '4.90 s'],
      ['impacted warm ≤ 1 s', false, '1.10 s'],
      ['impacted peak RSS ≤ 500 MB', false, '520 MB'],
    ]);
  });

  it('compares a real repository with jest: cold faster, warm at least 3x faster; a runner started by a warm run misses the probe target', () => {
    const targets = checkTargets('real', [
      row('impacted-cold', 2000),
      row('impacted-warm', 400, { processes: { git: [], node: ['jest.js --showConfig'] } }),
      row('impacted-warm-no-probe', 390),
      row('jest-cold', 2500),
      row('jest-warm', 1400),
    ]);
    expect(targets.map(({ name, met }) => [name, met])).toEqual([
      ["cold faster than jest's related-tests listing (cold)", true],
      ["warm ≥ 3× faster than jest's related-tests listing (warm)", true],
      ['the runner probe adds nothing to a warm run (no runner process; within 1.1× of --no-probe)', false],
    ]);
    expect(targets[2]?.actual).toContain('1 runner processes (jest.js --showConfig)');
  });

  it('misses the probe target when the warm run is slower than its --no-probe twin beyond the tolerance', () => {
    const [target] = checkTargets(1000, [row('impacted-cold', 900), row('impacted-warm', 500, { processes: quiet }), row('impacted-warm-no-probe', 400)]);
    expect(target).toMatchObject({ met: false, actual: '0 runner processes, 2 git; 0.50 s vs 0.40 s with --no-probe: 1.25×' });
  });
});

function size(files: number, cold: number, warm: number) {
  return { key: `${files / 1000}k`, files, rows: [row('io-floor', files / 100), row('impacted-cold', cold), row('impacted-warm', warm)] };
}

describe('scalingTable', () => {

  it('checks the per-file cost from 10k to 50k against 50k to 100k, whatever other sizes were run', () => {
    const { table, targets } = scalingTable([size(1000, 300, 200), size(10_000, 1000, 400), size(50_000, 5000, 1500), size(100_000, 11_000, 2800)]);
    expect(table.split('\n')).toHaveLength(6);
    expect(targets).toEqual([
      { name: 'cold cost per file grows no faster from 50k to 100k than from 10k to 50k', met: false, actual: '×1.00 then ×1.10' },
      // It fell less from 50k to 100k than before, but it did not grow.
      { name: 'warm cost per file grows no faster from 50k to 100k than from 10k to 50k', met: true, actual: '×0.75 then ×0.93' },
    ]);
    const steeper = scalingTable([size(10_000, 1000, 400), size(50_000, 5500, 2200), size(100_000, 13_000, 4000)]).targets;
    expect(steeper.map(({ met, actual }) => [met, actual])).toEqual([
      [false, '×1.10 then ×1.18'],
      [true, '×1.10 then ×0.91'],
    ]);
  });

  it('has no target without the three sizes', () => {
    expect(scalingTable([size(1000, 300, 200), size(10_000, 1000, 400)]).targets).toEqual([]);
  });
});
