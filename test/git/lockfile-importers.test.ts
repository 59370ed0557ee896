// Lockfiles compared per importer, install location and descriptor: a version change is seen even when the new
// version already exists elsewhere in the lockfile, and scoped to the workspace package that gets it.
import { describe, expect, it } from 'vitest';
import { compareLockfiles } from '../../src/git/lockfile-diff.js';
import { parseLockfile } from '../../src/git/lockfile-parsers.js';
import { cli } from '../bad-inputs/bad-repo.js';
import { createRepo } from '../helpers/repo.js';

const pnpmLock = (aLodash: string): string => `lockfileVersion: '9.0'

importers:

  .:
    devDependencies:
      lodash:
        specifier: ^4.17.0
        version: 4.17.20

  packages/a:
    dependencies:
      lodash:
        specifier: ^4.17.0
        version: ${aLodash}

  packages/b:
    dependencies:
      lodash:
        specifier: ^4.17.21
        version: 4.17.21

packages:

  lodash@4.17.20:
    resolution: {integrity: sha512-a}

  lodash@4.17.21:
    resolution: {integrity: sha512-b}

snapshots:

  lodash@4.17.20: {}

  lodash@4.17.21: {}
`;

const npmLock = (nested: string, hoisted: string): string =>
  JSON.stringify({
    name: 'root',
    lockfileVersion: 3,
    packages: {
      '': { name: 'root', workspaces: ['packages/*'] },
      'node_modules/a': { resolved: 'packages/a', link: true },
      'node_modules/lodash': { version: hoisted },
      'packages/a': { name: 'a', dependencies: { lodash: '^4.17.0' } },
      'packages/a/node_modules/lodash': { version: nested },
      'packages/c/node_modules/lodash': { version: '4.17.20' },
      'packages/d/node_modules/lodash': { version: '4.17.21' },
    },
  });

const yarnLock = (resolved: string): string => `# yarn lockfile v1


lodash@^4.17.0:
  version "${resolved}"

lodash@^4.17.21:
  version "4.17.21"

lodash@~4.17.20:
  version "4.17.20"
`;

describe('compareLockfiles', () => {
  it('pnpm: an importer moved to a version other importers already had: scoped to that importer', () => {
    expect(compareLockfiles(parseLockfile('pnpm', pnpmLock('4.17.20')), parseLockfile('pnpm', pnpmLock('4.17.21')), '')).toEqual({
      packages: [],
      scoped: [{ package: 'lodash', dirs: ['packages/a'] }],
    });
  });

  it('npm: a nested copy is scoped to its workspace; a hoisted one is everyone’s; a lockfile in a folder scopes to it', () => {
    const before = parseLockfile('npm', npmLock('4.17.20', '4.17.20'));
    expect(compareLockfiles(before, parseLockfile('npm', npmLock('4.17.21', '4.17.20')), '')).toEqual({
      packages: [],
      scoped: [{ package: 'lodash', dirs: ['packages/a'] }],
    });
    expect(compareLockfiles(before, parseLockfile('npm', npmLock('4.17.20', '4.17.21')), '')).toEqual({ packages: ['lodash'] });
    expect(compareLockfiles(before, parseLockfile('npm', npmLock('4.17.20', '4.17.21')), 'tools')).toEqual({
      packages: [],
      scoped: [{ package: 'lodash', dirs: ['tools'] }],
    });
  });

  it('yarn: a descriptor resolved to a version another descriptor already had: the package changed', () => {
    expect(compareLockfiles(parseLockfile('yarn', yarnLock('4.17.20')), parseLockfile('yarn', yarnLock('4.17.21')), '')).toEqual({ packages: ['lodash'] });
  });
});

describe('list: a lockfile change scoped to one workspace package', () => {
  it('selects the tests of the package whose locked version changed, not the other importers', () => {
    const repo = createRepo();
    repo.write('package.json', JSON.stringify({ name: 'root', private: true }));
    repo.write('pnpm-workspace.yaml', 'packages:\n  - packages/*\n');
    for (const name of ['a', 'b']) {
      repo.write(`packages/${name}/package.json`, JSON.stringify({ name, dependencies: { lodash: '^4.17.0' } }));
      repo.write(`packages/${name}/src/index.ts`, "import chunk from 'lodash/chunk';\n\nexport const pairs = (list: number[]) => chunk(list, 2);\n");
      repo.write(`packages/${name}/test/index.test.ts`, "import { pairs } from '../src/index.js';\n\npairs([1, 2, 3]);\n");
    }
    repo.write('pnpm-lock.yaml', pnpmLock('4.17.20'));
    repo.commit('initial');
    repo.git('checkout', '-q', '-b', 'bump');
    repo.write('pnpm-lock.yaml', pnpmLock('4.17.21'));
    repo.commit('bump lodash in a');

    const result = cli(['list', '--json', '--base', 'main'], { cwd: repo.dir });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).tests).toEqual([
      {
        path: 'packages/a/test/index.test.ts',
        reasons: [{ changed: 'pnpm-lock.yaml', via: ['packages/a/src/index.ts'], rule: 'locked version of lodash changed for packages/a' }],
      },
    ]);
  });
});

describe('transitive dependencies', () => {
  const pnpmTransitive = (ms: string): string => `lockfileVersion: '9.0'

importers:

  .:
    dependencies:
      debug:
        specifier: ^4.3.4
        version: 4.3.4

packages:

  debug@4.3.4:
    resolution: {integrity: sha512-a}

  ms@${ms}:
    resolution: {integrity: sha512-b}

snapshots:

  debug@4.3.4:
    dependencies:
      ms: ${ms}

  ms@${ms}: {}
`;

  it('a bump of a package nobody imports directly changes the packages that depend on it', () => {
    expect(compareLockfiles(parseLockfile('pnpm', pnpmTransitive('2.1.2')), parseLockfile('pnpm', pnpmTransitive('2.1.3')), '')).toEqual({
      packages: ['debug', 'ms'],
    });
    const npm = (ms: string) =>
      JSON.stringify({
        lockfileVersion: 3,
        packages: {
          '': { name: 'root' },
          'node_modules/debug': { version: '4.3.4', dependencies: { ms: '^2.1.1' } },
          'node_modules/ms': { version: ms },
        },
      });
    expect(compareLockfiles(parseLockfile('npm', npm('2.1.2')), parseLockfile('npm', npm('2.1.3')), '')).toEqual({ packages: ['debug', 'ms'] });
  });
});
