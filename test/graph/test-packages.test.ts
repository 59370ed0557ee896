// Before the runners name the tests, a cold run reads the files of the packages that hold files named like tests and
// of the workspace packages those depend on, transitively (fixtures/reach-docs-site: medusa's packages beside its
// documentation site, which no test reaches).
import { expect, test } from 'vitest';
import { scanFiles } from '../../src/graph/scan-files.js';
import { inTestPackages } from '../../src/graph/test-packages.js';
import { findWorkspaces } from '../../src/graph/workspaces.js';
import { createRepo } from '../helpers/repo.js';

async function read(dir: string) {
  const scan = await scanFiles(dir);
  const files = scan.files.map((file) => file.path);
  return { files, within: inTestPackages(findWorkspaces(dir, files, scan.source).packages, files) };
}

test('the packages with test files and those they depend on, not a documentation site or a package nothing with tests needs', async () => {
  const repo = createRepo('reach-docs-site');
  // ui (tests) needs tokens (no tests) as a peer, tokens needs colors; tools has no tests and no package with tests needs it.
  repo.write('packages/ui/package.json', JSON.stringify({ name: '@reach/ui', type: 'module', peerDependencies: { '@reach/tokens': '*' } }));
  repo.write('packages/tokens/package.json', JSON.stringify({ name: '@reach/tokens', dependencies: { '@reach/colors': '*' } }));
  repo.write('packages/tokens/src/index.ts', 'export const space = 4;\n');
  repo.write('packages/colors/package.json', JSON.stringify({ name: '@reach/colors' }));
  repo.write('packages/colors/src/index.ts', "export const red = '#f00';\n");
  repo.write('packages/tools/package.json', JSON.stringify({ name: '@reach/tools', dependencies: { '@reach/ui': '*' } }));
  repo.write('packages/tools/src/cli.ts', "import '@reach/ui';\n");
  repo.commit('more packages');
  const { files, within } = await read(repo.dir);
  expect(within).toBeDefined();
  expect(files.filter((file) => within!(file))).toEqual(
    files.filter((file) => /^packages\/(?:api|colors|tokens|ui)\//.test(file)),
  );
  expect(within!('www/pages/intro.mdx')).toBe(false);
  expect(within!('packages/tools/src/cli.ts')).toBe(false);
});

test('nothing tells where no file is named like a test', async () => {
  const repo = createRepo();
  repo.write('package.json', JSON.stringify({ name: 'plain', workspaces: ['packages/*'] }));
  repo.write('packages/a/package.json', JSON.stringify({ name: 'a' }));
  repo.write('packages/a/src/index.ts', 'export const a = 1;\n');
  repo.write('checks/a.check.ts', "import '../packages/a/src/index.js';\n");
  repo.commit('no tests by name');
  expect((await read(repo.dir)).within).toBeUndefined();
});
