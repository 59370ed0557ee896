// Renders an import graph as JSON (`graph --json`), Graphviz (`graph --dot`) or a one-line summary.
import type { EdgeKind, ImportGraph } from '../types.js';
import { jsonText } from './json-text.js';
import { plural } from './plural.js';

/** `terminal`: indented for a person, else one line (see json-text.ts). */
export function graphToJson(graph: ImportGraph, terminal: boolean): string {
  const { files, edges, external, unresolved, packages, problems } = graph;
  return jsonText({ version: 1, files, edges, external, unresolved, packages, problems }, terminal);
}

const dotStyle: Record<EdgeKind, string> = {
  static: '',
  require: '',
  type: ' [style=dashed]',
  dynamic: ' [style=dotted]',
  mock: ' [color=purple]',
  asset: ' [color=gray]',
  implicit: ' [color=orange]',
  glob: ' [color=blue]',
  package: ' [color=red, style=dashed]',
  setup: ' [color=darkgreen]',
};

/** Graphviz IDs are quoted like JSON strings. */
const quote = (text: string): string => JSON.stringify(text);

export function graphToDot(graph: ImportGraph): string {
  const lines = ['digraph impacted {', '  rankdir=LR;', '  node [shape=box, fontsize=10];'];
  for (const pkg of graph.packages) {
    if (pkg.dir === '') continue;
    const members = graph.files.filter((file) => file.startsWith(`${pkg.dir}/`));
    if (members.length === 0) continue;
    lines.push(`  subgraph ${quote(`cluster_${pkg.dir}`)} {`, `    label=${quote(pkg.name)};`);
    for (const file of members) lines.push(`    ${quote(file)};`);
    lines.push('  }');
  }
  for (const edge of graph.edges) lines.push(`  ${quote(edge.from)} -> ${quote(edge.to)}${dotStyle[edge.kind]};`);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

export function graphSummary(graph: ImportGraph): string {
  const { files, edges, packages, unresolved, ms } = graph.stats;
  const problems = graph.problems.length > 0 ? `, ${plural(graph.problems.length, 'problem')} (files or configs not fully read)` : '';
  return `impacted: ${plural(files, 'file')}, ${plural(edges, 'edge')}, ${plural(packages, 'package')}, ${unresolved} unresolved${problems} in ${ms} ms`;
}
