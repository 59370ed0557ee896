// The stylesheet and script inlined into the `graph --html` page (the page loads nothing from the network).

export const graphHtmlStyle = `
:root { --changed: #fde68a; --changed-line: #b45309; --affected: #2563eb; --impacted: #d97706; --text: #0f172a; --muted: #64748b; --line: #cbd5e1; }
* { box-sizing: border-box; }
body { margin: 0; height: 100vh; display: flex; flex-direction: column; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--text); background: #f8fafc; }
header { flex: none; padding: 14px 20px 10px; border-bottom: 1px solid #e2e8f0; background: #fff; }
h1 { margin: 0 0 4px; font-size: 18px; }
.summary { margin: 0 0 8px; color: var(--muted); }
.legend { display: flex; gap: 18px; margin: 0; padding: 0; list-style: none; color: var(--muted); font-size: 12px; }
.legend li { display: flex; align-items: center; gap: 6px; }
.swatch { width: 14px; height: 14px; border-radius: 3px; border: 1.5px solid var(--line); background: #fff; display: inline-block; }
.swatch.changed { background: var(--changed); border-color: var(--changed-line); }
.swatch.impacted { border-color: var(--impacted); border-width: 2.5px; }
.swatch.affected { background: var(--affected); border-color: var(--affected); border-radius: 7px; }
main { display: flex; flex: 1; min-height: 0; }
.canvas { flex: 1; overflow: auto; padding: 12px; }
svg { display: block; }
aside { width: 340px; flex: none; border-left: 1px solid #e2e8f0; background: #fff; padding: 14px 16px; overflow: auto; }
aside h2 { margin: 0 0 2px; font-size: 15px; word-break: break-all; }
aside .dir { color: var(--muted); font-size: 12px; margin-bottom: 8px; }
aside ul { list-style: none; padding: 0; margin: 6px 0 12px; font: 12px/1.5 ui-monospace, SFMono-Regular, Menlo, monospace; }
aside li { word-break: break-all; padding: 1px 4px; border-radius: 3px; }
aside li.changed { background: var(--changed); }
aside li.affected { color: var(--affected); font-weight: 600; }
aside li.test { color: #334155; }
aside .tag { white-space: nowrap; font: 10px system-ui, sans-serif; text-transform: uppercase; letter-spacing: .03em; margin-left: 6px; color: var(--muted); }
aside .links { font-size: 12px; color: #334155; margin: 0 0 8px; }
.hint { color: var(--muted); }
.node { cursor: pointer; }
.node rect.box { fill: #fff; stroke: #94a3b8; stroke-width: 1.5; }
.node.changed rect.box { fill: var(--changed); stroke: var(--changed-line); }
.node.impacted rect.box { stroke: var(--impacted); stroke-width: 2.5; }
.node.selected rect.box { stroke: var(--text); stroke-width: 3; }
.node .name { font-weight: 600; font-size: 14px; fill: var(--text); }
.node .meta { font-size: 12px; fill: #475569; }
.node .badge rect { fill: var(--affected); }
.node .badge text { fill: #fff; font-size: 11px; font-weight: 600; }
.link { fill: none; stroke: var(--line); }
.link.impacted { stroke: var(--impacted); }
.dim .node:not(.focus) { opacity: .35; }
.dim .link:not(.focus) { opacity: .12; }
`;

/** Hover dims what a package does not touch; click (or Enter, or #package=<dir> in the address) lists its files. */
export const graphHtmlScript = `
(function () {
  var data = JSON.parse(document.getElementById('impacted-data').textContent);
  var svg = document.querySelector('svg');
  var details = document.getElementById('details');
  var byKey = {};
  data.nodes.forEach(function (node) { byKey[node.dir || '.'] = node; });
  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function nameOf(dir) { var n = byKey[dir || '.']; return n ? n.name : dir; }
  function focus(key) {
    var nodes = svg.querySelectorAll('.node'), links = svg.querySelectorAll('.link');
    svg.classList.toggle('dim', key !== null);
    nodes.forEach(function (n) { n.classList.toggle('focus', n.getAttribute('data-key') === key); });
    links.forEach(function (l) {
      var hit = key !== null && (l.getAttribute('data-from') === key || l.getAttribute('data-to') === key);
      l.classList.toggle('focus', hit);
      if (hit) {
        svg.querySelector('.node[data-key="' + l.getAttribute('data-from') + '"]').classList.add('focus');
        svg.querySelector('.node[data-key="' + l.getAttribute('data-to') + '"]').classList.add('focus');
      }
    });
  }
  function select(key) {
    var node = byKey[key];
    if (!node) return;
    svg.querySelectorAll('.node').forEach(function (n) {
      var selected = n.getAttribute('data-key') === key;
      n.classList.toggle('selected', selected);
      if (selected && n.scrollIntoView) n.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    });
    details.textContent = '';
    details.appendChild(el('h2', '', node.name));
    details.appendChild(el('div', 'dir', (node.dir || '(repository root)') + ' \\u00b7 ' + node.files.length + ' files \\u00b7 ' + node.tests + ' tests'));
    var imports = data.links.filter(function (l) { return l.from === node.dir; }).map(function (l) { return nameOf(l.to) + ' (' + l.imports + ')'; });
    var importedBy = data.links.filter(function (l) { return l.to === node.dir; }).map(function (l) { return nameOf(l.from) + ' (' + l.imports + ')'; });
    details.appendChild(el('p', 'links', 'imports: ' + (imports.join(', ') || 'none')));
    details.appendChild(el('p', 'links', 'imported by: ' + (importedBy.join(', ') || 'none')));
    var list = el('ul', 'files');
    node.files.forEach(function (file) {
      var item = el('li', file.mark || '', file.path);
      if (file.mark) item.appendChild(el('span', 'tag', file.mark === 'affected' ? 'affected test' : file.mark));
      list.appendChild(item);
    });
    if (data.truncated[node.dir || '.']) list.appendChild(el('li', 'hint', '\\u2026 ' + data.truncated[node.dir || '.'] + ' more files'));
    details.appendChild(list);
  }
  // Shrink a wide graph to the window, but never below 60%: past that, boxes stop being readable and the page scrolls.
  function fit() {
    var box = svg.viewBox.baseVal, room = svg.parentNode.clientWidth - 24;
    var scale = Math.min(1, Math.max(0.6, room / box.width));
    svg.setAttribute('width', String(Math.round(box.width * scale)));
    svg.setAttribute('height', String(Math.round(box.height * scale)));
  }
  fit();
  window.addEventListener('resize', fit);
  svg.querySelectorAll('.node').forEach(function (n) {
    var key = n.getAttribute('data-key');
    n.addEventListener('mouseenter', function () { focus(key); });
    n.addEventListener('mouseleave', function () { focus(null); });
    n.addEventListener('click', function () { select(key); });
    n.addEventListener('keydown', function (event) { if (event.key === 'Enter') select(key); });
  });
  var match = /^#package=(.+)$/.exec(location.hash);
  var first = data.nodes.filter(function (node) { return node.changed > 0; })[0];
  if (match) select(decodeURIComponent(match[1]));
  else if (first) select(first.dir || '.');
})();
`;
