import { describe, expect, it } from 'vitest';
import { changedPackages } from '../../src/git/lockfile-diff.js';
import { type LockfileKind, lockfileKind, parseLockfile } from '../../src/git/lockfile-parsers.js';
import { changesIn, repoWith } from './git-fixtures.js';
import { npmV1, npmV3, pnpmV6, pnpmV9, yarnBerry, yarnV1 } from './lockfile-samples.js';

function versions(kind: LockfileKind, content: string): Record<string, string[]> {
  return Object.fromEntries([...parseLockfile(kind, content).versions].map(([name, set]) => [name, [...set].toSorted()]));
}

const ms = `
ms@^2.1.3:
  version "2.1.3"
  resolved "https://registry.yarnpkg.com/ms/-/ms-2.1.3.tgz#574c8138ce1d2b5861f0b44579dbadd60c6615b2"
  integrity sha512-6FlzubTLZG3J2a/NVCAleEhjzq5oxgHyaCU9yYXvcLsvoVaHJq/s5xXI6/XXP6tz7R9xAOtHnSO/tXtF3WRTlA==
`;

describe('lockfile parsers', () => {
  it('recognises lockfiles by name in any directory', () => {
    expect(['package-lock.json', 'a/b/yarn.lock', 'packages/x/pnpm-lock.yaml', 'npm-shrinkwrap.json', 'package.json', 'yarn.lock.bak'].map(lockfileKind)).toEqual([
      'npm',
      'yarn',
      'pnpm',
      'npm',
      undefined,
      undefined,
    ]);
  });

  it('reads npm v3 packages, skipping the root, workspace folders and workspace links', () => {
    expect(versions('npm', npmV3)).toEqual({
      '@types/node': ['20.11.5'],
      lodash: ['4.17.20'],
      ms: ['2.1.3'],
      'undici-types': ['5.26.5'],
    });
  });

  it('reads npm v1 nested dependencies', () => {
    expect(versions('npm', npmV1)).toEqual({ debug: ['4.3.4'], ms: ['2.0.0', '2.1.2'] });
  });

  it('reads yarn v1 entries with several descriptors', () => {
    expect(versions('yarn', yarnV1)).toEqual({
      '@babel/code-frame': ['7.12.13'],
      '@babel/highlight': ['7.13.10'],
      lodash: ['4.17.21'],
    });
  });

  it('reads yarn berry resolutions, skipping workspaces and metadata', () => {
    expect(versions('yarn', yarnBerry)).toEqual({
      'js-tokens': ['js-tokens@npm:4.0.0'],
      'loose-envify': ['loose-envify@npm:1.4.0'],
      react: ['react@npm:18.2.0'],
    });
  });

  it('reads pnpm v6 keys with a leading slash and peer suffixes', () => {
    expect(versions('pnpm', pnpmV6)).toEqual({
      'js-tokens': ['4.0.0'],
      'loose-envify': ['1.4.0'],
      react: ['18.2.0'],
      'react-dom': ['18.2.0'],
      scheduler: ['0.23.0'],
    });
  });

  it('reads pnpm v9 packages and snapshots', () => {
    expect(versions('pnpm', pnpmV9)).toEqual({
      '@tanstack/query-core': ['5.17.9'],
      '@tanstack/react-query': ['5.17.9'],
      clsx: ['2.1.0'],
      'js-tokens': ['4.0.0'],
      'loose-envify': ['1.4.0'],
      react: ['18.2.0'],
    });
  });

  it('reads pnpm v5 keys', () => {
    const v5 = "lockfileVersion: 5.4\n\npackages:\n\n  /@types/node/20.0.0:\n    dev: true\n\n  /react-dom/18.2.0_react@18.2.0:\n    dev: false\n";
    expect(versions('pnpm', v5)).toEqual({ '@types/node': ['20.0.0'], 'react-dom': ['18.2.0'] });
  });

  it('throws on content that is not a lockfile', () => {
    expect(() => parseLockfile('npm', '{ "lockfileVersion": 3, ')).toThrow();
    expect(() => parseLockfile('npm', '[1, 2]')).toThrow('not a JSON object');
    expect(() => parseLockfile('pnpm', 'packages:\n  foo: [\n')).toThrow();
    expect(() => parseLockfile('yarn', '<<<<<<< HEAD\nlodash@^4:\n  version "4.17.21"\n=======\n')).toThrow();
  });

  it('compares name -> versions maps', () => {
    const before = parseLockfile('npm', npmV1);
    const after = parseLockfile('npm', npmV1.replace('"version": "2.0.0"', '"version": "2.0.1"').replace(/"debug": \{/, '"debug-x": {'));
    expect(changedPackages(before.versions, after.versions)).toEqual(['debug', 'debug-x', 'ms']);
    expect(changedPackages(before.versions, parseLockfile('npm', npmV1).versions)).toEqual([]);
  });
});

describe('detectChanges: lockfile changes', () => {
  it('reports package names added, removed or re-versioned in every changed lockfile', async () => {
    const repo = repoWith({
      'package-lock.json': npmV3,
      'apps/legacy/package-lock.json': npmV1,
      'apps/v6/pnpm-lock.yaml': pnpmV6,
      'packages/web/yarn.lock': yarnV1,
      'packages/ui/pnpm-lock.yaml': pnpmV9,
      'tools/yarn.lock': yarnBerry,
      'tools/untouched/yarn.lock': yarnBerry,
    });
    repo.git('checkout', '-q', '-b', 'feature');
    // Committed: a one-package bump and a removal.
    repo.write('package-lock.json', npmV3.replaceAll('lodash-4.17.20', 'lodash-4.17.21').replace('"version": "4.17.20"', '"version": "4.17.21"'));
    repo.write(
      'packages/ui/pnpm-lock.yaml',
      pnpmV9
        .replace(/ {2}packages\/ui:\n(?: {4}.*\n)+\n/, '')
        .replace(/ {2}clsx@2\.1\.0:\n(?: {4}.*\n)+\n/, '')
        .replace('  clsx@2.1.0: {}\n\n', ''),
    );
    repo.commit('bump lodash, drop clsx');
    // Uncommitted: an addition, a peer-only change, a whitespace-only change and a corrupt file.
    repo.write('packages/web/yarn.lock', yarnV1 + ms);
    repo.write('apps/v6/pnpm-lock.yaml', pnpmV6.replaceAll('react@18.2.0', 'react@18.3.1'));
    repo.write('apps/legacy/package-lock.json', `${JSON.stringify(JSON.parse(npmV1), null, 4)}\n`);
    repo.write('tools/yarn.lock', `<<<<<<< HEAD\n${yarnBerry}=======\n`);

    const changes = await changesIn(repo);

    expect(changes.lockfiles).toEqual([
      { lockfile: 'apps/legacy/package-lock.json', packages: [] },
      // react-dom depends on react (a peer): its code changes with it.
      { lockfile: 'apps/v6/pnpm-lock.yaml', packages: ['react', 'react-dom'] },
      { lockfile: 'package-lock.json', packages: ['lodash'] },
      { lockfile: 'packages/ui/pnpm-lock.yaml', packages: ['clsx'] },
      { lockfile: 'packages/web/yarn.lock', packages: ['ms'] },
      { lockfile: 'tools/yarn.lock', packages: [], error: expect.stringMatching(/^cannot parse the head version: .+/) },
    ]);
  });

  it('reads the head side from the commit with --head, and handles added and deleted lockfiles', async () => {
    const repo = repoWith({ 'package-lock.json': npmV1, 'old/yarn.lock': yarnV1 });
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('package-lock.json', npmV1.replace('"version": "4.3.4"', '"version": "4.3.5"'));
    repo.remove('old/yarn.lock');
    repo.write('new/pnpm-lock.yaml', pnpmV6);
    repo.commit('lockfile changes');
    repo.write('package-lock.json', 'not even json');

    const changes = await changesIn(repo, { head: 'HEAD' });

    expect(changes.lockfiles).toEqual([
      { lockfile: 'new/pnpm-lock.yaml', packages: ['js-tokens', 'loose-envify', 'react', 'react-dom', 'scheduler'] },
      { lockfile: 'old/yarn.lock', packages: ['@babel/code-frame', '@babel/highlight', 'lodash'] },
      { lockfile: 'package-lock.json', packages: ['debug'] },
    ]);
  });

  it('follows a renamed lockfile back to its old path', async () => {
    const repo = repoWith({ 'a/package-lock.json': npmV3 });
    repo.git('checkout', '-q', '-b', 'feature');
    repo.git('mv', 'a', 'b');

    const changes = await changesIn(repo);

    expect(changes.changed).toEqual([{ path: 'b/package-lock.json', status: 'renamed', from: 'a/package-lock.json' }]);
    expect(changes.lockfiles).toEqual([{ lockfile: 'b/package-lock.json', packages: [] }]);
  });

  it('reports a base side that cannot be parsed', async () => {
    const repo = repoWith({ 'pnpm-lock.yaml': 'packages: [\n' });
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('pnpm-lock.yaml', pnpmV9);

    const changes = await changesIn(repo);

    expect(changes.lockfiles).toEqual([
      { lockfile: 'pnpm-lock.yaml', packages: [], error: expect.stringMatching(/^cannot parse the base version: .+/) },
    ]);
  });
});
