// `impacted why` and `impacted graph` through the real CLI.
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { createRepo } from './helpers/repo.js';

describe('impacted why', () => {
  const repo = createRepo('select-monorepo');
  repo.git('checkout', '-q', '-b', 'feature');
  repo.write('packages/money/src/tax.ts', `${repo.read('packages/money/src/tax.ts')}export const zero = 0;\n`);
  repo.commit('change tax');

  it('shows the chain from the changed file to a selected test', () => {
    const result = runCli(['why', 'services/api/test/server.test.ts', '--base', 'main'], { cwd: repo.dir });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe(
      [
        'services/api/test/server.test.ts is selected by 1 changed file:',
        '  packages/money/src/tax.ts',
        '    -> packages/money/src/index.ts',
        '    -> packages/db/src/orders.ts',
        '    -> packages/db/src/index.ts',
        '    -> services/api/src/server.ts',
        '    -> services/api/test/server.test.ts',
        '',
      ].join('\n'),
    );
  });

  it('says why a test is not selected', () => {
    const result = runCli(['why', 'packages/legacy/test/legacy.test.cjs', '--base', 'main'], { cwd: repo.dir });
    expect(result.stdout).toBe('packages/legacy/test/legacy.test.cjs is not selected: none of the 1 changed file is among the 2 files it depends on.\n');
  });

  it('lists the tests a source file reaches, relative to the directory it runs in', () => {
    const result = runCli(['why', 'src/format.ts', '--base', 'main', '--cwd', 'packages/money'], { cwd: repo.dir });
    expect(result.stdout).toBe(
      [
        'packages/money/src/format.ts is reached by 3 tests:',
        '  packages/money/src/format.ts',
        '    -> packages/money/src/index.ts',
        '    -> packages/db/src/orders.ts',
        '    -> packages/db/test/orders.test.ts',
        '  packages/money/src/format.ts',
        '    -> packages/money/test/format.test.ts',
        '  packages/money/src/format.ts',
        '    -> packages/money/src/index.ts',
        '    -> packages/db/src/orders.ts',
        '    -> packages/db/src/index.ts',
        '    -> services/api/src/server.ts',
        '    -> services/api/test/server.test.ts',
        '',
      ].join('\n'),
    );
  });
});

describe('impacted why: rules and type-only imports', () => {
  it('a test an implicitDependencies rule selects still shows its import chain; type-only hops are marked', () => {
    const repo = createRepo('select-monorepo');
    repo.write('impacted.config.json', JSON.stringify({ implicitDependencies: { 'services/api/test/server.test.ts': ['packages/money/src/tax.ts'] } }));
    repo.commit('an implicit dependency');
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('packages/money/src/tax.ts', `${repo.read('packages/money/src/tax.ts')}export const zero = 0;\n`);
    repo.write('packages/db/src/types.ts', `${repo.read('packages/db/src/types.ts')}export type Id = string;\n`);
    repo.commit('change tax and a type');

    const rule = runCli(['why', 'services/api/test/server.test.ts', '--base', 'main'], { cwd: repo.dir });
    expect(rule).toMatchObject({ code: 0, stderr: '' });
    expect(rule.stdout).toBe(
      [
        'services/api/test/server.test.ts is selected by 2 changed files:',
        '  packages/db/src/types.ts',
        '    -> packages/db/src/search.ts  (type-only import)',
        '    -> packages/db/src/index.ts',
        '    -> services/api/src/server.ts',
        '    -> services/api/test/server.test.ts',
        '  packages/money/src/tax.ts',
        '    -> services/api/test/server.test.ts  (implicitDependencies)',
        '  packages/money/src/tax.ts',
        '    -> packages/money/src/index.ts',
        '    -> packages/db/src/orders.ts',
        '    -> packages/db/src/index.ts',
        '    -> services/api/src/server.ts',
        '    -> services/api/test/server.test.ts',
        '',
      ].join('\n'),
    );
    const typeOnly = runCli(['why', 'packages/db/src/types.ts', '--base', 'main'], { cwd: repo.dir });
    expect(typeOnly.stdout).toContain(['  packages/db/src/types.ts', '    -> packages/db/src/search.ts  (type-only import)', '    -> packages/db/test/search.test.ts', ''].join('\n'));
  });
});

