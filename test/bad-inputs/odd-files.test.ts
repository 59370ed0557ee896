// Odd files in the diff through the real CLI: binary and huge files, odd names, symlink loops, submodules,
// case-only renames and a 10,000-file change.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRepo, type TempRepo } from '../helpers/repo.js';
import { allTests, appTest, badRepo, cli, iconTest, listJson, mathTest, selected, withRecorder } from './bad-repo.js';

function writeBytes(repo: TempRepo, file: string, bytes: Buffer): void {
  mkdirSync(path.dirname(path.join(repo.dir, file)), { recursive: true });
  writeFileSync(path.join(repo.dir, file), bytes);
}

const png = (seed: number): Buffer => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, seed, 0xff, 0x00, 0xfe]);

describe('binary and huge files in the diff', () => {
  it('a PNG read by code selects through its reader; an unreferenced one selects its package, with the reason', () => {
    const repo = badRepo({ feature: true });
    writeBytes(repo, 'packages/core/assets/icon.png', png(1));
    writeBytes(repo, 'packages/app/assets/banner.png', png(2));
    // Binary content behind a code extension must not crash the extractor either.
    writeBytes(repo, 'packages/app/src/blob.js', Buffer.from([0, 1, 2, 0xff, 0xfe, 0x00, 0x27, 0x22, 0x60]));
    repo.commit('binary files');

    const selection = listJson(repo, '--base', 'main');
    expect(selection.changed).toEqual([
      { path: 'packages/app/assets/banner.png', status: 'added' },
      { path: 'packages/app/src/blob.js', status: 'added' },
      { path: 'packages/core/assets/icon.png', status: 'modified' },
    ]);
    expect(selection.tests).toEqual([
      {
        path: appTest,
        reasons: [
          {
            changed: 'packages/app/assets/banner.png',
            via: [],
            rule: 'packages/app/assets/banner.png is not code and nothing imports it: selecting the tests of packages/app',
          },
          { changed: 'packages/core/assets/icon.png', via: ['packages/core/src/icon.ts', 'packages/core/src/index.ts', 'packages/app/src/app.ts'] },
        ],
      },
      { path: iconTest, reasons: [{ changed: 'packages/core/assets/icon.png', via: ['packages/core/src/icon.ts'] }] },
    ]);
  });

  it('a 6 MB generated .ts and a 6 MB .json: no crash, selected through their importers and package', () => {
    const repo = badRepo({ feature: true });
    const row = `  ${JSON.stringify('x'.repeat(100))},\n`;
    const rows = row.repeat(Math.ceil((6 * 1024 * 1024) / row.length));
    repo.write('packages/app/src/table.ts', `import { add } from '@bad/core';\n\nexport const size = add(1, 1);\nexport const table = [\n${rows}];\n`);
    repo.write('packages/app/data/big.json', `{ "rows": [\n${rows}"end"] }\n`);
    repo.write('packages/app/src/app.ts', `${repo.read('packages/app/src/app.ts')}export { table } from './table.js';\n`);
    repo.commit('huge generated files');

    const started = performance.now();
    const selection = listJson(repo, '--base', 'main');
    const ms = performance.now() - started;
    expect(selection.changed.map((c) => c.path)).toEqual(['packages/app/data/big.json', 'packages/app/src/app.ts', 'packages/app/src/table.ts']);
    expect(selected(selection)).toEqual([appTest]);
    expect(selection.tests[0]?.reasons.map((r) => r.changed)).toEqual(['packages/app/data/big.json', 'packages/app/src/app.ts', 'packages/app/src/table.ts']);
    expect(ms).toBeLessThan(15_000);
    // The 6 MB code file is not parsed: it is reported, and selection widens through the parse-problem rule.
    const graph = cli(['graph'], { cwd: repo.dir });
    expect(graph.stdout).toContain('problem: packages/app/src/table.ts: larger than 5 MB (6.0 MB): imports not read');
  });
});

