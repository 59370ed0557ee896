// What we ship is what works: npm pack, install the tarball into a fresh TypeScript project, typecheck a program against the published types, run it.
import { execFile, execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { createRepo, projectRoot } from '../helpers/repo.js';

const work = mkdtempSync(path.join(tmpdir(), 'impacted-consumer-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const examplesDir = path.join(projectRoot, 'docs/examples');
const examples = readdirSync(examplesDir).filter((file) => file.endsWith('.ts'));
const tsc = path.join(projectRoot, 'node_modules/typescript/bin/tsc');

/**
 * Installs the tarball as npm would lay it out, without the network or the npm cache (which `npm ci` on a fresh
 * machine leaves without the registry metadata an `npm install` needs): the package unpacked into
 * node_modules/impacted, its dependencies and @types/node linked from this project's node_modules, where `npm ci`
 * installed them at the locked versions.
 */
function installOffline(tarball: string, consumer: string): void {
  const target = path.join(consumer, 'node_modules/impacted');
  mkdirSync(target, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
  const { dependencies = {} } = JSON.parse(readFileSync(path.join(target, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  for (const name of [...Object.keys(dependencies), '@types/node']) {
    const link = path.join(consumer, 'node_modules', name);
    mkdirSync(path.dirname(link), { recursive: true });
    symlinkSync(path.join(projectRoot, 'node_modules', name), link, 'dir');
  }
}

/** The consumer: every public entry point, typed by the tarball's .d.ts files. */
const program = `import {
  affectedTests,
  buildGraph,
  defineConfig,
  detectChanges,
  findTests,
  ImpactedError,
  resolveConfig,
  runTests,
  selectTests,
  type ProgressEvent,
  type RunResult,
  type Selection,
  type UserConfig,
} from 'impacted';

const cwd = process.argv[2] ?? '.';
const config: UserConfig = defineConfig({ ignore: ['**/*.md'], typeOnly: 'include', runner: 'node' });
const stages = new Set<ProgressEvent['stage']>();
const selection: Selection = await affectedTests({ cwd, base: 'main', onProgress: (event) => stages.add(event.stage) });

const resolved = await resolveConfig(cwd);
const changes = await detectChanges({ cwd, base: 'main' });
const graph = await buildGraph({ cwd });
const discovery = findTests(cwd, graph.files, { tests: resolved.tests, unreadTestScripts: resolved.unreadTestScripts });
const staged = selectTests({ graph, changes, config: { ...resolved, ignore: config.ignore ?? resolved.ignore }, discovery });

const run: RunResult = await runTests({
  root: cwd,
  mode: staged.mode,
  tests: staged.tests.map((test) => test.path),
  packages: graph.packages,
  runner: config.runner,
  stdio: 'pipe',
});

let errorCode: string | undefined;
try {
  await affectedTests({ cwd, base: 'no-such-ref' });
} catch (error) {
  if (error instanceof ImpactedError) errorCode = error.code;
}

console.log(JSON.stringify({
  tests: selection.tests.map((test) => test.path),
  via: selection.tests[0]?.reasons[0]?.via,
  staged: staged.tests.map((test) => test.path),
  stages: [...stages],
  run: run.groups.map((group) => ({ runner: group.runner, files: group.files, exitCode: group.exitCode })),
  exitCode: run.exitCode,
  errorCode,
}));
`;

/** The types are precise, not \`any\`: each line must be a type error, or tsc fails on the unused directive. */
const misuse = `import { affectedTests, defineConfig, runTests } from 'impacted';

// @ts-expect-error cwd is required
await affectedTests({ base: 'main' });
// @ts-expect-error unknown config key
defineConfig({ tsets: ['**/*.test.ts'] });
// @ts-expect-error not a runner
defineConfig({ runner: 'ava' });
// @ts-expect-error mode is 'affected' or 'all'
await runTests({ root: '.', mode: 'some', tests: [], packages: [] });
const selection = await affectedTests({ cwd: '.' });
// @ts-expect-error tests are objects with a path, not strings
selection.tests[0]?.toUpperCase();
export {};
`;

describe('the packed package, installed into a new project', () => {
  // npm pack, tsc and five node programs: over a minute on a loaded 2-core machine.
  it('typechecks against the published types (NodeNext, strict) and runs, README examples included', { timeout: 180_000 }, async () => {
    expect(existsSync(path.join(projectRoot, 'dist/index.d.ts')), 'dist/ is missing: run npm run build first').toBe(true);
    const manifest = readFileSync(path.join(projectRoot, 'package.json'), 'utf8');
    const packed = JSON.parse(
      execFileSync('npm', ['pack', '--json', '--pack-destination', work], {
        cwd: projectRoot,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        // prepack without its build (dist/ is built, and other test files use it meanwhile); no registry request for
        // a newer npm: the test needs no network.
        env: { ...process.env, IMPACTED_PACK_BUILT: '1', npm_config_update_notifier: 'false' },
      }),
    ) as { filename: string; files: { path: string }[] }[];
    const tarball = path.join(work, packed[0]?.filename ?? '');
    // Only the CLI entry, the build and the coverage preload ship: no sources, tests or fixtures.
    const shipped = new Set(packed[0]?.files.map((file) => file.path.split('/')[0] ?? ''));
    expect([...shipped].filter((entry) => !/^(README|LICENSE)/i.test(entry)).sort()).toEqual(['bin', 'dist', 'package.json', 'preload']);

    const consumer = path.join(work, 'consumer');
    mkdirSync(path.join(consumer, 'src'), { recursive: true });
    writeFileSync(path.join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    writeFileSync(
      path.join(consumer, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, types: ['node'], outDir: 'dist', rootDir: 'src' },
        include: ['src'],
      }),
    );
    writeFileSync(path.join(consumer, 'src/main.ts'), program);
    writeFileSync(path.join(consumer, 'src/misuse.ts'), misuse);
    // The README's library examples are these files, verbatim; they compile against the tarball too.
    const readme = readFileSync(path.join(projectRoot, 'README.md'), 'utf8');
    mkdirSync(path.join(consumer, 'src/examples'));
    for (const example of examples) {
      expect(readme, `README.md shows docs/examples/${example}`).toContain(readFileSync(path.join(examplesDir, example), 'utf8'));
      copyFileSync(path.join(examplesDir, example), path.join(consumer, 'src/examples', example));
    }
    installOffline(tarball, consumer);
    // npm warns about a tarball whose manifest has install-time scripts: the published one has none, and the
    // clone's package.json (whose prepare builds dist/ on npm ci) is back as it was.
    const published = JSON.parse(readFileSync(path.join(consumer, 'node_modules/impacted/package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(Object.keys(published.scripts).filter((name) => /^(pre|post)?(install|prepare)$/.test(name))).toEqual([]);
    expect(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')).toBe(manifest);
    expect(JSON.parse(manifest)).toMatchObject({ scripts: { prepare: 'npm run build' } });

    // skipLibCheck stays off: the shipped .d.ts files must compile too.
    execFileSync(process.execPath, [tsc, '-p', consumer], { cwd: consumer, encoding: 'utf8' });

    const repo = createRepo('onboard-single-node');
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('src/sum.js', 'export const sum = (values) => values.reduce((a, b) => a + b, 0);\n');
    const env = { ...process.env, CI: '', GITHUB_ACTIONS: '', GITHUB_BASE_REF: '', NO_COLOR: '1' };
    const output = execFileSync(process.execPath, [path.join(consumer, 'dist/main.js'), repo.dir], { encoding: 'utf8', env });
    expect(JSON.parse(output)).toEqual({
      tests: ['test/mean.test.js'],
      via: ['src/mean.js'],
      staged: ['test/mean.test.js'],
      stages: ['scan'],
      run: [{ runner: 'node', files: ['test/mean.test.js'], exitCode: 0 }],
      exitCode: 0,
      errorCode: 'UNKNOWN_REF',
    });
    // The CLI as installed: its bundle ships, and finds the files it reads beside the tsc build (package.json, say).
    const bin = path.join(consumer, 'node_modules/impacted/bin/impacted.js');
    expect(execFileSync(process.execPath, [bin, '--version'], { encoding: 'utf8', env })).toBe(`${(JSON.parse(manifest) as { version: string }).version}\n`);
    expect(execFileSync(process.execPath, [bin, 'list', '--base', 'main', '--quiet'], { cwd: repo.dir, encoding: 'utf8', env })).toBe('test/mean.test.js\n');

    // The CI script example: runs the selection and keeps it as an artifact.
    const ci = execFileSync(process.execPath, [path.join(consumer, 'dist/examples/ci-tests.js')], { cwd: repo.dir, encoding: 'utf8', env: { ...env, IMPACTED_BASE: 'main' } });
    expect(ci).toContain('impacted: 1 changed file affects 1 of 2 tests\n');
    expect(ci).toMatch(/node in \.: 1 files, exit 0, \d+ ms\n$/);
    expect(JSON.parse(repo.read('impacted-selection.json'))).toMatchObject({ tests: [{ path: 'test/mean.test.js' }] });
    // An untracked file at the root is a change that selects everything: the artifact goes before the next step.
    repo.remove('impacted-selection.json');

    // The PR bot example, against a local stand-in for the GitHub API.
    const requests: { url: string; authorization: string; body: { body: string } }[] = [];
    const server = createServer((request, response) => {
      let text = '';
      request.on('data', (chunk: Buffer) => (text += chunk.toString()));
      request.on('end', () => {
        requests.push({ url: request.url ?? '', authorization: request.headers.authorization ?? '', body: JSON.parse(text) as { body: string } });
        response.writeHead(201, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const bot = await promisify(execFile)(process.execPath, [path.join(consumer, 'dist/examples/comment-selected-tests.js')], {
        cwd: repo.dir,
        env: { ...env, IMPACTED_BASE: 'main', GITHUB_TOKEN: 't0ken', GITHUB_REPOSITORY: 'acme/shop', PR_NUMBER: '7', GITHUB_API_URL: `http://127.0.0.1:${port}` },
      });
      expect(bot.stdout).toBe('commented on #7: 1 tests\n');
    } finally {
      server.close();
    }
    expect(requests).toEqual([
      {
        url: '/repos/acme/shop/issues/7/comments',
        authorization: 'Bearer t0ken',
        body: {
          body: [
            '**impacted** selects 1 of 2 tests: 1 changed file affects 1 of 2 tests',
            '',
            '| test | why |',
            '| --- | --- |',
            '| `test/mean.test.js` | `src/sum.js` → `src/mean.js` |',
          ].join('\n'),
        },
      },
    ]);
  });
});
