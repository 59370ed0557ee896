// `graph --html`: a self-contained interactive page of the package graph (inline SVG, CSS and script; no network).
import type { ImportGraph, Selection } from '../types.js';
import { graphHtmlScript, graphHtmlStyle } from './graph-html-assets.js';
import { type PackageGraphInput, type PackageGraphModel, type PackageNode, packageGraphModel } from './graph-html-model.js';

export interface GraphHtmlInput extends PackageGraphInput {
  graph: Pick<ImportGraph, 'files' | 'edges' | 'packages' | 'stats'>;
  selection?: Pick<Selection, 'changed' | 'tests' | 'reason' | 'base' | 'mode'>;
  /** Files listed per package in the page; the rest are counted (default 2000). */
  maxFilesPerPackage?: number;
}

const nodeWidth = 240;
const nodeHeight = 74;
const gapX = 120;
const gapY = 28;
const margin = 24;
/** Deeper graphs are drawn top to bottom: a page scrolls down more naturally than sideways. */
const maxColumnsAcross = 4;

/** Where each package box goes: layers left to right, or top to bottom for deep graphs. */
interface Layout {
  vertical: boolean;
  at: (node: PackageNode) => { x: number; y: number };
  width: number;
  height: number;
}

function layoutOf(model: PackageGraphModel): Layout {
  const layers = Math.max(1, model.columns);
  const across = Math.max(1, model.rows);
  if (layers <= maxColumnsAcross) {
    return {
      vertical: false,
      at: (node) => ({ x: margin + node.column * (nodeWidth + gapX), y: margin + node.row * (nodeHeight + gapY) }),
      width: margin * 2 + layers * nodeWidth + (layers - 1) * gapX + 20,
      height: margin * 2 + across * (nodeHeight + gapY) + gapY + 20,
    };
  }
  const stepX = nodeWidth + gapY * 2;
  const stepY = nodeHeight + gapX / 2;
  return {
    vertical: true,
    at: (node) => ({ x: margin + node.row * stepX, y: margin + node.column * stepY }),
    width: margin * 2 + across * stepX + 40,
    height: margin * 2 + layers * stepY,
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

const keyOf = (dir: string) => dir || '.';

function nodeSvg(node: PackageNode, layout: Layout): string {
  const { x, y } = layout.at(node);
  const classes = ['node', node.changed > 0 ? 'changed' : '', node.impacted ? 'impacted' : ''].filter(Boolean).join(' ');
  const meta = `${plural(node.files.length, 'file')} · ${plural(node.tests, 'test')}`;
  const status = [node.changed > 0 ? `${node.changed} changed` : '', node.affected > 0 ? `${node.affected} affected` : ''].filter(Boolean).join(' · ');
  const badge =
    node.affected > 0
      ? `<g class="badge"><title>${plural(node.affected, 'affected test')}</title><rect x="${nodeWidth - 34}" y="-9" width="42" height="20" rx="10"/><text x="${nodeWidth - 13}" y="5" text-anchor="middle">✓ ${node.affected}</text></g>`
      : '';
  return [
    `<g class="${classes}" data-key="${escapeHtml(keyOf(node.dir))}" data-name="${escapeHtml(node.name)}" transform="translate(${x},${y})" tabindex="0" role="button">`,
    `<title>${escapeHtml(`${node.name} (${node.dir || 'repository root'})`)}</title>`,
    `<rect class="box" width="${nodeWidth}" height="${nodeHeight}" rx="8"/>`,
    `<text class="name" x="12" y="22">${escapeHtml(shorten(node.dir === '' ? `${node.name} (root)` : node.name, 28))}</text>`,
    `<text class="meta" x="12" y="42">${escapeHtml(meta)}</text>`,
    status ? `<text class="meta" x="12" y="60">${escapeHtml(status)}</text>` : '',
    badge,
    '</g>',
  ].join('');
}

/** A forward link runs from the importer's far side to the imported box; any other link loops around the boxes. */
function linkPath(layout: Layout, from: PackageNode, to: PackageNode): string {
  const a = layout.at(from);
  const b = layout.at(to);
  const forward = to.column > from.column;
  if (layout.vertical) {
    if (forward) {
      const [x1, y1, x2, y2] = [a.x + nodeWidth / 2, a.y + nodeHeight, b.x + nodeWidth / 2, b.y - 6];
      const bend = Math.max(30, (y2 - y1) / 2);
      return `M${x1},${y1} C${x1},${y1 + bend} ${x2},${y2 - bend} ${x2},${y2}`;
    }
    const [x1, y1, x2, y2] = [a.x + nodeWidth, a.y + nodeHeight / 2, b.x + nodeWidth + 6, b.y + nodeHeight / 2 + 12];
    const out = Math.max(x1, x2) + gapY + 10;
    return `M${x1},${y1} C${out},${y1} ${out},${y2} ${x2},${y2}`;
  }
  if (forward) {
    const [x1, y1, x2, y2] = [a.x + nodeWidth, a.y + nodeHeight / 2, b.x - 6, b.y + nodeHeight / 2];
    const bend = Math.max(40, (x2 - x1) / 2);
    return `M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}`;
  }
  const [x1, y1, x2, y2] = [a.x + nodeWidth / 2, a.y + nodeHeight, b.x + nodeWidth / 2 + 12, b.y + nodeHeight + 6];
  const drop = Math.max(y1, y2) + gapY + 10;
  return `M${x1},${y1} C${x1},${drop} ${x2},${drop} ${x2},${y2}`;
}

function linkSvg(model: PackageGraphModel, layout: Layout, link: PackageGraphModel['links'][number]): string {
  const from = model.nodes.find((node) => node.dir === link.from);
  const to = model.nodes.find((node) => node.dir === link.to);
  if (!from || !to) return '';
  const d = linkPath(layout, from, to);
  const width = Math.min(5, 1.4 + Math.log2(link.imports) * 0.8).toFixed(1);
  const title = `${from.name} imports ${to.name}: ${plural(link.imports, 'file edge')}`;
  return `<path class="link${link.impacted ? ' impacted' : ''}" data-from="${escapeHtml(keyOf(link.from))}" data-to="${escapeHtml(keyOf(link.to))}" d="${d}" stroke-width="${width}" marker-end="url(#${link.impacted ? 'arrow-impacted' : 'arrow'})"><title>${escapeHtml(title)}</title></path>`;
}

/** The JSON the page's script reads: file lists per package, capped so a huge repository still makes a usable page. */
function pageData(model: PackageGraphModel, maxFiles: number): string {
  const truncated: Record<string, number> = {};
  const nodes = model.nodes.map((node) => {
    // Marked files (changed, tests) first, so a cap never hides them.
    const files = [...node.files.filter((file) => file.mark), ...node.files.filter((file) => !file.mark)];
    if (files.length > maxFiles) truncated[keyOf(node.dir)] = files.length - maxFiles;
    return { dir: node.dir, name: node.name, tests: node.tests, changed: node.changed, affected: node.affected, files: files.slice(0, maxFiles) };
  });
  // `<` escaped so no file name can close the script element.
  return JSON.stringify({ nodes, links: model.links, truncated }).replace(/</g, '\\u003c');
}

function arrowMarker(id: string, color: string): string {
  return `<marker id="${id}" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${color}"/></marker>`;
}

export function graphHtml(input: GraphHtmlInput): string {
  const model = packageGraphModel(input);
  const layout = layoutOf(model);
  const { width, height } = layout;
  const { stats } = input.graph;
  const summary = [
    `${plural(model.nodes.length, 'package')} · ${plural(stats.files, 'file')} · ${plural(stats.edges, 'import edge')}`,
    input.selection ? `${input.selection.mode === 'all' ? 'all tests: ' : ''}${input.selection.reason}` : '',
    input.selection?.base ? `base ${input.selection.base.slice(0, 12)}` : '',
  ]
    .filter(Boolean)
    .join(' — ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>impacted: package graph</title>
<style>${graphHtmlStyle}</style>
</head>
<body>
<header>
<h1>impacted · package graph</h1>
<p class="summary">${escapeHtml(summary)}</p>
<ul class="legend">
<li><span class="swatch changed"></span>has changed files</li>
<li><span class="swatch impacted"></span>changed or imports a changed package</li>
<li><span class="swatch affected"></span>affected tests</li>
<li>arrow: imports (thicker: more file edges)</li>
</ul>
</header>
<main>
<div class="canvas">
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="package graph">
<defs>${arrowMarker('arrow', '#94a3b8')}${arrowMarker('arrow-impacted', '#d97706')}</defs>
${model.links.map((link) => linkSvg(model, layout, link)).join('\n')}
${model.nodes.map((node) => nodeSvg(node, layout)).join('\n')}
</svg>
</div>
<aside id="details"><p class="hint">Click a package to list its files: changed files, affected tests and other tests are marked.</p></aside>
</main>
<script type="application/json" id="impacted-data">${pageData(model, input.maxFilesPerPackage ?? 2000)}</script>
<script>${graphHtmlScript}</script>
</body>
</html>
`;
}
