// The `graph --html` page: the package model (counts, changes, affected tests, layout) and a page that loads nothing.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageGraphModel } from '../../src/report/graph-html-model.js';
import { graphHtml } from '../../src/report/graph-html.js';
import type { GraphEdge, WorkspacePackage } from '../../src/types.js';
import { runCli } from '../helpers/cli.js';
import { createRepo } from '../helpers/repo.js';

const stats = { files: 0, edges: 0, packages: 0, unresolved: 0, ms: 0 };
const pkg = (dir: string, name = dir): WorkspacePackage => ({ name, dir, dependsOn: [] });
const edge = (from: string, to: string): GraphEdge => ({ from, to, kind: 'static' });

describe('package graph model', () => {
  it('select-monorepo after a change to money: counts, marks, impacted links and columns', () => {
    const repo = createRepo('select-monorepo');
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('packages/money/src/tax.ts', `${repo.read('packages/money/src/tax.ts')}\nexport const extra = 1;\n`);
    const result = runCli(['graph', '--html', 'graph.html', '--base', 'main'], { cwd: repo.dir });
    expect(result).toEqual({ code: 0, stdout: '', stderr: 'impacted: wrote graph.html (5 packages; 1 changed file affects 3 of 10 tests)\n' });
    const html = readFileSync(path.join(repo.dir, 'graph.html'), 'utf8');
    const data = JSON.parse(/<script type="application\/json" id="impacted-data">(.*?)<\/script>/s.exec(html)?.[1] ?? '{}') as {
      nodes: { dir: string; name: string; tests: number; changed: number; affected: number; files: { path: string; mark?: string }[] }[];
      links: unknown[];
    };
    expect(data.nodes.map(({ dir, name, tests, changed, affected, files }) => ({ dir, name, files: files.length, tests, changed, affected }))).toEqual([
      { dir: 'services/api', name: '@acme/api', files: 11, tests: 3, changed: 0, affected: 1 },
      { dir: 'packages/legacy', name: '@acme/legacy', files: 4, tests: 1, changed: 0, affected: 0 },
      { dir: '', name: 'select-monorepo', files: 7, tests: 0, changed: 0, affected: 0 },
      { dir: 'packages/db', name: '@acme/db', files: 18, tests: 4, changed: 0, affected: 1 },
      { dir: 'packages/money', name: '@acme/money', files: 8, tests: 2, changed: 1, affected: 1 },
    ]);
    expect(data.nodes[4]?.files.filter((f) => f.mark)).toEqual([
      { path: 'packages/money/src/tax.ts', mark: 'changed' },
      { path: 'packages/money/test/format.test.ts', mark: 'test' },
      { path: 'packages/money/test/tax.test.ts', mark: 'affected' },
    ]);
    expect(data.links).toEqual([
      { from: 'packages/db', to: 'packages/money', imports: 1, impacted: true },
      { from: 'services/api', to: 'packages/db', imports: 1, impacted: true },
    ]);
    // Server-rendered nodes: the page shows the graph before (and without) its script.
    expect([...html.matchAll(/<g class="([^"]*)" data-key="([^"]*)"/g)].map((m) => [m[2], m[1]])).toEqual([
      ['services/api', 'node impacted'],
      ['packages/legacy', 'node'],
      ['.', 'node'],
      ['packages/db', 'node impacted'],
      ['packages/money', 'node changed impacted'],
    ]);
  });

  it('a cycle between packages still gets columns; links within a column loop below', () => {
    const input = {
      graph: {
        files: ['a/x.ts', 'b/y.ts', 'c/z.ts', 'c/z.test.ts'],
        edges: [edge('a/x.ts', 'b/y.ts'), edge('b/y.ts', 'a/x.ts'), edge('c/z.ts', 'a/x.ts'), edge('c/z.test.ts', 'c/z.ts')],
        packages: [pkg(''), pkg('a'), pkg('b'), pkg('c')],
        stats,
      },
      tests: ['c/z.test.ts'],
      selection: {
        mode: 'affected' as const,
        reason: '1 changed file affects 1 of 1 tests',
        base: 'f'.repeat(40),
        changed: [{ path: 'b/y.ts', status: 'modified' as const }],
        tests: [{ path: 'c/z.test.ts', reasons: [] }],
      },
    };
    const model = packageGraphModel(input);
    expect(model.nodes.map((n) => [n.dir, n.column, n.row, n.impacted, n.changed, n.affected])).toEqual([
      ['c', 0, 0, true, 0, 1],
      ['a', 1, 0, true, 0, 0],
      ['b', 2, 0, true, 1, 0],
    ]);
    expect(model.links.map((l) => [l.from, l.to, l.impacted])).toEqual([
      ['a', 'b', true],
      ['b', 'a', true],
      ['c', 'a', true],
    ]);
    const html = graphHtml(input);
    expect(html.match(/<path class="link impacted"/g)).toHaveLength(3);
    // b -> a goes back a column: it loops below the boxes instead of crossing them.
    expect(html).toContain('data-from="b" data-to="a" d="M864,98 C864,142 516,142 516,104"');
    expect(html).toContain('1 changed file affects 1 of 1 tests — base ffffffffffff');
  });

  it('a graph deeper than four layers is drawn top to bottom', () => {
    const dirs = ['p1', 'p2', 'p3', 'p4', 'p5'];
    const html = graphHtml({
      graph: {
        files: dirs.map((dir) => `${dir}/index.ts`),
        edges: dirs.slice(1).map((dir, index) => edge(`${dirs[index]}/index.ts`, `${dir}/index.ts`)),
        packages: dirs.map((dir) => pkg(dir)),
        stats,
      },
      tests: [],
    });
    // One box per layer, one below the other; each link leaves a box's bottom for the next box's top.
    expect([...html.matchAll(/data-key="(p\d)" data-name="p\d" transform="translate\((\d+),(\d+)\)"/g)].map((m) => [m[1], m[2], m[3]])).toEqual([
      ['p1', '24', '24'],
      ['p2', '24', '158'],
      ['p3', '24', '292'],
      ['p4', '24', '426'],
      ['p5', '24', '560'],
    ]);
    expect(html).toContain('data-from="p1" data-to="p2" d="M144,98 C144,128 144,122 144,152"');
  });

  it('a deleted file and the old side of a rename count as changed in their package', () => {
    const model = packageGraphModel({
      graph: { files: ['a/new.ts'], edges: [], packages: [pkg(''), pkg('a')] },
      tests: [],
      selection: { changed: [{ path: 'a/new.ts', status: 'renamed', from: 'a/old.ts' }, { path: 'a/gone.ts', status: 'deleted' }], tests: [] },
    });
    expect(model.nodes.map((n) => [n.dir, n.changed, n.files.map((f) => f.path)])).toEqual([['a', 3, ['a/gone.ts', 'a/new.ts', 'a/old.ts']]]);
  });
});

