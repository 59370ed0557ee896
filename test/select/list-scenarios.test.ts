// End-to-end selection scenarios: a real temp git repository per change, the real CLI, exact selected sets.
import { renameSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Selection } from '../../src/types.js';
import { runCli } from '../helpers/cli.js';
import { createRepo, type TempRepo } from '../helpers/repo.js';

const money = ['packages/money/test/format.test.ts', 'packages/money/test/tax.test.ts'];
const db = ['packages/db/test/cycle.test.ts', 'packages/db/test/migrations.test.ts', 'packages/db/test/orders.test.ts', 'packages/db/test/search.test.ts'];
const legacy = ['packages/legacy/test/legacy.test.cjs'];
const api = ['services/api/test/admin.test.ts', 'services/api/test/broken.test.ts', 'services/api/test/server.test.ts'];
const all = [...db, ...legacy, ...money, ...api];

function feature(change: (repo: TempRepo) => void, options: { commit?: boolean; config?: object } = {}): TempRepo {
  const repo = createRepo('select-monorepo');
  if (options.config) {
    repo.write('impacted.config.json', JSON.stringify(options.config));
    repo.commit('config');
  }
  repo.git('checkout', '-q', '-b', 'feature');
  change(repo);
  if (options.commit !== false) repo.commit('change');
  return repo;
}

function list(repo: TempRepo, ...args: string[]): Selection {
  const result = runCli(['list', '--json', '--base', 'main', ...args], { cwd: repo.dir });
  expect(result.stderr).toMatch(/^impacted: /);
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as Selection;
}

const selected = (selection: Selection) => selection.tests.map((t) => t.path);

