// Precision without risk, end to end on fixtures/select-precision: known-inert files, manifests diffed by key,
// package dependents from real dependencies, directory assets, and every reason for running everything.
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/graph/build-graph.js';
import type { Selection } from '../../src/types.js';
import { runCli } from '../helpers/cli.js';
import { createRepo, type TempRepo } from '../helpers/repo.js';

const a = ['packages/a/test/sum.test.ts', 'packages/a/test/title.test.ts'];
const b = ['packages/b/test/total.test.ts'];
const c = ['packages/c/test/greet.test.ts', 'packages/c/test/schema.test.ts'];
const all = [...a, ...b, ...c];

/** One repository per describe: each scenario edits the work tree of a branch off main, then resets it. */
function scenarios(config?: object) {
  const repo = createRepo('select-precision');
  if (config) {
    repo.write('impacted.config.json', JSON.stringify(config));
    repo.commit('config');
  }
  repo.git('checkout', '-q', '-b', 'feature');
  return (change: (r: TempRepo) => void): Selection => {
    repo.git('reset', '-q', '--hard', 'main');
    repo.git('clean', '-fdq');
    change(repo);
    const result = runCli(['list', '--json', '--base', 'main'], { cwd: repo.dir });
    expect(result.code, result.stderr).toBe(0);
    return JSON.parse(result.stdout) as Selection;
  };
}

const selected = (selection: Selection) => selection.tests.map((t) => t.path);
const edit = (file: string, from: string, to: string) => (r: TempRepo) => {
  const text = r.read(file);
  expect(text).toContain(from);
  r.write(file, text.replace(from, to));
};

describe('known-inert files', () => {
  it('select nothing and are listed as inert, with the pattern, in the reason and the JSON', () => {
    const list = scenarios();
    const selection = list((r) => {
      r.write('.github/workflows/ci.yml', `${r.read('.github/workflows/ci.yml')}# more\n`);
      r.write('.prettierrc', '{ "singleQuote": false }\n');
      r.write('.prettierignore', 'dist\ncoverage\n');
      r.write('eslint.config.js', 'export default [{ rules: {} }];\n');
      r.write('.editorconfig', 'root = true\n');
      r.write('.all-contributorsrc', '{ "contributors": [1] }\n');
      r.write('logo.png', 'PNG-2\n');
      r.write('.changeset/brave-cats.md', '---\n"@fx/a": minor\n---\n');
    });
    expect(selection).toMatchObject({ mode: 'affected', tests: [], reason: '8 changed files affect 0 of 5 tests (1 ignored, 7 inert)' });
    expect(selection.inert).toEqual([
      { path: '.all-contributorsrc', pattern: '.all-contributorsrc' },
      { path: '.editorconfig', pattern: '**/.editorconfig' },
      { path: '.github/workflows/ci.yml', pattern: '.github/**' },
      { path: '.prettierignore', pattern: '**/.prettierignore' },
      { path: '.prettierrc', pattern: '**/.prettierrc' },
      { path: 'eslint.config.js', pattern: '**/eslint.config.{js,cjs,mjs,ts,cts,mts}' },
      { path: 'logo.png', pattern: '**/*.{png,jpg,jpeg,gif,svg,ico,webp,avif,bmp}' },
    ]);
  });

  it('an image inside a package is not inert: it selects that package and its dependents', () => {
    const list = scenarios();
    // The runner config's `new URL('./packages', import.meta.url)` lists that folder; it does not read this file.
    const selection = list((r) => r.write('packages/a/assets/icon.png', 'PNG-2\n'));
    expect(selected(selection)).toEqual([...a, ...b]);
    expect(selection.tests[0]?.reasons[0]?.rule).toBe('packages/a/assets/icon.png is not code and nothing imports it: selecting the tests of packages/a');
  });

  it('why says a file is inert and how to override it; "!file" and inert: false make it a change again', () => {
    const repo = createRepo('select-precision');
    const why = runCli(['why', '.prettierrc', '--base', 'main'], { cwd: repo.dir });
    expect(why.stdout).toBe(
      '.prettierrc is known inert (it matches "**/.prettierrc"): a change to it selects no test. If a test reads it, add "!.prettierrc" to "inert" in the config.\n',
    );
    const excepted = scenarios({ inert: ['!.prettierrc', 'deploy/**'] });
    const prettier = excepted((r) => r.write('.prettierrc', '{}\n'));
    expect(prettier).toMatchObject({ mode: 'all', reason: '.prettierrc is not code and nothing imports it: running every test' });
    expect(excepted((r) => r.write('deploy/railway.json', '{}\n')).inert).toEqual([{ path: 'deploy/railway.json', pattern: 'deploy/**' }]);
    const off = scenarios({ inert: false });
    expect(off((r) => r.write('.github/workflows/ci.yml', 'name: x\n'))).toMatchObject({ mode: 'all' });
  });

  it('rejects an inert value that is neither a list of globs nor false', () => {
    const repo = createRepo('select-precision');
    repo.write('impacted.config.json', JSON.stringify({ inert: true }));
    const result = runCli(['list', '--base', 'main'], { cwd: repo.dir });
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toBe(
      'impacted: impacted.config.json: invalid value for "inert": expected a list of globs ("!glob" for an exception), or false to turn the list off.\n',
    );
  });
});