describe('impacted why on changed files', () => {
  const repo = createRepo('select-monorepo');
  repo.git('checkout', '-q', '-b', 'feature');
  repo.write('packages/legacy/package.json', repo.read('packages/legacy/package.json').replace('"src/index.cjs"', '"./src/index.cjs"'));
  repo.write('packages/db/test/cycle.test.ts', `${repo.read('packages/db/test/cycle.test.ts')}// more\n`);
  repo.write('docs/guide.md', '# Guide\n\nMore.\n');
  repo.commit('changes');
  const why = (file: string) => runCli(['why', file, '--base', 'main'], { cwd: repo.dir }).stdout;

  it('shows the tests a changed file selects through a rule, as list decided', () => {
    expect(why('packages/legacy/package.json')).toBe(
      [
        'packages/legacy/package.json is changed and selects 1 test:',
        '  packages/legacy/package.json  (the manifest of packages/legacy changed (main))',
        '    -> packages/legacy/test/legacy.test.cjs',
        '',
      ].join('\n'),
    );
  });

  it('says a changed test selects itself, without a chain', () => {
    expect(why('packages/db/test/cycle.test.ts')).toBe(
      ['packages/db/test/cycle.test.ts is selected by 1 changed file:', '  packages/db/test/cycle.test.ts  (the test itself changed)', ''].join('\n'),
    );
  });

  it('says an ignored file selects nothing, and an unreached file is reached by no test', () => {
    expect(why('docs/guide.md')).toBe('docs/guide.md matches an "ignore" pattern: a change to it selects no test.\n');
    expect(why('tsconfig.base.json')).toBe('tsconfig.base.json is reached by no test.\n');
  });
});

describe('impacted graph', () => {
  const repo = createRepo('graph-yarn');

  it('prints sorted JSON with repository-relative paths and a summary on stderr', () => {
    const result = runCli(['graph', '--json'], { cwd: repo.dir });
    expect(result.code).toBe(0);
    const graph = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(graph).toMatchObject({
      version: 1,
      files: ['libs/app/package.json', 'libs/app/src/main.ts', 'libs/app/test/main.test.ts', 'libs/core/package.json', 'libs/core/src/index.ts', 'libs/core/tsconfig.json', 'package.json'],
      edges: [
        { from: 'libs/app/src/main.ts', to: 'libs/core/src/index.ts', kind: 'static' },
        { from: 'libs/app/test/main.test.ts', to: 'libs/app/src/main.ts', kind: 'static' },
      ],
      external: [],
      unresolved: [],
    });
    expect(result.stderr).toMatch(/^impacted: 7 files, 2 edges, 3 packages, 0 unresolved in \d+ ms\n$/);
  });

  it('draws what a file imports and what imports it with --focus', () => {
    const result = runCli(['graph', '--focus', 'libs/app/src/main.ts'], { cwd: repo.dir });
    expect(result.stdout).toBe(
      ['libs/app/src/main.ts', 'imports:', '└─ libs/core/src/index.ts', 'imported by:', '└─ libs/app/test/main.test.ts', ''].join('\n'),
    );
  });

  it('prints Graphviz with --dot', () => {
    const result = runCli(['graph', '--dot'], { cwd: repo.dir });
    expect(result.stdout).toContain('digraph impacted {');
    expect(result.stdout).toContain('  "libs/app/src/main.ts" -> "libs/core/src/index.ts";');
    expect(result.stdout).toContain('label="core";');
  });

  it('rejects --json with --dot, and an unknown --focus file', () => {
    expect(runCli(['graph', '--json', '--dot'], { cwd: repo.dir })).toMatchObject({ code: 2, stderr: 'impacted: --json and --dot cannot be combined. Pick one.\n' });
    expect(runCli(['graph', '--focus', 'nope.ts'], { cwd: repo.dir })).toMatchObject({ code: 2, stderr: 'impacted: nope.ts is not a scanned file of this repository. Check the path.\n' });
  });
});
