// The package-level picture behind `graph --html`: packages with file counts, their import links, changes and affected tests, laid out in columns.
import { packageOwner } from '../graph/package-owner.js';
import type { ImportGraph, Selection } from '../types.js';

export interface PackageFile {
  path: string;
  /** `changed`: in the change set; `affected`: a selected test; `test`: a test that is not selected. */
  mark?: 'changed' | 'affected' | 'test';
}

export interface PackageNode {
  /** Repository-relative directory, `''` for the root. */
  dir: string;
  name: string;
  files: PackageFile[];
  tests: number;
  changed: number;
  affected: number;
  /** On a path from a changed package to the packages that import it. */
  impacted: boolean;
  /** Column (0: imported by no other package) and row in the drawing. */
  column: number;
  row: number;
}

export interface PackageLink {
  from: string;
  to: string;
  /** File-level edges behind the link. */
  imports: number;
  /** Both ends are impacted: the change travels along it. */
  impacted: boolean;
}

export interface PackageGraphModel {
  nodes: PackageNode[];
  links: PackageLink[];
  columns: number;
  rows: number;
}

export interface PackageGraphInput {
  graph: Pick<ImportGraph, 'files' | 'edges' | 'packages'>;
  /** Every test file (`discovery.tests`). */
  tests: readonly string[];
  /** Highlights the changed files and the selected tests. */
  selection?: Pick<Selection, 'changed' | 'tests'>;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Columns by longest path from the packages nothing imports; links that close a cycle are left out of the count. */
function assignColumns(dirs: readonly string[], links: readonly PackageLink[]): Map<string, number> {
  const out = new Map<string, string[]>(dirs.map((dir) => [dir, []]));
  for (const link of links) out.get(link.from)?.push(link.to);
  const state = new Map<string, 'open' | 'done'>();
  const acyclic: [string, string][] = [];
  const visit = (dir: string) => {
    state.set(dir, 'open');
    for (const to of out.get(dir) ?? []) {
      const seen = state.get(to);
      if (seen === 'open') continue;
      acyclic.push([dir, to]);
      if (seen === undefined) visit(to);
    }
    state.set(dir, 'done');
  };
  for (const dir of dirs) if (!state.has(dir)) visit(dir);
  const column = new Map<string, number>(dirs.map((dir) => [dir, 0]));
  // Longest path on a DAG: relax edges until nothing changes (at most one pass per package).
  for (let pass = 0; pass < dirs.length; pass++) {
    let changed = false;
    for (const [from, to] of acyclic) {
      const next = (column.get(from) ?? 0) + 1;
      if (next > (column.get(to) ?? 0)) {
        column.set(to, next);
        changed = true;
      }
    }
    if (!changed) break;
  }
  return column;
}

export function packageGraphModel(input: PackageGraphInput): PackageGraphModel {
  const { graph } = input;
  const ownerOf = packageOwner(graph.packages.map((pkg) => pkg.dir));
  const changed = new Set(input.selection?.changed.flatMap((c) => (c.from ? [c.path, c.from] : [c.path])) ?? []);
  const affected = new Set(input.selection?.tests.map((test) => test.path) ?? []);
  const tests = new Set(input.tests);

  const filesByDir = new Map<string, PackageFile[]>();
  for (const file of new Set([...graph.files, ...changed])) {
    const dir = ownerOf(file);
    const mark = changed.has(file) ? 'changed' : affected.has(file) ? 'affected' : tests.has(file) ? 'test' : undefined;
    let list = filesByDir.get(dir);
    if (!list) filesByDir.set(dir, (list = []));
    list.push(mark ? { path: file, mark } : { path: file });
  }
  // The root is drawn only when it holds files of its own (configs, scripts) beside the workspace packages.
  const packages = graph.packages.filter((pkg) => pkg.dir !== '' || (filesByDir.get('')?.length ?? 0) > 0);
  const dirs = packages.map((pkg) => pkg.dir);

  const linkCounts = new Map<string, number>();
  for (const edge of graph.edges) {
    const from = ownerOf(edge.from);
    const to = ownerOf(edge.to);
    if (from === to) continue;
    const key = `${from}\0${to}`;
    linkCounts.set(key, (linkCounts.get(key) ?? 0) + 1);
  }
  const rawLinks = [...linkCounts].map(([key, imports]) => {
    const [from = '', to = ''] = key.split('\0');
    return { from, to, imports, impacted: false };
  });

  // Impacted: the changed packages and every package that imports one of them, directly or not.
  const importers = new Map<string, string[]>();
  for (const link of rawLinks) {
    let list = importers.get(link.to);
    if (!list) importers.set(link.to, (list = []));
    list.push(link.from);
  }
  const impacted = new Set<string>();
  const queue = dirs.filter((dir) => filesByDir.get(dir)?.some((file) => file.mark === 'changed'));
  for (const dir of queue) impacted.add(dir);
  for (let i = 0; i < queue.length; i++) {
    for (const importer of importers.get(queue[i] ?? '') ?? []) {
      if (!impacted.has(importer)) {
        impacted.add(importer);
        queue.push(importer);
      }
    }
  }
  const links = rawLinks
    .map((link) => ({ ...link, impacted: impacted.has(link.from) && impacted.has(link.to) }))
    .sort((a, b) => compare(a.from, b.from) || compare(a.to, b.to));

  const columns = assignColumns(dirs, links);
  const nodes: PackageNode[] = packages.map((pkg) => {
    const files = (filesByDir.get(pkg.dir) ?? []).sort((a, b) => compare(a.path, b.path));
    return {
      dir: pkg.dir,
      name: pkg.name,
      files,
      tests: files.filter((file) => file.mark === 'test' || file.mark === 'affected' || (file.mark === 'changed' && tests.has(file.path))).length,
      changed: files.filter((file) => file.mark === 'changed').length,
      affected: [...affected].filter((test) => ownerOf(test) === pkg.dir).length,
      impacted: impacted.has(pkg.dir),
      column: columns.get(pkg.dir) ?? 0,
      row: 0,
    };
  });

  // Rows: each column ordered by the mean row of the packages that import it, so links cross less.
  const columnCount = Math.max(0, ...nodes.map((node) => node.column)) + 1;
  const rowOf = new Map<string, number>();
  let rows = 0;
  for (let column = 0; column < columnCount; column++) {
    const inColumn = nodes.filter((node) => node.column === column);
    const weight = (node: PackageNode) => {
      const from = (importers.get(node.dir) ?? []).map((dir) => rowOf.get(dir)).filter((row): row is number => row !== undefined);
      return from.length === 0 ? Number.POSITIVE_INFINITY : from.reduce((sum, row) => sum + row, 0) / from.length;
    };
    inColumn.sort((a, b) => weight(a) - weight(b) || compare(a.name, b.name));
    inColumn.forEach((node, row) => {
      node.row = row;
      rowOf.set(node.dir, row);
    });
    rows = Math.max(rows, inColumn.length);
  }
  nodes.sort((a, b) => a.column - b.column || a.row - b.row);
  return { nodes, links, columns: nodes.length === 0 ? 0 : columnCount, rows };
}
