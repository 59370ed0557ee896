// The CLI asks the installed runner for its projects once, then reads the cached answer: a warm `list` starts no
// runner, a new test file is found without a new probe, and --no-probe or "probe": false keep to static reading.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from 'vitest';
import { runCli, runCliLoading } from '../helpers/cli.js';
import { createRepo, projectRoot, type TempRepo } from '../helpers/repo.js';
import { installRunner } from './runner-versions.js';

/** A stand-in vitest that notes every time it is started and resolves one project whose tests are `*.check.ts`. */
function stubRepo(): TempRepo {
  const repo = createRepo();
  repo.write('package.json', JSON.stringify({ name: 'stub', private: true, type: 'module', devDependencies: { vitest: '*' } }));
  // Static reading sees no include here, so it uses the default globs: the probe's answer is told apart by its tests.
  repo.write('vitest.config.ts', 'export default { test: {} };\n');
  repo.write('src/a.check.ts', 'export {};\n');
  repo.write('src/b.test.ts', 'export {};\n');
  repo.write('node_modules/vitest/package.json', JSON.stringify({ name: 'vitest', version: '4.0.0', type: 'module', exports: { './node': './node.js' } }));
  repo.write(
    'node_modules/vitest/node.js',
    `import { appendFileSync } from 'node:fs';
export async function createVitest(mode, options) {
  appendFileSync(${JSON.stringify(path.join(repo.dir, 'node_modules', 'probe-calls.txt'))}, 'started\\n');
  const config = { root: options.root, include: ['**/*.check.ts'], exclude: ['**/node_modules/**'], setupFiles: [], globalSetup: [] };
  return { projects: [{ name: 'stub', config, vite: { config: { configFile: options.config, resolve: { alias: [] } } } }], close: async () => {} };
}
`,
  );
  repo.commit('stub vitest repository');
  return repo;
}

function listed(repo: TempRepo, ...flags: string[]): string[] {
  const result = runCli(['list', '--json', ...flags], { cwd: repo.dir });
  expect(result.stderr).not.toMatch(/read statically/);
  expect(result.code).toBe(0);
  return (JSON.parse(result.stdout) as { tests: { path: string }[] }).tests.map((t) => t.path);
}

function starts(repo: TempRepo): number {
  try {
    return readFileSync(path.join(repo.dir, 'node_modules', 'probe-calls.txt'), 'utf8').split('\n').filter(Boolean).length;
  } catch {
    return 0;
  }
}

test('a warm list starts no runner process, and a new test file needs no new probe', { timeout: 60_000 }, () => {
  const repo = stubRepo();
  expect(listed(repo)).toEqual(['src/a.check.ts']);
  expect(starts(repo)).toBe(1);
  expect(listed(repo)).toEqual(['src/a.check.ts']);
  expect(starts(repo)).toBe(1);
  repo.write('src/c.check.ts', 'export {};\n');
  repo.commit('another test');
  expect(listed(repo)).toEqual(['src/a.check.ts', 'src/c.check.ts']);
  expect(starts(repo)).toBe(1);
  // The config is part of the key: a change asks the runner again.
  repo.write('vitest.config.ts', 'export default { test: { globals: true } };\n');
  repo.commit('config change');
  expect(listed(repo)).toEqual(['src/a.check.ts', 'src/c.check.ts']);
  expect(starts(repo)).toBe(2);
});

/** What only a run that asks a runner (zod and the schemas its answer is checked with), fetches or reads a config statically loads. */
const probeCode = (url: string): boolean => /\/node_modules\/(zod|simple-git|oxc-parser)\/|\/runners\/\w+\/output-schema\.js$|\/dist\/bundle\/shared\/zod\.js$/.test(url);

/** The modules one `impacted list` loads. */
function loadedModules(repo: TempRepo, ...flags: string[]): string[] {
  const result = runCliLoading(['list', '--json', ...flags], { cwd: repo.dir });
  expect(result.code).toBe(0);
  return result.modules;
}