describe('graph --html page', () => {
  it('loads nothing from the network and escapes names', () => {
    const html = graphHtml({
      graph: { files: ['p/</script><b>.ts'], edges: [], packages: [pkg(''), pkg('p', '</script><img src=x>')], stats },
      tests: [],
    });
    expect(html).not.toMatch(/<(link|img|iframe|object|embed)\b/i);
    const tags = html.replace(/"[^"]*"/g, '""');
    expect(tags).not.toMatch(/<[^>]*\s(src|href)\s*=/i);
    expect(html).toContain('&lt;/script&gt;&lt;img src=x&gt;');
    expect(html).not.toMatch(/url\((?!#)/);
    expect(html).not.toMatch(/@import|fetch\(|XMLHttpRequest/);
    expect(html.match(/https?:\/\/[^"\s]*/g)).toEqual(['http://www.w3.org/2000/svg']);
    expect(html.match(/<\/script>/g)).toHaveLength(2);
  });

  it('--html cannot be combined with another format', () => {
    const repo = createRepo('onboard-single-node');
    const result = runCli(['graph', '--html', 'x.html', '--json'], { cwd: repo.dir });
    expect(result).toEqual({ code: 2, stdout: '', stderr: 'impacted: --html cannot be combined with --json, --dot or --focus. Pick one.\n' });
    expect(existsSync(path.join(repo.dir, 'x.html'))).toBe(false);
  });
});