describe('package.json changes, key by key', () => {
  it('metadata and unrelated scripts select nothing; a test script, a tool dependency and workspaces widen', () => {
    const list = scenarios();
    const metadata = list((r) => {
      edit('packages/a/package.json', '"version": "1.0.0"', '"version": "1.1.0"')(r);
      edit('packages/a/package.json', 'Sums and titles.', 'Sums, titles.')(r);
      edit('packages/a/package.json', '"build": "tsdown"', '"build": "tsdown --minify"')(r);
      edit('package.json', '"lint": "eslint ."', '"lint": "eslint . --cache"')(r);
      edit('package.json', '"eslint": "^9.0.0"', '"eslint": "^9.1.0"')(r);
    });
    expect(metadata).toMatchObject({ mode: 'affected', tests: [], reason: '2 changed files affect 0 of 5 tests' });
    expect(list(edit('package.json', '"test": "vitest run"', '"test": "vitest run --silent"'))).toMatchObject({
      mode: 'all',
      reason: 'the root package.json changed (scripts.test): running every test',
    });
    expect(list(edit('package.json', '"@babel/preset-env": "^7.20.0"', '"@babel/preset-env": "^7.26.0"'))).toMatchObject({
      mode: 'all',
      reason: 'the root package.json changed (devDependencies: @babel/preset-env (imported by no file, so a tool a test run may use)): running every test',
    });
    expect(list(edit('package.json', '"workspaces": ["packages/*"]', '"workspaces": ["packages/*", "tools/*"]'))).toMatchObject({ mode: 'all' });
    const testScript = list(edit('packages/a/package.json', '"test": "vitest run"', '"test": "vitest run --silent"'));
    expect(selected(testScript)).toEqual([...a, ...b]);
    expect(testScript.tests[0]?.reasons[0]?.rule).toBe('the manifest of packages/a changed (scripts.test)');
  });

  it('a dependency range selects the tests that reach its importers; a root dependency, those of packages that do not declare it', () => {
    const list = scenarios();
    const lodash = list(edit('packages/a/package.json', '"lodash-es": "^4.17.0"', '"lodash-es": "^4.17.21"'));
    // b imports lodash-es too, but declares its own; its test reaches a's title.ts, which uses a's copy.
    expect(selected(lodash)).toEqual(['packages/a/test/title.test.ts', 'packages/b/test/total.test.ts']);
    expect(lodash.tests[0]?.reasons).toEqual([
      { changed: 'packages/a/package.json', via: ['packages/a/src/title.ts'], rule: 'the dependencies range of lodash-es changed in packages/a/package.json' },
    ]);
    const zod = list(edit('package.json', '"zod": "^3.22.0"', '"zod": "^3.23.0"'));
    expect(selected(zod)).toEqual(['packages/c/test/schema.test.ts']);
  });

  it('exports widen to the package and its dependents, not to the packages that share a root build config', () => {
    const list = scenarios();
    const exports = list(edit('packages/a/package.json', '"exports": "./src/index.ts"', '"exports": { ".": "./src/index.ts" }'));
    expect(selected(exports)).toEqual([...a, ...b]);
    expect(exports.tests[0]?.reasons[0]?.rule).toBe('the manifest of packages/a changed (exports)');
  });

  it('a manifest unparsable on the base side widens to its package and dependents, naming the parse error', () => {
    const repo = createRepo('select-precision');
    const manifest = repo.read('packages/a/package.json');
    repo.write('packages/a/package.json', manifest.replace('"version": "1.0.0",', '"version": "1.0.0",,'));
    repo.commit('a broken manifest');
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('packages/a/package.json', manifest);
    const result = runCli(['list', '--json', '--base', 'main'], { cwd: repo.dir });
    const selection = JSON.parse(result.stdout) as Selection;
    expect(selected(selection)).toEqual([...a, ...b]);
    expect(selection.tests[0]?.reasons[0]?.rule).toMatch(/^the manifest of packages\/a changed \(cannot parse the base version: .+\)$/);
  });
});

describe('run everything', () => {
  it('names every trigger, in path order', () => {
    const list = scenarios();
    const selection = list((r) => {
      r.write('Dockerfile', 'FROM node:20\n');
      r.write('.github/workflows/ci.yml', 'name: x\n');
      edit('package.json', '"test": "vitest run"', '"test": "vitest run --silent"')(r);
    });
    expect(selection).toMatchObject({
      mode: 'all',
      reason: 'Dockerfile is not code and nothing imports it; the root package.json changed (scripts.test): running every test',
      inert: [{ path: '.github/workflows/ci.yml', pattern: '.github/**' }],
    });
    expect(selected(selection)).toEqual(all);
  });
});

describe('asset edges', () => {
  it('a listed directory reaches only the files directly in it; a template with ${} reaches nothing', async () => {
    const repo = createRepo('select-precision');
    repo.write('scripts/fixtures/one.json', '{}\n');
    repo.write('scripts/fixtures/deeper/two.json', '{}\n');
    repo.write('scripts/read-fixtures.ts', "import fs from 'node:fs';\nimport path from 'node:path';\n\nexport const names = fs.readdirSync(path.join(import.meta.dirname, 'fixtures'));\n");
    const graph = await buildGraph({ cwd: repo.dir, cache: false });
    // vitest.config.ts lists ./packages and scripts/labels.ts lists packages/: both hold only folders.
    expect(graph.edges.filter((edge) => edge.kind === 'asset')).toEqual([{ from: 'scripts/read-fixtures.ts', to: 'scripts/fixtures/one.json', kind: 'asset' }]);
  });
});
