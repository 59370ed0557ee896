// `npm run bench:graph`: how fast buildGraph reads a generated monorepo without its cache (files/s, edges, ms, peak RSS).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultRepoDir, ensureRepo } from './generate-repo.mjs';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const child = path.join(benchDir, 'peers', 'build-graph-once.mjs');

/**
 * A usage error: one line, no stack trace.
 * @param {string} message
 * @returns {never}
 */
function fail(message) {
  console.error(`bench:graph: ${message}`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    files: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '3' },
  },
});
const files = Number(values.files);
const runs = Number(values.runs);
if (!Number.isInteger(files) || !Number.isInteger(runs) || runs < 1) fail('--files and --runs take whole numbers');
if (!existsSync(path.join(benchDir, '..', 'dist', 'index.js'))) fail('dist/ is missing: run npm run build first');

const meta = ensureRepo({ dir: defaultRepoDir(files), files });
console.log(`buildGraph({ cache: false }) on ${meta.dir}: ${meta.files} files, ${meta.packages} packages; ${runs} runs, each in a fresh process`);

/** @type {{ ms: number, files: number, edges: number, stages: { scan: number, extract: number, resolve: number }, maxRssMb: number }[]} */
const results = [];
for (let run = 1; run <= runs; run++) {
  // A fresh process per run: no warm JIT or module state carried over, and maxRSS is this build's alone.
  const result = JSON.parse(execFileSync(process.execPath, [child, meta.dir], { encoding: 'utf8' }));
  results.push(result);
  const { scan, extract, resolve } = result.stages;
  console.log(
    `run ${run}: ${Math.round(result.ms)} ms, ${Math.round(result.files / (result.ms / 1000))} files/s, ${result.edges} edges, ` +
      `peak RSS ${Math.round(result.maxRssMb)} MB (scan ${scan} ms, extract ${extract} ms, resolve ${resolve} ms)`,
  );
}
const sorted = results.map((result) => result.ms).sort((a, b) => a - b);
const median = /** @type {number} */ (sorted[Math.floor(sorted.length / 2)]);
const first = /** @type {(typeof results)[number]} */ (results[0]);
console.log(
  `median: ${Math.round(median)} ms, ${Math.round(first.files / (median / 1000))} files/s, ${first.edges} edges, ` +
    `peak RSS ${Math.round(Math.max(...results.map((result) => result.maxRssMb)))} MB`,
);
