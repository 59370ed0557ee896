// Reading NODE_V8_COVERAGE output: script URLs to files, source maps, and which processes' scripts belong to the test.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { attributeCoverage } from '../../src/audit/attribute-coverage.js';
import { readCoverage, scriptPath, type Coverage } from '../../src/audit/read-coverage.js';
import { repoFileMapper } from '../../src/audit/to-repo-files.js';
import { createRepo } from '../helpers/repo.js';

const url = (file: string): string => pathToFileURL(file).href;
const unit = (pid: number, thread: number, ...loaded: string[]) => ({ pid, thread, loaded: new Set(loaded), read: new Set<string>() });
const isTest = (file: string): boolean => file === '/repo/a.test.ts';

describe('scriptPath', () => {
  it('names the file behind file URLs, vite /@fs/ paths and plain paths, without query strings', () => {
    expect(scriptPath('file:///repo/src/a.ts')).toBe('/repo/src/a.ts');
    expect(scriptPath('file:///repo/src/a%20b.ts?v=123')).toBe('/repo/src/a b.ts');
    expect(scriptPath('/@fs/repo/src/a.ts?import')).toBe('/repo/src/a.ts');
    expect(scriptPath('/repo/src/a.ts')).toBe('/repo/src/a.ts');
    expect(scriptPath('node:fs')).toBeUndefined();
    expect(scriptPath('evalmachine.<anonymous>')).toBeUndefined();
    expect(scriptPath('')).toBeUndefined();
    expect(scriptPath('\0virtual:module')).toBeUndefined();
  });
});

describe('readCoverage', () => {
  it('reads every script entry per process and thread, the sources of source maps, and the recorded lineage', async () => {
    const dir = createRepo().dir;
    writeFileSync(
      path.join(dir, 'coverage-10-1000-0.json'),
      JSON.stringify({
        result: [{ url: url('/repo/dist/cli.js'), functions: [] }, { url: 'node:path' }, { url: url('/repo/test/a.test.ts') }],
        'source-map-cache': {
          [url('/repo/dist/cli.js')]: { url: url('/repo/dist/cli.js.map'), data: { sources: ['../src/cli.ts'] } },
          [url('/repo/dist/other.js')]: { data: { sourceRoot: '../src', sources: ['other.ts', 'webpack://x/y.ts'] } },
        },
      }),
    );
    writeFileSync(path.join(dir, 'coverage-10-1001-0.json'), JSON.stringify({ result: [{ url: url('/repo/src/late.ts') }] }));
    writeFileSync(path.join(dir, 'coverage-10-1000-1.json'), JSON.stringify({ result: [{ url: url('/repo/src/worker.ts') }] }));
    writeFileSync(path.join(dir, 'coverage-11-1000-0.json'), '{"result": [');
    writeFileSync(path.join(dir, 'process-10.json'), JSON.stringify({ pid: 10, ancestors: [7] }));
    writeFileSync(path.join(dir, 'reads-10-1.txt'), '/repo/fixtures/a.sql\n/repo/src/worker.ts\n');

    const coverage = await readCoverage(dir);
    expect(coverage.units).toEqual([
      {
        pid: 10,
        thread: 0,
        loaded: new Set(['/repo/dist/cli.js', '/repo/test/a.test.ts', '/repo/src/cli.ts', '/repo/src/other.ts', '/repo/src/late.ts']),
        read: new Set(),
      },
      { pid: 10, thread: 1, loaded: new Set(['/repo/src/worker.ts']), read: new Set(['/repo/fixtures/a.sql', '/repo/src/worker.ts']) },
    ]);
    expect(coverage.ancestors).toEqual(new Map([[10, [7]]]));
  });

  it('returns nothing for a directory that was never written', async () => {
    expect(await readCoverage(path.join(tmpdir(), 'impacted-no-such-dir'))).toEqual({ units: [], ancestors: new Map() });
  });
});

describe('attributeCoverage', () => {
  it("counts the test's process and the processes below it, not the runner's other processes", () => {
    // vitest forks: the runner (1) loads its config and global setup, a fork (2) runs the test, which spawns a CLI (3).
    const coverage: Coverage = {
      units: [
        unit(1, 0, '/repo/vitest.config.ts', '/repo/global-setup.ts'),
        unit(2, 0, '/repo/a.test.ts', '/repo/src/a.ts'),
        unit(3, 0, '/repo/dist/cli.js'),
        unit(4, 0, '/repo/other-fork.ts'),
        unit(5, 0, '/repo/no-lineage.ts'),
      ],
      ancestors: new Map([
        [1, []],
        [2, [1]],
        [3, [1, 2]],
        [4, [1]],
      ]),
    };
    expect(attributeCoverage(coverage, isTest)).toEqual({
      loaded: new Set(['/repo/a.test.ts', '/repo/src/a.ts', '/repo/dist/cli.js', '/repo/no-lineage.ts']),
      read: new Set(),
      captured: true,
    });
  });

  it("counts the test's thread, not the runner's main thread beside it", () => {
    const coverage: Coverage = {
      units: [unit(1, 0, '/repo/vitest.config.ts', '/repo/global-setup.ts'), unit(1, 1, '/repo/a.test.ts', '/repo/src/a.ts')],
      ancestors: new Map([[1, []]]),
    };
    expect(attributeCoverage(coverage, isTest)).toEqual({ loaded: new Set(['/repo/a.test.ts', '/repo/src/a.ts']), read: new Set(), captured: true });
  });

  it('counts everything, and says so, when no thread loaded the test', () => {
    const coverage: Coverage = { units: [unit(1, 0, '/repo/src/a.ts')], ancestors: new Map([[1, []]]) };
    expect(attributeCoverage(coverage, isTest)).toEqual({ loaded: new Set(['/repo/src/a.ts']), read: new Set(), captured: false });
  });
});

describe('repoFileMapper', () => {
  it('keeps repository files the graph knows, through symlinked node_modules, and drops everything else', () => {
    const repo = createRepo();
    repo.write('packages/a/src/index.ts', '');
    mkdirSync(path.join(repo.dir, 'node_modules'));
    repo.write('node_modules/dep/index.js', '');
    symlinkSync(path.join(repo.dir, 'packages/a'), path.join(repo.dir, 'node_modules/a'));
    const toRepoFile = repoFileMapper(repo.dir, new Set(['packages/a/src/index.ts']));
    expect(toRepoFile(path.join(repo.dir, 'packages/a/src/index.ts'))).toBe('packages/a/src/index.ts');
    expect(toRepoFile(path.join(repo.dir, 'node_modules/a/src/index.ts'))).toBe('packages/a/src/index.ts');
    expect(toRepoFile(path.join(repo.dir, 'node_modules/dep/index.js'))).toBeUndefined();
    expect(toRepoFile(path.join(repo.dir, 'dist/index.js'))).toBeUndefined();
    expect(toRepoFile('/elsewhere/index.ts')).toBeUndefined();
  });
});
