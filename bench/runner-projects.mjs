// `npm run bench:runners`: how runner project reading, test matching, setup edges and probe entries grow with the
// number of files and configs, on repositories held in memory (no disk, no git): ms per 1,000 files should not grow.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { probeEntries } from '../dist/runners/probe/probe-entries.js';
import { readRunnerProjects, testsOfProjects } from '../dist/runners/read-projects.js';
import { withSetupEdges } from '../dist/runners/setup-edges.js';
import { findTests } from '../dist/select/find-tests.js';

/**
 * A usage error: one line, no stack trace.
 * @param {string} message
 * @returns {never}
 */
function fail(message) {
  console.error(`bench:runners: ${message}`);
  process.exit(2);
}

const { values } = parseArgs({ options: { packages: { type: 'string', default: '100,1000' }, runs: { type: 'string', default: '5' } } });
const sizes = values.packages.split(',').map(Number);
const runs = Number(values.runs);
if (sizes.some((n) => !Number.isInteger(n) || n < 1) || !Number.isInteger(runs) || runs < 1) fail('--packages takes whole numbers (comma-separated), --runs a whole number');

const manifest = (name, test, dev = {}) => JSON.stringify({ name, scripts: { test }, devDependencies: dev });
/** Each package's runner setup, by shape: which config files it has and what its test script runs. */
const shapes = {
  // One root vitest config for every package (the generated repositories).
  root: () => ({ files: {}, test: 'vitest run' }),
  // A vitest config in every package, with a setup file.
  'vitest per package': () => ({
    files: { 'vitest.config.ts': "import { defineConfig } from 'vitest/config';\nexport default defineConfig({ test: { include: ['test/**/*.test.ts'], setupFiles: ['./test/setup.ts'] } });\n" },
    test: 'vitest run',
  }),
  // A quarter each: vitest, jest, mocha and node:test packages.
  mixed: (at) =>
    [
      { files: { 'vitest.config.ts': "export default { test: { include: ['test/**/*.test.ts'] } };\n" }, test: 'vitest run' },
      { files: { 'jest.config.js': "module.exports = { testMatch: ['<rootDir>/test/**/*.test.ts'], setupFiles: ['<rootDir>/test/setup.ts'] };\n" }, test: 'jest' },
      { files: { '.mocharc.json': '{ "spec": "test/**/*.test.ts", "require": ["./test/setup.ts"] }\n' }, test: 'mocha' },
      { files: {}, test: 'node --test test/' },
    ][at % 4],
  // A root jest config whose `projects` name every package's config (medusa's): its projects are both the outer and the
  // nearest ones for a package's files.
  'jest projects': () => ({ files: { 'jest.config.js': 'module.exports = {};\n' }, test: 'jest' }),
};

/** A repository of `packages` packages of 100 files each (12 tests, a setup file, sources in a few directories). */
function repository(packages, shape) {
  const contents = new Map([
    ['package.json', JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'], devDependencies: { vitest: '^3.2.0', jest: '^29.7.0', mocha: '^11.0.0' } })],
  ]);
  if (shape === 'root') contents.set('vitest.config.ts', "export default { test: { include: ['packages/*/test/**/*.test.ts'] } };\n");
  if (shape === 'jest projects') contents.set('jest.config.js', "module.exports = { projects: ['<rootDir>/packages/*/jest.config.js'] };\n");
  for (let at = 0; at < packages; at++) {
    const dir = `packages/p${at}`;
    const { files, test } = shapes[shape](at);
    contents.set(`${dir}/package.json`, manifest(`@bench/p${at}`, test));
    for (const [name, text] of Object.entries(files)) contents.set(`${dir}/${name}`, text);
    contents.set(`${dir}/test/setup.ts`, 'export {};\n');
    for (let i = 0; i < 12; i++) contents.set(`${dir}/test/${i % 3 === 0 ? 'unit/' : ''}case-${i}.test.ts`, '');
    for (let i = 0; contents.size < (at + 1) * 100 + 1; i++) contents.set(`${dir}/src/${['util', 'features/a', 'features/b', 'adapters'][i % 4]}/module-${i}.ts`, '');
  }
  // Flat strings, as paths split from git's output are (concatenated ones would cost their flattening here).
  const files = [...contents.keys()].sort().join('\0').split('\0');
  const source = {
    root: '/bench',
    revision: 'worktree',
    read(file) {
      const text = contents.get(file);
      if (text === undefined) throw Object.assign(new Error(`${file}: not found`), { code: 'ENOENT' });
      return Buffer.from(text);
    },
    exists: (file) => contents.has(file),
    onDisk: () => false,
    prefetch: async () => {},
  };
  const packageDirs = Array.from({ length: packages }, (_, at) => `packages/p${at}`);
  return { files, source, packageDirs };
}

const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];

/** Median ms of each stage over `runs` runs, and what they found (to see that every shape finds its tests). */
function measure({ files, source, packageDirs }) {
  const times = { read: [], match: [], setup: [], entries: [] };
  let found = { tests: 0, projects: 0, setupEdges: 0 };
  for (let run = 0; run < runs; run++) {
    let start = performance.now();
    const read = readRunnerProjects({ root: source.root, files, packageDirs, source });
    times.read.push(performance.now() - start);
    start = performance.now();
    testsOfProjects(source.root, files, read);
    times.match.push(performance.now() - start);
    const discovery = findTests(source.root, files, undefined, source, [], read);
    const graph = { files, edges: [], problems: [], packages: [], externals: [], stats: { files: files.length, edges: 0 } };
    start = performance.now();
    const withSetup = withSetupEdges(graph, discovery);
    times.setup.push(performance.now() - start);
    start = performance.now();
    probeEntries(files);
    times.entries.push(performance.now() - start);
    found = { tests: discovery.tests.length, projects: read.projects.length, setupEdges: withSetup.edges.length };
  }
  return { ms: Object.fromEntries(Object.entries(times).map(([stage, list]) => [stage, median(list)])), found };
}

console.log(`runner projects, in memory; medians of ${runs} runs; load average ${os.loadavg().map((n) => n.toFixed(2)).join(' ')}`);
console.log('| shape | files | configs read | tests | setup edges | read ms | match ms | setup ms | entries ms | total ms per 1k files |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const shape of Object.keys(shapes)) {
  for (const packages of sizes) {
    const repo = repository(packages, shape);
    const { ms, found } = measure(repo);
    const total = ms.read + ms.match + ms.setup + ms.entries;
    const cells = [shape, repo.files.length, found.projects, found.tests, found.setupEdges, ms.read, ms.match, ms.setup, ms.entries].map((v) => (typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(1) : v));
    console.log(`| ${cells.join(' | ')} | ${((total / repo.files.length) * 1000).toFixed(2)} |`);
  }
}
console.log(`load average at the end ${os.loadavg().map((n) => n.toFixed(2)).join(' ')}`);
