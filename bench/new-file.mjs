// `npm run bench:new-file`: what a warm `impacted list` costs when files were added, deleted or renamed since the cache
// was filled, against a warm run after edits only; each run's selection checked against a run without the cache.
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { median } from './peers/compare.mjs';

const cli = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'impacted.js');

const { values } = parseArgs({
  options: {
    repo: { type: 'string' },
    meta: { type: 'string' },
    runs: { type: 'string', default: '5' },
  },
});
if (!values.repo) {
  console.error('bench:new-file: --repo <a generated repository of your own, editable> [--meta <its .meta.json>, default beside it]');
  process.exit(2);
}
const dir = path.resolve(values.repo);
const runs = Number(values.runs);
/** @type {{ changed: string[], base: string }} */
const meta = JSON.parse(readFileSync(values.meta ?? `${dir}.meta.json`, 'utf8'));
const git = (/** @type {string[]} */ ...args) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();
if (git('status', '--porcelain') !== '') {
  console.error(`bench:new-file: ${dir} has changes: it edits the repository and puts it back, so it must start clean`);
  process.exit(2);
}

// A changed source file (not a test), a sibling of it that something imports, and a test directory.
const source = meta.changed.find((file) => !file.includes('/test/')) ?? meta.changed[0];
const sourceDir = path.posix.dirname(source);
const sibling = git('ls-files', sourceDir)
  .split('\n')
  .find((file) => file !== source && file.endsWith('.ts') && !file.endsWith('/index.ts'));
const testDir = `${sourceDir.split('/src/')[0]}/test`;
const siblingName = path.posix.basename(sibling, '.ts');

/** Each scenario edits the changed source (so every run has that work) and changes the file list its own way. */
const scenarios = {
  'edits only': () => {},
  'a new test file': () => writeFileSync(path.join(dir, testDir, 'bench-new.test.ts'), "import { it } from 'vitest';\nit('is new', () => {});\n"),
  'a new source file the edited file imports': () => {
    writeFileSync(path.join(dir, sourceDir, 'bench-helper.ts'), 'export const benchHelper = 1;\n');
    appendFileSync(path.join(dir, source), "import { benchHelper } from './bench-helper.js';\nexport const usesBenchHelper = benchHelper;\n");
  },
  'a deleted source file': () => rmSync(path.join(dir, sibling)),
  'a renamed source file, importers edited': () => {
    git('mv', sibling, `${sourceDir}/${siblingName}-renamed.ts`);
    for (const file of git('grep', '-l', `/${siblingName}.js`, '--', sourceDir.split('/src/')[0]).split('\n').filter(Boolean)) {
      const text = readFileSync(path.join(dir, file), 'utf8');
      writeFileSync(path.join(dir, file), text.replaceAll(`/${siblingName}.js`, `/${siblingName}-renamed.js`));
    }
  },
};

const scratch = mkdtempSync(path.join(os.tmpdir(), 'impacted-new-file-'));
const primed = path.join(scratch, 'primed');
const list = (/** @type {string[]} */ cache) => {
  const result = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', process.execPath, cli, 'list', '--json', '--base', meta.base, ...cache], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (result.status !== 0) throw new Error(`impacted list exited ${result.status}: ${result.stderr}`);
  const [wall, user, system, kb] = result.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  return { wall, cpu: user + system, mb: kb / 1024, tests: JSON.stringify(JSON.parse(result.stdout).tests) };
};
const restore = () => {
  git('reset', '-q', '--hard');
  git('clean', '-qfd', '--', sourceDir, testDir);
};

try {
  console.log(`${dir}: edited ${source}; deleted or renamed ${sibling}; new tests in ${testDir}; load ${os.loadavg()[0].toFixed(1)}`);
  appendFileSync(path.join(dir, source), '// bench edit\n');
  list(['--cache-dir', primed]);
  list(['--cache-dir', primed]);
  restore();
  /** @type {Record<string, { wall: number, cpu: number, mb: number }[]>} */
  const measured = {};
  for (let round = 0; round < runs; round++) {
    for (const [name, change] of Object.entries(scenarios)) {
      appendFileSync(path.join(dir, source), `// bench edit ${round}\n`);
      change();
      // Every run from the cache the clean branch left: what one warm run after the change costs.
      const cacheDir = path.join(scratch, 'run');
      rmSync(cacheDir, { recursive: true, force: true });
      cpSync(primed, cacheDir, { recursive: true });
      const warm = list(['--cache-dir', cacheDir]);
      if (round === 0 && warm.tests !== list(['--no-cache']).tests) throw new Error(`${name}: the warm selection differs from a run without the cache`);
      (measured[name] ??= []).push(warm);
      restore();
    }
  }
  console.log(`\n| warm run, with | wall | CPU (user + system) | peak RSS |\n| --- | ---: | ---: | ---: |`);
  for (const [name, rows] of Object.entries(measured)) {
    const at = (/** @type {'wall' | 'cpu' | 'mb'} */ key) => median(rows.map((row) => row[key]));
    console.log(`| ${name} | ${at('wall').toFixed(2)} s | ${at('cpu').toFixed(2)} s | ${Math.round(at('mb'))} MB |`);
  }
  console.log(`\nmedians of ${runs} rounds (the scenarios alternate within a round); every selection equals a run without the cache; load ${os.loadavg()[0].toFixed(1)}`);
} finally {
  restore();
  rmSync(scratch, { recursive: true, force: true });
}