describe('file names with spaces, unicode, quotes, tabs and newlines', () => {
  const odd = ['a b.test.ts', 'ünï cødé.test.ts', `it's "q".test.ts`, 'new\nline.test.ts', 'tab\there.test.ts', '$(touch PWNED).test.ts', '-rf.test.ts'];
  const oddTests = odd.map((name) => `packages/core/test/${name}`);
  const source = "packages/core/src/odd name ü 'q'.ts";
  const repo = badRepo();
  const recorder = withRecorder(repo);
  repo.git('checkout', '-q', '-b', 'feature');
  repo.write(source, 'export const odd = 1;\n');
  for (const test of oddTests) repo.write(test, `import { odd } from "../src/odd name ü 'q'.js";\n\nif (odd !== 1) throw new Error('odd');\n`);
  repo.commit('odd names');

  it('are reported exactly in list --json, and one per line (JSON-quoted when needed) in list', () => {
    const selection = listJson(repo, '--base', 'main');
    expect(selection.changed.map((c) => c.path).toSorted()).toEqual([source, ...oddTests].toSorted());
    expect(selected(selection)).toEqual(oddTests.toSorted());
    expect(selection.tests.every((t) => t.reasons.some((r) => r.changed === source && r.via.length === 0))).toBe(true);

    const text = cli(['list', '--base', 'main'], { cwd: repo.dir });
    expect(text.code).toBe(0);
    const lines = text.stdout.split('\n').filter(Boolean);
    expect(lines).toHaveLength(oddTests.length);
    expect(lines.map((line) => (line.startsWith('"') ? (JSON.parse(line) as string) : line))).toEqual(oddTests.toSorted());
    expect(lines).toContain('"packages/core/test/new\\nline.test.ts"');
    expect(lines).toContain('packages/core/test/ünï cødé.test.ts');
  });

  it('reach the runner as one argument each, never through a shell', () => {
    const result = cli(['run', '--base', 'main'], { cwd: repo.dir, env: recorder.env });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`custom in .: ${oddTests.length} test files`);
    expect(recorder.runs()).toEqual([oddTests.toSorted()]);
    expect(existsSync(path.join(repo.dir, 'PWNED'))).toBe(false);
  });
});

function withLoops(repo: TempRepo): void {
  symlinkSync('b.ts', path.join(repo.dir, 'packages/core/src/a.ts'));
  symlinkSync('a.ts', path.join(repo.dir, 'packages/core/src/b.ts'));
  symlinkSync('..', path.join(repo.dir, 'packages/core/src/parent'));
  symlinkSync('loop', path.join(repo.dir, 'packages/core/loop'));
}

describe('symlinks', () => {
  const loops = ['packages/core/loop', 'packages/core/src/a.ts', 'packages/core/src/b.ts', 'packages/core/src/parent'];

  it.each([
    ['committed', true],
    ['untracked', false],
  ])('a symlink loop and a link to its own parent (%s): no hang, the package tests with the reason', (_name, commit) => {
    const repo = badRepo({ feature: true });
    withLoops(repo);
    repo.write('packages/core/src/math.ts', `${repo.read('packages/core/src/math.ts')}import './a.js';\nimport './parent/src/icon.js';\n`);
    if (commit) repo.commit('loops');

    const selection = listJson(repo, '--base', 'main');
    expect(selection.changed.map((c) => c.path)).toEqual([...loops, 'packages/core/src/math.ts'].toSorted());
    expect(selected(selection)).toEqual(allTests);
    expect(selection.tests.find((t) => t.path === iconTest)?.reasons[0]).toEqual({
      changed: 'packages/core/loop',
      via: [],
      rule: 'packages/core/loop is not code and nothing imports it: selecting the tests of packages/core',
    });
    const graph = cli(['graph'], { cwd: repo.dir });
    expect(graph.code).toBe(0);
    expect(graph.stdout).toContain('unresolved: packages/core/src/math.ts: ./parent/src/icon.js\n');
  });
});