test('a warm list loads no output schema, no zod, no simple-git, and no oxc-parser when no config is read statically', { timeout: 60_000 }, () => {
  const repo = stubRepo();
  // The cold run asks vitest, and checks its answer with the schema (and zod) it loads while vitest works.
  const cold = loadedModules(repo).filter(probeCode);
  expect(cold.some((url) => url.endsWith('/runners/vitest/output-schema.js'))).toBe(true);
  // zod is bundled, into a chunk of its own.
  expect(cold.some((url) => url.endsWith('/dist/bundle/shared/zod.js'))).toBe(true);
  expect(loadedModules(repo).filter(probeCode)).toEqual([]);
  expect(starts(repo)).toBe(1);
  // Static reading is what needs the parser.
  expect(loadedModules(repo, '--no-probe').filter(probeCode).map((file) => file.replace(/.*\/node_modules\//, ''))).toEqual(['oxc-parser/src-js/index.js']);
});

test('a list loads impacted from the bundle: a few chunks, not its ~110 modules, and none of them twice', { timeout: 60_000 }, () => {
  const repo = stubRepo();
  const own = pathToFileURL(projectRoot).href;
  for (const run of ['cold', 'warm']) {
    // The cold run's probe process (vitest's, with its child script from dist/runners/) logs here too.
    const loaded = loadedModules(repo).filter((url) => url.startsWith(own) && !url.includes('/node_modules/') && !/\/dist\/runners\/.*\.mjs$/.test(url));
    const chunks = loaded.filter((url) => url.startsWith(`${own}/dist/bundle/`));
    expect(loaded.filter((url) => !chunks.includes(url)), run).toEqual([`${own}/bin/impacted.js`]);
    // The client of impacted serve, the CLI and the pipeline (with the runners' probes and the no-config setup note);
    // cold also vitest's output schema and zod.
    expect(chunks[0]).toBe(`${own}/dist/bundle/client.js`);
    expect(chunks.length, `${run}: ${chunks.map((url) => url.slice(own.length)).join(' ')}`).toBeLessThanOrEqual(run === 'warm' ? 3 : 5);
  }
});

test('a list runs the bundled minimatch, which is the version package.json pins and the cache fingerprint names', { timeout: 60_000 }, () => {
  const repo = stubRepo();
  const loaded = loadedModules(repo);
  expect(loaded.filter((url) => /\/node_modules\/(minimatch|brace-expansion|balanced-match|@isaacs\/nonrecursive-glob-match)\//.test(url))).toEqual([]);
  const manifest = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  const installed = JSON.parse(readFileSync(path.join(projectRoot, 'node_modules/minimatch/package.json'), 'utf8')) as { version: string };
  expect(manifest.dependencies.minimatch).toBe(installed.version);
});

test('--no-probe and "probe": false read the config statically and start no runner', { timeout: 60_000 }, () => {
  const repo = stubRepo();
  expect(listed(repo, '--no-probe')).toEqual(['src/b.test.ts']);
  repo.write('impacted.config.json', JSON.stringify({ probe: false }));
  repo.commit('no probe');
  expect(listed(repo)).toEqual(['src/b.test.ts']);
  expect(starts(repo)).toBe(0);
});

test('"probe" must be a boolean', () => {
  const repo = stubRepo();
  repo.write('impacted.config.json', JSON.stringify({ probe: 'no' }));
  const result = runCli(['list'], { cwd: repo.dir });
  expect(result.code).toBe(2);
  expect(result.stderr).toBe('impacted: impacted.config.json: invalid value for "probe": Invalid input: expected boolean, received string.\n');
});

test('a config the runner cannot load is read statically, and stderr says why', { timeout: 60_000 }, () => {
  const repo = createRepo('runners-vitest-projects');
  installRunner(repo.dir, 'vitest', 'vitest');
  repo.write('vitest.config.ts', "import './missing-helper.js';\nexport default {};\n");
  repo.commit('broken config');
  const result = runCli(['list', '--json'], { cwd: repo.dir });
  expect(result.code).toBe(0);
  expect(result.stderr).toMatch(/^impacted: vitest\.config\.ts: vitest 4\.\d+\.\d+ could not load the config: .*missing-helper.*; read statically instead$/m);
});

test('with the real vitest, list holds exactly the tests vitest lists', { timeout: 60_000 }, () => {
  const repo = createRepo('runners-vitest-projects');
  installRunner(repo.dir, 'vitest', 'vitest');
  repo.commit('vitest installed');
  expect(listed(repo)).toEqual(['packages/a/src/one.check.ts', 'packages/b/test/two.test.ts', 'packages/b/test/types.test-d.ts']);
});
