// `npm run bench:extract -- [--repo <dir>] [--runs N]`: how long extractImports takes over every code file of a
// repository (default the generated 10k one), the contents read first: the first pass (what a cold run pays, before
// the JIT warms up) and the median of the later ones, wall and CPU milliseconds, and µs per file.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({ options: { repo: { type: 'string' }, runs: { type: 'string', default: '5' }, 'check-jsx': { type: 'boolean', default: false } } });
const repo = path.resolve(values.repo ?? path.join(benchDir, '.repos', '10k'));
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) {
  console.error('bench:extract: --runs takes a whole number');
  process.exit(2);
}
const { extractImports } = await import(path.join(benchDir, '..', 'dist', 'graph', 'extract-imports.js'));
const { codeExtensions } = await import(path.join(benchDir, '..', 'dist', 'graph', 'build-graph.js'));

const listed = execFileSync('git', ['ls-files', '-z'], { cwd: repo, maxBuffer: 1 << 30 }).toString().split('\0');
/** @type {[string, string][]} */
const sources = [];
for (const file of listed) {
  if (!codeExtensions.test(file)) continue;
  try {
    sources.push([file, readFileSync(path.join(repo, file), 'utf8')]);
  } catch {
    // Not on disk (a sparse checkout): not read by impacted either.
  }
}

/** What an extraction found, as one text to compare. */
function describe(/** @type {import('../dist/graph/extract-imports.js').ExtractResult} */ result) {
  return JSON.stringify([result.imports, result.assets, result.globs ?? [], result.error ?? null]);
}

if (values['check-jsx']) {
  // Every .jsx/.tsx file read as a cold run reads it (the lexer, oxc-parser where the lexer cannot or may have misread
  // it) and by oxc-parser alone: the same imports, assets, globs and errors, or the file is named.
  const { parsedFiles } = await import(path.join(benchDir, '..', 'dist', 'graph', 'parse-isolated.js'));
  const jsx = sources.filter(([file]) => /\.[jt]sx$/i.test(file));
  let differ = 0;
  let parsed = 0;
  for (const [file, source] of jsx) {
    const before = parsedFiles();
    const cheap = describe(extractImports(source, file));
    parsed += parsedFiles() - before;
    const parser = describe(extractImports(source, file, { jsxWithParser: true }));
    // oxc is not given sources over its length limit; the lexer reads them.
    if (cheap !== parser && !parser.endsWith(`K characters: not parsed"]`)) {
      differ++;
      console.log(`differs: ${file}\n  as read: ${cheap}\n  by oxc:  ${parser}`);
    }
  }
  console.log(`${jsx.length} .jsx/.tsx files in ${repo}: ${parsed} read by oxc-parser, ${differ} read differently from oxc-parser alone`);
  process.exit(differ === 0 ? 0 : 1);
}

/** @returns {{ wall: number, cpu: number }} */
function pass() {
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (const [file, source] of sources) extractImports(source, file);
  const used = process.cpuUsage(cpu);
  return { wall: performance.now() - started, cpu: (used.user + used.system) / 1000 };
}

const median = (/** @type {number[]} */ list) => [...list].sort((a, b) => a - b)[list.length >> 1];
const first = pass();
const later = Array.from({ length: runs }, pass);
const perFile = (/** @type {number} */ ms) => ((ms * 1000) / sources.length).toFixed(1);
const wall = median(later.map((run) => run.wall));
const cpu = median(later.map((run) => run.cpu));
console.log(`${sources.length} code files in ${repo}`);
console.log(`first pass: ${first.wall.toFixed(0)} ms wall, ${first.cpu.toFixed(0)} ms CPU (${perFile(first.wall)} µs/file)`);
console.log(`later passes (median of ${runs}): ${wall.toFixed(0)} ms wall, ${cpu.toFixed(0)} ms CPU (${perFile(wall)} µs/file)`);
// oxc-parser's worker keeps no handle open, but the lexer's and oxc's modules may.
process.exit(0);