describe('submodules', () => {
  it("a submodule whose pointer changed is one changed path: its package's tests and its dependents'", () => {
    const library = createRepo();
    library.write('lib.txt', 'one\n');
    library.commit('one');
    const repo = badRepo();
    repo.git('-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', library.dir, 'packages/core/vendor/lib');
    repo.commit('add the submodule');
    repo.git('checkout', '-q', '-b', 'feature');
    library.write('lib.txt', 'two\n');
    const bumped = library.commit('two');
    execFileSync('git', ['-c', 'protocol.file.allow=always', 'fetch', '-q', 'origin'], { cwd: path.join(repo.dir, 'packages/core/vendor/lib') });
    execFileSync('git', ['checkout', '-q', bumped], { cwd: path.join(repo.dir, 'packages/core/vendor/lib') });
    repo.commit('bump the submodule');

    const selection = listJson(repo, '--base', 'main');
    expect(selection.changed).toEqual([{ path: 'packages/core/vendor/lib', status: 'modified' }]);
    expect(selected(selection)).toEqual(allTests);
    expect(selection.tests[0]?.reasons).toEqual([
      {
        changed: 'packages/core/vendor/lib',
        via: [],
        rule: 'packages/core/vendor/lib is not code and nothing imports it: selecting the tests of packages/core',
      },
    ]);
  });
});

describe('case-only renames', () => {
  it.each([
    ['with the imports left as they were (a case-insensitive file system)', false],
    ['with the imports updated', true],
  ])('Foo.ts -> foo.ts counts both paths, %s', (_name, updateImports) => {
    const repo = badRepo({ feature: true });
    repo.git('mv', 'packages/core/src/math.ts', 'packages/core/src/Math.ts');
    if (updateImports) {
      for (const file of ['packages/core/src/index.ts', 'packages/core/test/math.test.ts']) repo.write(file, repo.read(file).replace('./math.js', './Math.js').replace('/src/math.js', '/src/Math.js'));
    }
    repo.commit('case-only rename');

    const selection = listJson(repo, '--base', 'main');
    expect(selection.changed).toContainEqual({ path: 'packages/core/src/Math.ts', status: 'renamed', from: 'packages/core/src/math.ts' });
    expect(selected(selection)).toEqual([appTest, mathTest]);
  });
});

describe('a diff of 10,000 files', () => {
  it('selects exactly the 10,000 new tests and hands every one to the runner, in command lines below the OS limit', () => {
    const repo = badRepo();
    const recorder = withRecorder(repo);
    repo.git('checkout', '-q', '-b', 'feature');
    const tests = Array.from({ length: 10_000 }, (_, index) => `packages/core/test/generated/t${String(index).padStart(5, '0')}.test.ts`);
    mkdirSync(path.join(repo.dir, 'packages/core/test/generated'));
    for (const test of tests) writeFileSync(path.join(repo.dir, test), "import { add } from '../../src/math.js';\n\nadd(1, 2);\n");
    repo.commit('10,000 tests');

    const started = performance.now();
    const selection = listJson(repo, '--base', 'main');
    const listMs = performance.now() - started;
    expect(selection.changed).toHaveLength(10_000);
    expect(selection.stats.tests).toBe(10_003);
    expect(selected(selection)).toEqual(tests);
    expect(selection.reason).toBe('10000 changed files affect 10000 of 10003 tests');

    const run = cli(['run', '--base', 'main'], { cwd: repo.dir, env: recorder.env });
    expect(run.code).toBe(0);
    const runs = recorder.runs();
    expect(runs.flat()).toEqual(tests);
    expect(listMs).toBeLessThan(15_000);
    console.info(`10,000-file diff: list ${Math.round(listMs)} ms (stats.ms ${selection.stats.ms}), run in ${runs.length} runner call(s)`);
  });
});
