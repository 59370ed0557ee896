// A selection reads only what the tests, their setup files and the runner configs reach (fixtures/reach-docs-site, the
// shape of medusa's documentation site beside its packages): the same selection as the whole graph gives, for every
// file of the fixture changed or deleted, without reading or reporting the files no test reaches.
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/affected-tests.js';
import type { BuiltGraph } from '../../src/graph/build-graph.js';
import { runCli } from '../helpers/cli.js';
import { createRepo, type TempRepo } from '../helpers/repo.js';

const files = (repo: TempRepo) => repo.git('ls-files').split('\n');

/** What a selection says, without its timings and problems (the whole graph has more of them, by design). */
async function selection(repo: TempRepo, wholeGraph: boolean, cacheDir?: string) {
  const { selection: found, graph } = await analyze({ cwd: repo.dir, base: 'main', wholeGraph, ...(cacheDir ? { cacheDir } : { cache: false }) });
  return { found: { ...found, stats: undefined, problems: undefined }, graph: graph as BuiltGraph };
}

const graphOf = ({ edges, unresolved, external, problems }: BuiltGraph) => ({ edges, unresolved, external, problems });

/** Two different edits of a file, the second changing what a code file imports, and its deletion. */
const changes = (file: string) =>
  file.endsWith('.json')
    ? ['{ "note": "red" }\n', '{ "note": "blue", "name": "x" }\n', undefined]
    : [`// edited\n`, /\.(?:ts|tsx|mdx)$/.test(file) ? "import './nowhere.js';\n" : '// edited again\n', undefined];

describe('list reads what the tests reach', () => {
  it('selects what the whole graph selects, for every file edited twice or deleted, with and without a cache', async () => {
    const repo = createRepo('reach-docs-site');
    repo.git('checkout', '-q', '-b', 'feature');
    // One cache for every run: each edit is read over what the cache holds from the one before.
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'impacted-cache-'));
    for (const file of files(repo)) {
      const original = repo.read(file);
      for (const change of changes(file)) {
        if (change === undefined) repo.remove(file);
        else repo.write(file, file.endsWith('.json') ? change : `${change}${original}`);
        const whole = (await selection(repo, true)).found;
        const [cold, warm] = [await selection(repo, false), await selection(repo, false, cacheDir)];
        expect({ file, change, ...cold.found }).toEqual({ file, change, ...whole });
        expect({ file, change, ...warm.found }).toEqual({ file, change, ...whole });
        // The cache changes nothing of what the tests reach.
        expect({ file, change, ...graphOf(warm.graph) }).toEqual({ file, change, ...graphOf(cold.graph) });
      }
      repo.git('checkout', '-q', '--', '.');
    }
  });

  it('reads no file that no test reaches, and reports none of their problems', async () => {
    const repo = createRepo('reach-docs-site');
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('packages/ui/src/button.ts', "export const button = (label: string): string => `<button type=\"button\">${label}</button>`;\n");
    const { graph } = await selection(repo, false);
    // The two tests, what they import, and the three vitest configs.
    expect(graph.stats).toMatchObject({ extracted: 7, resolved: 7 });
    expect(graph.problems).toEqual([]);
    expect(graph.unresolved).toEqual([]);
    const list = runCli(['list', '--base', 'main'], { cwd: repo.dir });
    expect(list).toEqual({
      code: 0,
      stdout: 'packages/ui/test/button.test.ts\n',
      stderr: expect.not.stringMatching(/unresolved|not fully parsed/) as unknown as string,
    });
    // The whole graph still has them.
    const problems = runCli(['graph', '--problems', '--no-cache'], { cwd: repo.dir });
    expect(problems.stdout).toMatch(/^unresolved packages\/api\/src\/unused\.ts: "\.\/missing\.js" resolves to no file/m);
    expect(problems.stdout).toMatch(/^unparsed www\/components\/broken\.ts:/m);
  });

  it('on the default branch every test runs and nothing is read: the cache stays as the branch left it', async () => {
    const repo = createRepo('reach-docs-site');
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'impacted-cache-'));
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('packages/ui/src/button.ts', 'export const button = (): string => "<button>";\n');
    const onBranch = await analyze({ cwd: repo.dir, base: 'main', cacheDir });
    expect(onBranch.selection.tests.map((test) => test.path)).toEqual(['packages/ui/test/button.test.ts']);
    repo.git('commit', '-qam', 'button');
    repo.git('checkout', '-q', 'main');
    repo.git('merge', '-q', '--ff-only', 'feature');
    // Edited on the default branch: every test runs all the same, and the edit is not read either.
    repo.write('packages/ui/src/button.ts', 'export const button = (): string => "<button >";\n');
    const cacheFile = path.join(cacheDir, readdirSync(cacheDir).find((name) => name.startsWith('graph-'))!);
    const stamp = () => {
      const { ino, mtimeMs, ctimeMs } = statSync(cacheFile);
      return { ino, mtimeMs, ctimeMs, bytes: readFileSync(cacheFile) };
    };
    const written = stamp();
    const onMain = await analyze({ cwd: repo.dir, cacheDir });
    // Not written again: what the branch read is there for the next branch.
    expect(stamp()).toEqual(written);
    expect(onMain.selection).toMatchObject({ mode: 'all', reason: 'on the default branch main: running every test' });
    expect(onMain.selection.tests.map((test) => test.path)).toEqual(['packages/api/test/format.test.ts', 'packages/ui/test/button.test.ts']);
    expect((onMain.graph as BuiltGraph).stats).toMatchObject({ extracted: 0, resolved: 0, edges: 0 });
    // Back on a branch, the cache written there still answers for every file the tests reach.
    repo.git('checkout', '-q', '-b', 'next');
    repo.write('packages/ui/src/button.ts', 'export const button = (): string => "<button type=\\"button\\">";\n');
    const next = await analyze({ cwd: repo.dir, base: 'main', cacheDir });
    expect(next.selection.tests.map((test) => test.path)).toEqual(['packages/ui/test/button.test.ts']);
    expect((next.graph as BuiltGraph).stats).toMatchObject({ extracted: 1, resolved: 1 });
  });

  it('a changed data file that only an unreached file imports: every file is read, and it selects nothing', async () => {
    const repo = createRepo('reach-docs-site');
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('www/data/colors.json', '{ "note": "red" }\n');
    const { found, graph } = await selection(repo, false);
    expect(found).toMatchObject({ mode: 'affected', tests: [] });
    // The second build read the documentation site and the file no test imports too.
    expect(graph.problems.map((problem) => problem.file)).toEqual(['www/components/broken.ts']);
    expect(graph.unresolved.map((unresolved) => unresolved.from)).toEqual(['packages/api/src/unused.ts']);
    const list = runCli(['list', '--base', 'main'], { cwd: repo.dir });
    expect(list.code).toBe(0);
    expect(list.stdout).toBe('');
    expect(list.stderr).toMatch(/1 changed file affects 0 of 2 tests/);
  });
});
