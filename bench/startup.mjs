// `npm run bench:startup`: what the CLI costs before its pipeline starts: node alone, `--version`, and a `list` that
// loads the pipeline's modules and stops at once, from the bundle (bin/impacted.js) and from tsc's unbundled build.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { median } from './peers/compare.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' } } });
const runs = Number(values.runs);
const scratch = mkdtempSync(path.join(os.tmpdir(), 'impacted-bench-startup-'));
const cpuFile = path.join(scratch, 'cpu');
// Preloaded into every run (all alike): the process's own CPU time at exit. A CommonJS preload, the cheapest kind.
const reporter = path.join(scratch, 'report-cpu.cjs');
writeFileSync(reporter, `process.on('exit', () => { const { user, system } = process.cpuUsage(); require('node:fs').writeFileSync(${JSON.stringify(cpuFile)}, String((user + system) / 1000)); });\n`);

// `--cwd` a path that does not exist: the command loads what a list loads before it starts (commander, the pipeline
// modules it imports up front), then stops with exit 2 when it looks for the repository. No git process starts.
const missing = path.join(scratch, 'missing');
const unbundled = `import(${JSON.stringify(pathToFileURL(path.join(root, 'dist/cli.js')).href)}).then(async (cli) => { process.exitCode = await cli.main(process.argv.slice(1)); })`;
const bin = path.join(root, 'bin/impacted.js');
const rows = [
  { label: 'node -e 0', args: ['-e', '0'], code: 0 },
  { label: 'impacted --version (bundle)', args: [bin, '--version'], code: 0 },
  { label: 'list up to the pipeline (bundle)', args: [bin, 'list', '--cwd', missing], code: 2 },
  { label: 'list up to the pipeline (dist/cli.js, unbundled)', args: ['-e', unbundled, 'list', '--cwd', missing], code: 2 },
].map((row) => ({ ...row, wall: /** @type {number[]} */ ([]), cpu: /** @type {number[]} */ ([]) }));

const loadBefore = os.loadavg()[0];
try {
  // Alternating, and in reverse order every other round, so that a change of load weighs on every row alike.
  for (let round = 0; round < runs; round++) {
    for (const row of round % 2 === 0 ? rows : [...rows].reverse()) {
      const started = performance.now();
      const result = spawnSync(process.execPath, ['--require', reporter, ...row.args], { cwd: scratch, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      row.wall.push(performance.now() - started);
      if (result.status !== row.code) throw new Error(`${row.label}: exit ${result.status}, expected ${row.code}: ${result.stderr}`);
      row.cpu.push(Number(readFileSync(cpuFile, 'utf8')));
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
const loadAfter = os.loadavg()[0];

const [alone] = rows;
console.log(`node ${process.version}, ${runs} alternating rounds, load average ${loadBefore.toFixed(1)} -> ${loadAfter.toFixed(1)}\n`);
console.log('| command | median wall | median CPU | over node alone (wall, CPU) |');
console.log('| --- | ---: | ---: | ---: |');
for (const row of rows) {
  const wall = median(row.wall);
  const cpu = median(row.cpu);
  const over = row === alone ? '' : `+${Math.round(wall - median(alone.wall))} ms, +${Math.round(cpu - median(alone.cpu))} ms`;
  console.log(`| ${row.label} | ${Math.round(wall)} ms | ${Math.round(cpu)} ms | ${over} |`);
}
