// The bench's results as a README-ready markdown table, and the performance targets they meet or miss.

/** @typedef {import('./compare.mjs').SetComparison} SetComparison */

/**
 * @typedef {object} Row
 * @property {string} id
 * @property {string} label
 * @property {string} command
 * @property {string} config
 * @property {'ok' | 'timeout' | 'failed'} status
 * @property {string} [error]
 * @property {number} runs
 * @property {number} ms              median wall time of the runs (the time until it was stopped, for a timeout)
 * @property {number[]} msPerRun
 * @property {number} [rssMb]
 * @property {number} [reportedMs]    the time the tool reports for itself, when it does
 * @property {string[]} selected      repository-relative test files
 * @property {number} [ratio]         this tool's time / impacted cold's
 * @property {number} [vsFloor]       this tool's time / the I/O floor's, measured in the same run
 * @property {SetComparison} [vsImpacted]
 * @property {SetComparison} [vsOracle]
 * @property {Record<string, number>} [missedThrough]  the tests missed against the oracle, by the edge kind they need
 * @property {import('./process-count.mjs').ProcessCount} [processes]  what one more (unmeasured) run started
 *
 * @typedef {object} Target
 * @property {string} name
 * @property {boolean} met
 * @property {string} actual
 */

/** @param {number} ms */
function seconds(ms) {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 1000).toFixed(2)} s`;
}

/** @param {Row} row */
function timeCell(row) {
  if (row.status === 'timeout') return `timeout (> ${Math.round(row.ms / 1000)} s)`;
  if (row.status === 'failed') return 'failed';
  if (row.runs === 0) return '(computed)';
  return row.reportedMs === undefined ? seconds(row.ms) : `${seconds(row.ms)} (${seconds(row.reportedMs)} own)`;
}

/**
 * @param {Row} row
 * @param {number | undefined} ratio
 */
function ratioCell(row, ratio) {
  if (ratio === undefined) return '';
  return `${row.status === 'timeout' ? '≥ ' : ''}${ratio >= 10 ? Math.round(ratio) : ratio.toFixed(ratio < 1 ? 2 : 1)}×`;
}

/** How the edge kinds read in the table. */
const edgeNames = /** @type {Record<string, string>} */ ({
  mock: 'vi.mock',
  type: 'import type',
  dynamic: 'import()',
  asset: 'asset URL',
  several: 'several of these',
  other: 'resolution',
});

/**
 * @param {SetComparison | undefined} comparison
 * @param {Record<string, number>} [missedThrough]
 */
function differenceCell(comparison, missedThrough) {
  if (!comparison) return '';
  if (comparison.equal) return 'equal';
  const reasons = Object.entries(missedThrough ?? {})
    .sort((a, b) => b[1] - a[1])
    .map(([kind, count]) => `${count} via ${edgeNames[kind] ?? kind}`);
  return `${comparison.missing.length} missed${reasons.length > 0 ? ` (${reasons.join(', ')})` : ''}, ${comparison.extra.length} extra`;
}

/**
 * @param {readonly Row[]} rows
 * @param {number} [affected]  how many tests the oracle selects; no oracle column without one (a real repository)
 */
export function markdownTable(rows, affected) {
  const oracle = affected !== undefined;
  const lines = [
    `| tool | runs | median wall time | peak RSS | vs I/O floor | vs impacted cold | tests selected | vs impacted |${oracle ? ` vs oracle (${affected}) |` : ''}`,
    `| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |${oracle ? ' --- |' : ''}`,
  ];
  for (const row of rows) {
    const ok = row.status === 'ok';
    const selection = row.id === 'io-floor' ? ['', ''] : [ok ? String(row.selected.length) : '', row.id === 'impacted-cold' ? '—' : differenceCell(row.vsImpacted)];
    lines.push(
      `| ${row.label} | ${row.runs} | ${timeCell(row)} | ${row.rssMb === undefined ? '' : `${Math.round(row.rssMb)} MB`} | ${ratioCell(row, row.vsFloor)} | ${ratioCell(row, row.ratio)} | ` +
        `${selection.join(' | ')} |${oracle ? ` ${row.id === 'io-floor' ? '' : differenceCell(row.vsOracle, row.missedThrough)} |` : ''}`,
    );
  }
  return lines.join('\n');
}

/**
 * How impacted's cost grows with the repository: one line per generated size (the I/O floor, impacted cold and warm,
 * jest's cold listing, peak RSS, cost per file), and whether the cost per file grows no faster from 50k to 100k files
 * than from 10k to 50k (issue 17; or does not grow at all), when those three sizes were measured.
 * @param {readonly { key: string, files: number, rows: readonly Row[] }[]} sizes
 */
export function scalingTable(sizes) {
  const lines = [
    '| files | I/O floor | impacted cold | cold / floor | impacted warm | jest cold | jest / cold | peak RSS | cold µs per file | warm µs per file |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  const per = new Map(
    sizes.map(({ files, rows }) => {
      const ok = (/** @type {string} */ id) => {
        const row = rows.find((candidate) => candidate.id === id);
        return row?.status === 'ok' ? row : undefined;
      };
      const [floor, cold, warm] = [ok('io-floor'), ok('impacted-cold'), ok('impacted-warm')];
      const jest = rows.find((row) => row.id === 'jest-cold' && row.status !== 'failed');
      const rss = Math.max(cold?.rssMb ?? 0, warm?.rssMb ?? 0);
      lines.push(
        `| ${files.toLocaleString('en')} | ${floor ? seconds(floor.ms) : ''} | ${cold ? seconds(cold.ms) : ''} | ${cold?.vsFloor === undefined ? '' : `${cold.vsFloor.toFixed(1)}×`} | ` +
          `${warm ? seconds(warm.ms) : ''} | ${jest ? timeCell({ ...jest, reportedMs: undefined }) : ''} | ${jest ? ratioCell(jest, jest.ratio) : ''} | ` +
          `${rss ? `${Math.round(rss)} MB` : ''} | ${cold ? Math.round((cold.ms * 1000) / files) : ''} | ${warm ? Math.round((warm.ms * 1000) / files) : ''} |`,
      );
      return [files, { cold: cold && cold.ms / files, warm: warm && warm.ms / files }];
    }),
  );
  /** @type {Target[]} */
  const targets = [];
  const [a, b, c] = [per.get(10_000), per.get(50_000), per.get(100_000)];
  for (const kind of /** @type {const} */ (['cold', 'warm'])) {
    const [x, y, z] = [a?.[kind], b?.[kind], c?.[kind]];
    if (!x || !y || !z) continue;
    // A cost per file that does not grow at all from 50k to 100k is not steeper, however it fell before.
    targets.push({ name: `${kind} cost per file grows no faster from 50k to 100k than from 10k to 50k`, met: z / y <= Math.max(1, y / x), actual: `×${(y / x).toFixed(2)} then ×${(z / y).toFixed(2)}` });
  }
  return { table: lines.join('\n'), targets };
}

/** How much slower than its `--no-probe` twin a warm run may be and still add nothing: the noise of two medians. */
export const probeTolerance = 1.1;

/**
 * The targets of issue 17. At 10k files: cold ≤ 5× the I/O floor, warm ≤ 0.25 s. At 100k: cold ≤ 5 s, warm ≤ 1 s,
 * peak RSS ≤ 500 MB. On a real repository: cold faster than jest's related-tests listing (cold), warm at least 3×
 * faster than jest's warm listing. The warm targets also for a warm run answered by `impacted serve`. Everywhere: the runner probe adds nothing to a warm run (it starts no runner
 * process, and the warm median is within `probeTolerance` of the `--no-probe` warm median). A peer that timed out is
 * at least as slow as its timeout.
 * @param {number | 'real'} files
 * @param {readonly Row[]} rows
 * @returns {Target[]}
 */
export function checkTargets(files, rows) {
  const byId = (/** @type {string} */ id) => rows.find((row) => row.id === id);
  const cold = byId('impacted-cold');
  const warm = byId('impacted-warm');
  const served = byId('impacted-served');
  /** @type {Target[]} */
  const targets = [];
  const atMost = (/** @type {string} */ name, /** @type {Row | undefined} */ row, /** @type {number} */ limitMs) => {
    if (row?.status === 'ok') targets.push({ name, met: row.ms <= limitMs, actual: seconds(row.ms) });
  };
  const faster = (/** @type {string} */ name, /** @type {Row | undefined} */ ours, /** @type {string} */ peerId, /** @type {number} */ factor) => {
    const peer = byId(peerId);
    if (ours?.status !== 'ok' || !peer || peer.status === 'failed') return;
    const ratio = peer.ms / ours.ms;
    targets.push({ name, met: ratio > factor || (factor > 1 && ratio === factor), actual: `${seconds(ours.ms)} vs ${seconds(peer.ms)}: ${peer.status === 'timeout' ? '≥ ' : ''}${ratio.toFixed(2)}×` });
  };
  if (files === 10_000) {
    const floor = byId('io-floor');
    if (cold?.status === 'ok' && floor?.status === 'ok') {
      targets.push({ name: 'impacted cold ≤ 5× the I/O floor', met: cold.ms <= 5 * floor.ms, actual: `${seconds(cold.ms)} = ${(cold.ms / floor.ms).toFixed(1)}× ${seconds(floor.ms)}` });
    }
    atMost('impacted warm ≤ 0.25 s', warm, 250);
    atMost('impacted warm, impacted serve running, ≤ 0.25 s', served, 250);
  }
  if (files === 100_000) {
    atMost('impacted cold ≤ 5 s', cold, 5000);
    atMost('impacted warm ≤ 1 s', warm, 1000);
    atMost('impacted warm, impacted serve running, ≤ 1 s', served, 1000);
    const values = [cold, warm].flatMap((row) => (row?.rssMb === undefined ? [] : [row.rssMb]));
    if (values.length > 0) targets.push({ name: 'impacted peak RSS ≤ 500 MB', met: Math.max(...values) <= 500, actual: `${Math.round(Math.max(...values))} MB` });
  }
  if (files === 'real') {
    faster("cold faster than jest's related-tests listing (cold)", cold, 'jest-cold', 1);
    faster("warm ≥ 3× faster than jest's related-tests listing (warm)", warm, 'jest-warm', 3);
    faster("warm, impacted serve running, ≥ 3× faster than jest's related-tests listing (warm)", served, 'jest-warm', 3);
  }
  const unprobed = byId('impacted-warm-no-probe');
  if (warm?.status === 'ok' && unprobed?.status === 'ok') {
    const runners = warm.processes?.node ?? [];
    const ratio = warm.ms / unprobed.ms;
    targets.push({
      name: `the runner probe adds nothing to a warm run (no runner process; within ${probeTolerance}× of --no-probe)`,
      met: warm.processes !== undefined && runners.length === 0 && ratio <= probeTolerance,
      actual:
        `${warm.processes === undefined ? 'processes not counted' : `${runners.length} runner processes${runners.length > 0 ? ` (${runners.slice(0, 3).join('; ')})` : ''}, ${warm.processes.git.length} git`}; ` +
        `${seconds(warm.ms)} vs ${seconds(unprobed.ms)} with --no-probe: ${ratio.toFixed(2)}×`,
    });
  }
  return targets;
}
