// `--head <ref>`: the graph is the head commit's tree, read from git objects; sparse checkouts read what they lack
// on disk from the index. Through the real CLI on temp repositories.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/affected-tests.js';
import type { BuiltGraph } from '../../src/graph/build-graph.js';
import { appTest, badRepo, cli, iconTest, listJson, mathTest, selected } from '../bad-inputs/bad-repo.js';
import type { TempRepo } from '../helpers/repo.js';

const extraTest = 'packages/core/test/extra.test.ts';

/** On `feature`: a new test of a new module, and the app importing a new helper that imports core's math. */
function withFeature(repo: TempRepo): void {
  repo.git('checkout', '-q', '-b', 'feature');
  repo.write('packages/core/src/extra.ts', "export const extra = 1;\n");
  repo.write(extraTest, "import { extra } from '../src/extra.js';\n\nif (extra !== 1) throw new Error('extra');\n");
  repo.write('packages/app/src/helper.ts', "export { add as plus } from '@bad/core';\n");
  repo.write('packages/app/src/app.ts', "import { plus } from './helper.js';\n\nexport const total = (items: number[]): number => items.reduce(plus, 0);\n");
  repo.commit('feature');
}

describe('--head <ref> reads the head tree from git objects', () => {
  it('from a checkout of main, selects the test the head branch adds and the chains through its new files', () => {
    const repo = badRepo();
    withFeature(repo);
    const fromFeature = listJson(repo, '--base', 'main');
    repo.git('checkout', '-q', 'main');
    // Work-tree edits on main are not part of `--head feature`.
    repo.write('packages/core/src/math.ts', "import './nowhere.js';\nexport const add = (a: number, b: number): number => a - b;\n");
    repo.remove('packages/core/src/icon.ts');

    const fromMain = listJson(repo, '--base', 'main', '--head', 'feature');
    expect(selected(fromMain)).toEqual([appTest, extraTest]);
    expect(fromMain.tests.find((test) => test.path === appTest)?.reasons).toEqual([
      { changed: 'packages/app/src/app.ts', via: [] },
      { changed: 'packages/app/src/helper.ts', via: ['packages/app/src/app.ts'] },
    ]);
    expect({ ...fromMain, stats: undefined, head: undefined }).toEqual({ ...fromFeature, stats: undefined, head: undefined });
    expect(fromMain.head).toBe(repo.git('rev-parse', 'feature'));
  });

  it('replays history: --base C^ --head C gives what a checkout of C gives with --base C^', () => {
    const repo = badRepo();
    withFeature(repo);
    repo.write('packages/core/src/math.ts', "export const add = (a: number, b: number): number => b + a;\n");
    repo.commit('math');
    repo.remove('packages/core/src/icon.ts');
    repo.write('packages/core/src/index.ts', "export { add } from './math.js';\n");
    repo.remove(iconTest);
    repo.commit('no icon');
    const commits = repo.git('rev-list', '--reverse', 'main..feature').split('\n');
    const checkedOut = commits.map((commit) => {
      repo.git('checkout', '-q', commit);
      return listJson(repo, '--base', `${commit}^`);
    });
    repo.git('checkout', '-q', 'main');
    const replayed = commits.map((commit) => listJson(repo, '--base', `${commit}^`, '--head', commit));
    expect(replayed.map(selected)).toEqual([[appTest, extraTest], [appTest, mathTest], [appTest]]);
    expect(replayed.map((selection) => ({ ...selection, stats: undefined, head: undefined }))).toEqual(
      checkedOut.map((selection) => ({ ...selection, stats: undefined, head: undefined })),
    );
  });

  it('keeps the graph cache: a second run of the same head reads no file', async () => {
    const repo = badRepo();
    withFeature(repo);
    repo.git('checkout', '-q', 'main');
    const first = await analyze({ cwd: repo.dir, base: 'main', head: 'feature' });
    const second = await analyze({ cwd: repo.dir, base: 'main', head: 'feature' });
    expect((first.graph as BuiltGraph).stats.extracted).toBeGreaterThan(0);
    expect((second.graph as BuiltGraph).stats).toMatchObject({ extracted: 0, cached: (first.graph as BuiltGraph).stats.extracted });
    expect(second.selection.tests).toEqual(first.selection.tests);
  });

  it('a workspace package the head branch adds is read from the commit, not from the work tree that lacks it', () => {
    const repo = badRepo({ feature: true });
    repo.write('packages/extra/package.json', '{ "name": "@bad/extra", "private": true }\n');
    repo.write('packages/extra/src/extra.ts', 'export const extra = 1;\n');
    repo.write('packages/extra/test/extra.test.ts', "import { extra } from '../src/extra.js';\n\nif (extra !== 1) throw new Error('extra');\n");
    repo.commit('a new package');
    repo.git('checkout', '-q', 'main');
    expect(selected(listJson(repo, '--base', 'main', '--head', 'feature'))).toEqual(['packages/extra/test/extra.test.ts']);
  });

  it('an unknown --head is one line, exit 2', () => {
    const repo = badRepo();
    const result = cli(['list', '--base', 'main', '--head', 'no-such-branch'], { cwd: repo.dir });
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toBe('impacted: head ref "no-such-branch" not found. Use --head <ref>.\n');
  });
});

describe('sparse checkouts', () => {
  it('files outside the sparse set are read from the index: the same selection as a full checkout, nothing unreadable', () => {
    const repo = badRepo({ feature: true });
    repo.write('packages/core/src/math.ts', "export const add = (a: number, b: number): number => b + a;\n");
    repo.commit('math');
    const full = listJson(repo, '--base', 'main');
    repo.git('sparse-checkout', 'set', '--no-cone', '/package.json', '/packages/app/', '/packages/*/package.json');
    expect(repo.git('ls-files', '-t', 'packages/core/src/math.ts')).toBe('S packages/core/src/math.ts');

    const sparse = cli(['list', '--json', '--base', 'main'], { cwd: repo.dir });
    expect(sparse.code).toBe(0);
    expect(sparse.stderr).not.toMatch(/cannot read|could not be fully parsed/);
    expect(selected(JSON.parse(sparse.stdout))).toEqual([appTest, mathTest]);
    expect({ ...JSON.parse(sparse.stdout), stats: undefined }).toEqual({ ...full, stats: undefined });
    expect(selected(listJson(repo, '--base', 'main', '--head', 'HEAD'))).toEqual([appTest, mathTest]);
  });
});
