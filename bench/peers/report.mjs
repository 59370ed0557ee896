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
 * @property {SetComparison} [vsImpacted]
 * @property {SetComparison} [vsOracle]
 * @property {Record<string, number>} [missedThrough]  the tests missed against the oracle, by the edge kind they need
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
  return row.reportedMs === undefined ? seconds(row.ms) : `${seconds(row.ms)} (${seconds(row.reportedMs)} own)`;
}

/** @param {Row} row */
function ratioCell(row) {
  if (row.id === 'impacted-cold') return '1×';
  if (row.ratio === undefined) return '';
  return `${row.status === 'timeout' ? '≥ ' : ''}${row.ratio >= 10 ? Math.round(row.ratio) : row.ratio.toFixed(1)}×`;
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
 * @param {number} affected  how many tests the oracle selects
 */
export function markdownTable(rows, affected) {
  const lines = [
    `| tool | runs | wall time | peak RSS | vs impacted cold | tests selected | vs impacted | vs oracle (${affected}) |`,
    '| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |',
  ];
  for (const row of rows) {
    const ok = row.status === 'ok';
    lines.push(
      `| ${row.label} | ${row.runs} | ${timeCell(row)} | ${row.rssMb === undefined ? '' : `${Math.round(row.rssMb)} MB`} | ${ratioCell(row)} | ` +
        `${ok ? row.selected.length : ''} | ${row.id === 'impacted-cold' ? '—' : differenceCell(row.vsImpacted)} | ${differenceCell(row.vsOracle, row.missedThrough)} |`,
    );
  }
  return lines.join('\n');
}

/**
 * The goals set for 10k and 50k files (none for other sizes). A peer that timed out is at least as slow as its timeout.
 * @param {number} files
 * @param {readonly Row[]} rows
 * @returns {Target[]}
 */
export function checkTargets(files, rows) {
  const byId = (/** @type {string} */ id) => rows.find((row) => row.id === id);
  const cold = byId('impacted-cold');
  const warm = byId('impacted-warm');
  /** @type {Target[]} */
  const targets = [];
  const atMost = (/** @type {string} */ name, /** @type {Row | undefined} */ row, /** @type {number} */ limitMs) => {
    if (row?.status === 'ok') targets.push({ name, met: row.ms <= limitMs, actual: seconds(row.ms) });
  };
  const faster = (/** @type {string} */ name, /** @type {string} */ peerId, /** @type {number} */ factor) => {
    const peer = byId(peerId);
    if (cold?.status !== 'ok' || !peer || peer.status === 'failed') return;
    const ratio = peer.ms / cold.ms;
    targets.push({ name, met: ratio >= factor, actual: `${peer.status === 'timeout' ? '≥ ' : ''}${ratio.toFixed(1)}×` });
  };
  if (files === 10_000) {
    atMost('impacted cold ≤ 2.5 s', cold, 2500);
    atMost('impacted warm ≤ 0.5 s', warm, 500);
    const rss = [cold, warm].flatMap((row) => (row?.rssMb === undefined ? [] : [row.rssMb]));
    if (rss.length > 0) targets.push({ name: 'impacted peak RSS ≤ 400 MB', met: Math.max(...rss) <= 400, actual: `${Math.round(Math.max(...rss))} MB` });
    faster('≥ 8× faster than dependency-cruiser', 'dependency-cruiser', 8);
    faster("≥ 5× faster than jest's related-tests listing (cold)", 'jest-cold', 5);
  }
  if (files === 50_000) {
    atMost('impacted cold ≤ 12 s', cold, 12_000);
    atMost('impacted warm ≤ 2 s', warm, 2000);
  }
  return targets;
}
