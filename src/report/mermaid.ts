// Draws the chains from changed files to selected tests as a Mermaid flowchart (GitHub renders it in Markdown).
import type { SelectedTest } from '../types.js';

export interface MermaidOptions {
  /** At most this many tests are drawn; the chart says how many were left out. */
  maxTests?: number;
}

/** Mermaid labels are quoted; a quote inside one is written as an entity. */
function label(text: string): string {
  return text.replaceAll('"', '#quot;');
}

export function mermaidChains(tests: readonly SelectedTest[], options: MermaidOptions = {}): string {
  const maxTests = options.maxTests ?? 30;
  const shown = tests.slice(0, maxTests);
  const ids = new Map<string, string>();
  const id = (file: string) => {
    let value = ids.get(file);
    if (!value) ids.set(file, (value = `n${ids.size}`));
    return value;
  };
  const edges = new Set<string>();
  const changed = new Set<string>();
  for (const test of shown) {
    for (const reason of test.reasons) {
      changed.add(reason.changed);
      const chain = [reason.changed, ...reason.via, test.path];
      for (let i = 0; i + 1 < chain.length; i++) {
        if (chain[i] === chain[i + 1]) continue; // a changed test selects itself: no self-loop
        const arrow = i === 0 && reason.rule ? `-- "${label(reason.rule)}" -->` : '-->';
        edges.add(`  ${id(chain[i]!)} ${arrow} ${id(chain[i + 1]!)}`);
      }
    }
  }
  const lines = ['flowchart LR'];
  for (const [file, node] of ids) {
    const isTest = shown.some((t) => t.path === file);
    lines.push(isTest ? `  ${node}(["${label(file)}"])` : changed.has(file) ? `  ${node}[["${label(file)}"]]` : `  ${node}["${label(file)}"]`);
  }
  lines.push(...edges);
  if (tests.length > shown.length) lines.push(`  more["… ${tests.length - shown.length} more tests not drawn"]`);
  for (const file of changed) lines.push(`  style ${id(file)} fill:#fde68a,stroke:#b45309`);
  return `${lines.join('\n')}\n`;
}