describe('impacted list selects exactly the affected tests', () => {
  it('a leaf module reached through a barrel and a package consumed through exports -> dist', () => {
    const repo = feature((r) => r.write('packages/money/src/tax.ts', `${r.read('packages/money/src/tax.ts')}export const zero = 0;\n`));
    const selection = list(repo);
    expect(selection.mode).toBe('affected');
    expect(selected(selection)).toEqual(['packages/db/test/orders.test.ts', 'packages/money/test/tax.test.ts', 'services/api/test/server.test.ts']);
    expect(selection.tests.find((t) => t.path === 'services/api/test/server.test.ts')?.reasons).toEqual([
      {
        changed: 'packages/money/src/tax.ts',
        via: ['packages/money/src/index.ts', 'packages/db/src/orders.ts', 'packages/db/src/index.ts', 'services/api/src/server.ts'],
      },
    ]);
    expect(selection.reason).toBe('1 changed file affects 3 of 10 tests');
    expect(selection.changed).toEqual([{ path: 'packages/money/src/tax.ts', status: 'modified' }]);
  });

  it('a path alias', () => {
    const repo = feature((r) => r.write('services/api/src/routes.ts', "export const routes = ['/orders', '/health'];\n"));
    expect(selected(list(repo))).toEqual(['services/api/test/broken.test.ts', 'services/api/test/server.test.ts']);
  });

  it('a type-only import counts by default and not with typeOnly: ignore', () => {
    const change = (r: TempRepo) => r.write('packages/db/src/types.ts', 'export interface ProductRow {\n  id: string;\n  name: string;\n}\n');
    expect(selected(list(feature(change)))).toEqual(['packages/db/test/search.test.ts', 'services/api/test/server.test.ts']);
    const ignoring = feature(change, { config: { typeOnly: 'ignore' } });
    expect(selected(list(ignoring))).toEqual([]);
  });

  it('a dynamic import', () => {
    const repo = feature((r) => r.write('services/api/src/admin.ts', "import { send } from './mailer.js';\n\nexport const admin = () => send('root');\n"));
    // broken.ts cannot be parsed, so any change in its package selects its tests too.
    expect(selected(list(repo))).toEqual(api);
  });

  it('a mocked module and its __mocks__ file', () => {
    const mocked = feature((r) => r.write('services/api/src/__mocks__/mailer.ts', 'export const send = () => "stub";\n'));
    const selection = list(mocked);
    expect(selected(selection)).toEqual(['services/api/test/admin.test.ts', 'services/api/test/broken.test.ts']);
    expect(selection.tests[1]?.reasons).toEqual([
      { changed: 'services/api/src/__mocks__/mailer.ts', via: ['services/api/src/broken.ts'], rule: 'services/api/src/broken.ts could not be fully parsed' },
    ]);
    const real = feature((r) => r.write('services/api/src/mailer.ts', 'export const send = (to: string) => to;\n'));
    expect(selected(list(real))).toEqual(api);
  });

  it('CommonJS require', () => {
    const repo = feature((r) => r.write('packages/legacy/src/util.cjs', 'exports.twice = (n) => n + n;\n'));
    expect(selected(list(repo))).toEqual(legacy);
  });

  it('a JSON import', () => {
    const repo = feature((r) => r.write('packages/money/src/rates.json', '{ "vat": 0.21 }\n'));
    expect(selected(list(repo))).toEqual(['packages/db/test/orders.test.ts', 'packages/money/test/tax.test.ts', 'services/api/test/server.test.ts']);
  });

  it('a cycle', () => {
    const repo = feature((r) => r.write('packages/db/src/cycle-b.ts', "import { a } from './cycle-a.js';\n\nexport const b = () => a();\n"));
    expect(selected(list(repo))).toEqual(['packages/db/test/cycle.test.ts']);
  });

  it('a changed test file and a new, uncommitted test file', () => {
    const repo = feature((r) => r.write('packages/db/test/orders.test.ts', `${r.read('packages/db/test/orders.test.ts')}// more\n`));
    repo.write('packages/db/test/new.test.ts', "import { it } from 'vitest';\n\nit('is new', () => {});\n");
    expect(selected(list(repo))).toEqual(['packages/db/test/new.test.ts', 'packages/db/test/orders.test.ts']);
  });

  it('an uncommitted change in the work tree', () => {
    const repo = feature((r) => r.write('packages/money/src/format.ts', 'export const formatCents = (c: number) => `${c}`;\n'), { commit: false });
    const selection = list(repo);
    expect(selection.head).toBe('worktree');
    expect(selected(selection)).toEqual(['packages/db/test/orders.test.ts', 'packages/money/test/format.test.ts', 'services/api/test/server.test.ts']);
  });

  it('docs only: an empty selection', () => {
    const repo = feature((r) => {
      r.write('README.md', '# select-monorepo\n\nMore words.\n');
      r.write('docs/guide.md', '# Guide\n\nMore.\n');
    });
    const selection = list(repo);
    expect(selection).toMatchObject({ mode: 'affected', tests: [], reason: '2 changed files affect 0 of 10 tests (2 ignored)' });
  });

  it('a deleted module selects the tests that imported it', () => {
    const repo = feature((r) => r.remove('packages/db/src/search.ts'));
    const selection = list(repo);
    expect(selection.changed).toEqual([{ path: 'packages/db/src/search.ts', status: 'deleted' }]);
    expect(selected(selection)).toEqual(['packages/db/test/search.test.ts', 'services/api/test/server.test.ts']);
  });

  it('a rename counts as both paths', () => {
    const repo = feature((r) => {
      renameSync(path.join(r.dir, 'packages/money/src/format.ts'), path.join(r.dir, 'packages/money/src/formatting.ts'));
    });
    const selection = list(repo);
    expect(selection.changed).toEqual([{ path: 'packages/money/src/formatting.ts', status: 'renamed', from: 'packages/money/src/format.ts' }]);
    // The old path's importers (still naming it) are selected.
    expect(selected(selection)).toEqual(['packages/db/test/orders.test.ts', 'packages/money/test/format.test.ts', 'services/api/test/server.test.ts']);
  });

  it('a SQL migration without a rule selects its package and dependents; with implicitDependencies only its users', () => {
    const add = (r: TempRepo) => r.write('packages/db/migrations/002_products.sql', 'CREATE TABLE products (id serial);\n');
    const without = list(feature(add));
    expect(selected(without)).toEqual([...db, ...api].sort());
    expect(without.tests[0]?.reasons[0]?.rule).toContain('is not code and nothing imports it');
    const withRule = feature(add, { config: { implicitDependencies: { 'packages/db/src/migrate.ts': ['packages/db/migrations/*.sql'] } } });
    expect(selected(list(withRule))).toEqual(['packages/db/test/migrations.test.ts', 'services/api/test/server.test.ts']);
  });

  it('a lockfile bump of one package selects the tests that reach its importers', () => {
    const repo = feature((r) => r.write('package-lock.json', r.read('package-lock.json').replaceAll('8.11.0', '8.12.0')));
    const selection = list(repo);
    expect(selected(selection)).toEqual(['packages/db/test/migrations.test.ts', 'packages/db/test/orders.test.ts', 'services/api/test/server.test.ts']);
    expect(selection.tests[0]?.reasons[0]).toMatchObject({ changed: 'package-lock.json', rule: 'locked version of pg changed' });
  });

  it('an unparsable lockfile selects everything, with the reason', () => {
    const repo = feature((r) => r.write('package-lock.json', '{ "lockfileVersion": 3, "packages": '));
    const selection = list(repo);
    expect(selection.mode).toBe('all');
    expect(selection.reason).toContain('package-lock.json could not be read');
    expect(selected(selection)).toEqual(all.sort());
  });

  it('a workspace manifest change that can change a test run selects the package and its dependents', () => {
    const repo = feature((r) => r.write('packages/money/package.json', r.read('packages/money/package.json').replace('./dist/index.js', './dist/money.js')));
    expect(selected(list(repo))).toEqual([...db, ...money, ...api].sort());
  });

  it('a root tsconfig change and a root runner config change run everything', () => {
    const tsconfig = list(feature((r) => r.write('tsconfig.base.json', '{ "compilerOptions": { "strict": false } }\n')));
    expect(tsconfig).toMatchObject({ mode: 'all', reason: 'tsconfig.base.json matches runAll pattern "tsconfig*.json": running every test' });
    expect(selected(tsconfig)).toHaveLength(10);
    const vitest = list(feature((r) => r.write('vitest.config.ts', `${r.read('vitest.config.ts')}// tweak\n`)));
    expect(vitest.mode).toBe('all');
  });

  it('a package runner config selects that package and its dependents; a setup file the tests its project runs', () => {
    const config = list(feature((r) => r.write('packages/db/vitest.config.ts', `${r.read('packages/db/vitest.config.ts')}// tweak\n`)));
    expect(selected(config)).toEqual([...db, ...api].sort());
    // The setup file runs before db's tests only: api's tests run with their own project's setup.
    const setup = list(feature((r) => r.write('packages/db/test/helpers/env.ts', "export const env = { url: 'postgres://db/test' };\n")));
    expect(selected(setup)).toEqual([...db].sort());
  });

  it('a file with a syntax error still selects its tests', () => {
    const repo = feature((r) => r.write('services/api/src/broken.ts', "import { routes } from './routes.js';\n\nexport const broken = ((( routes;\n"));
    expect(selected(list(repo))).toEqual(['services/api/test/broken.test.ts']);
  });

  it('a change to impacted.config.json runs everything', () => {
    const selection = list(feature((r) => r.write('impacted.config.json', JSON.stringify({ typeOnly: 'ignore' }))));
    expect(selection).toMatchObject({ mode: 'all', reason: 'impacted.config.json matches runAll pattern "impacted.config.json": running every test' });
  });

  it('an unparsable file widens only within its own package.json directory', () => {
    const repo = createRepo('select-monorepo');
    repo.write('tools/gen/package.json', '{ "name": "gen", "private": true }\n');
    repo.write('tools/gen/broken.ts', "import { a } from './a.js';\n\nexport const broken = ((( a;\n");
    repo.write('tools/gen/a.ts', 'export const a = 1;\n');
    repo.write('tools/gen/test/gen.test.ts', "import { broken } from '../broken.js';\n\nvoid broken;\n");
    // The root config's projects do not list tools/gen: its own config makes its tests vitest's.
    repo.write('tools/gen/vitest.config.ts', 'export default {};\n');
    repo.commit('a tool with a syntax error');
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('scripts/release.ts', 'export const release = true;\n');
    expect(selected(list(repo))).toEqual([]);
    repo.write('tools/gen/a.ts', 'export const a = 2;\n');
    expect(selected(list(repo))).toEqual(['tools/gen/test/gen.test.ts']);
  });

  it('on main: every test, with the reason', () => {
    const repo = createRepo('select-monorepo');
    const result = runCli(['list', '--json'], { cwd: repo.dir });
    const selection = JSON.parse(result.stdout) as Selection;
    expect(selection).toMatchObject({ mode: 'all', reason: 'on the default branch main: running every test' });
    expect(selected(selection)).toEqual(all.sort());
  });

  it('prints one test per line and a summary on stderr without --json', () => {
    const repo = feature((r) => r.write('services/api/src/routes.ts', 'export const routes = [];\n'));
    const result = runCli(['list', '--base', 'main'], { cwd: repo.dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('services/api/test/broken.test.ts\nservices/api/test/server.test.ts\n');
    // The last stderr line is the summary (a detection note may come first when there is no config).
    expect(result.stderr).toMatch(/\nimpacted: 1 changed file affects 2 of 10 tests \(base [0-9a-f]{12}, \d+ ms\)\n$/);
  });
});
