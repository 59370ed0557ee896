// Renders `graph --focus <file>`: what a file imports and what imports it, transitively, as two trees.
import type { ImportGraph } from '../types.js';

type Adjacency = Map<string, { to: string; label: string }[]>;

function adjacency(graph: ImportGraph, direction: 'forward' | 'reverse'): Adjacency {
  const map: Adjacency = new Map();
  const add = (key: string, to: string, label: string) => {
    let list = map.get(key);
    if (!list) map.set(key, (list = []));
    list.push({ to, label });
  };
  for (const edge of graph.edges) {
    const kind = edge.kind === 'static' ? '' : ` (${edge.kind})`;
    if (direction === 'forward') add(edge.from, edge.to, `${edge.to}${kind}`);
    else add(edge.to, edge.from, `${edge.from}${kind}`);
  }
  if (direction === 'forward') for (const ext of graph.external) add(ext.from, `\0${ext.package}`, `${ext.package} (external)`);
  for (const list of map.values()) list.sort((a, b) => (a.label < b.label ? -1 : 1));
  return map;
}

/** Draws the tree below `start`; a file already drawn is marked instead of repeated, so cycles end. */
function drawTree(start: string, edges: Adjacency, maxLines: number): string[] {
  const lines: string[] = [];
  const drawn = new Set<string>([start]);
  let omitted = 0;
  const visit = (node: string, prefix: string) => {
    const children = edges.get(node) ?? [];
    children.forEach((child, index) => {
      if (lines.length >= maxLines) {
        omitted++;
        return;
      }
      const last = index === children.length - 1;
      const repeated = drawn.has(child.to);
      lines.push(`${prefix}${last ? '└─ ' : '├─ '}${child.label}${repeated && edges.has(child.to) ? ' (see above)' : ''}`);
      if (repeated) return;
      drawn.add(child.to);
      visit(child.to, `${prefix}${last ? '   ' : '│  '}`);
    });
  };
  visit(start, '');
  if (lines.length === 0) lines.push('(none)');
  if (omitted > 0) lines.push(`… ${omitted} more not shown`);
  return lines;
}

export function graphFocus(graph: ImportGraph, file: string, maxLines = 400): string {
  return [
    file,
    'imports:',
    ...drawTree(file, adjacency(graph, 'forward'), maxLines),
    'imported by:',
    ...drawTree(file, adjacency(graph, 'reverse'), maxLines),
    '',
  ].join('\n');
}
