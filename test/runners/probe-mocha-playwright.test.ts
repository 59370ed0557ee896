// Asks the installed mocha (its options loader and collect-files) and playwright (`test --list`) on small repositories.
import { expect, test } from 'vitest';
import { listMocha, probeMocha } from '../../src/runners/mocha/probe.js';
import { listPlaywright } from '../../src/runners/playwright/probe.js';
import { createRepo } from '../helpers/repo.js';
import { installRunner, matchedTests } from './runner-versions.js';

test('mocha: spec directories and globs, ignore, require files and file entries, as mocha resolves them', { timeout: 60_000 }, async () => {
  const repo = createRepo();
  repo.write('package.json', JSON.stringify({ name: 'm', private: true, mocha: { recursive: true } }));
  repo.write('packages/api/.mocharc.yml', "spec: ['test/unit', 'test/e2e/**/*.e2e.js']\nignore: ['test/unit/skip/**']\nrequire: ['./test/setup.js', 'some-package/register']\nfile: ['./test/global.js']\nextension: ['js', 'ts']\nrecursive: true\n");
  for (const file of ['test/setup.js', 'test/global.js', 'test/unit/a.js', 'test/unit/deep/b.ts', 'test/unit/skip/c.js', 'test/unit/notes.md', 'test/e2e/x.e2e.js', 'test/e2e/y.js']) {
    repo.write(`packages/api/${file}`, '\n');
  }
  installRunner(repo.dir, 'mocha', 'mocha');
  const listed = await listMocha({ root: repo.dir, configFile: 'packages/api/.mocharc.yml' });
  if (!listed.ok) throw new Error(listed.reason);
  expect(listed.projects).toEqual([
    {
      runner: 'mocha',
      configFile: 'packages/api/.mocharc.yml',
      dir: 'packages/api',
      include: ['test/unit/**/*.{js,ts}', 'test/e2e/**/*.e2e.js'],
      exclude: ['test/unit/skip/**'],
      testRegex: [],
      ignorePatterns: [],
      roots: [],
      setupFiles: ['packages/api/test/setup.js', 'packages/api/test/global.js'],
      missingSetup: [],
      aliases: [],
      origin: 'probe',
    },
  ]);
  expect([...listed.files].sort()).toEqual(['packages/api/test/e2e/x.e2e.js', 'packages/api/test/unit/a.js', 'packages/api/test/unit/deep/b.ts']);
  // impacted's matching of the resolved patterns finds exactly the runner's own listing.
  expect(await matchedTests(repo.dir, listed.projects)).toEqual([...listed.files].sort());
});

test('mocha: a config without a spec (mocha takes it from the command line) is not an answer', async () => {
  const repo = createRepo();
  repo.write('.mocharc.yml', "require: ['./setup.js']\n");
  repo.write('setup.js', '\n');
  installRunner(repo.dir, 'mocha', 'mocha');
  expect(await probeMocha({ root: repo.dir, configFile: '.mocharc.yml' })).toEqual({ ok: false, reason: 'the mocha config names no spec (mocha takes it from the command line)' });
});

test('playwright: each project\'s testDir, testMatch and testIgnore (globs and regular expressions), and its listing', { timeout: 60_000 }, async () => {
  const repo = createRepo();
  repo.write('package.json', JSON.stringify({ name: 'p', private: true }));
  repo.write(
    'e2e/playwright.config.js',
    "module.exports = { testDir: './specs', testIgnore: /skip/, globalSetup: './global-setup.js', projects: [{ name: 'one', testMatch: '*.e2e.js' }, { name: 'two', testDir: './specs/two' }] };\n",
  );
  repo.write('e2e/global-setup.js', 'module.exports = async () => {};\n');
  const spec = "const { test } = require('@playwright/test');\ntest('x', async () => {});\n";
  for (const file of ['specs/a.e2e.js', 'specs/b.spec.js', 'specs/skip.e2e.js', 'specs/two/c.spec.js']) repo.write(`e2e/${file}`, spec);
  installRunner(repo.dir, '@playwright/test', '@playwright/test');
  const listed = await listPlaywright({ root: repo.dir, configFile: 'e2e/playwright.config.js' });
  if (!listed.ok) throw new Error(listed.reason);
  const common = { runner: 'playwright', configFile: 'e2e/playwright.config.js', exclude: [], testRegex: [], ignorePatterns: ['skip'], roots: [], setupFiles: ['e2e/global-setup.js'], missingSetup: [], aliases: [], origin: 'probe' };
  expect(listed.projects).toEqual([
    { ...common, name: 'one', dir: 'e2e/specs', include: ['**/*.e2e.js'] },
    { ...common, name: 'two', dir: 'e2e/specs/two', include: ['**/*.@(spec|test).?(c|m)[jt]s?(x)'] },
  ]);
  expect([...listed.files].sort()).toEqual(['e2e/specs/a.e2e.js', 'e2e/specs/two/c.spec.js']);
  // impacted's matching of the resolved patterns finds exactly the runner's own listing.
  expect(await matchedTests(repo.dir, listed.projects)).toEqual([...listed.files].sort());
});
