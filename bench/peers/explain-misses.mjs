// Why a peer missed tests: which edge kinds of impacted's graph the missed tests reach the change through.
import { buildGraph } from '../../dist/index.js';
import { reachingFiles } from './compare.mjs';

/** @typedef {import('../../dist/index.js').EdgeKind} EdgeKind */

/** Edge kinds some peers do not follow, in the order they are tried. */
const kinds = /** @type {const} */ (['mock', 'type', 'dynamic', 'asset']);

/**
 * Counts the missed tests by the one edge kind without which they no longer reach a changed file;
 * `several` when only dropping more than one kind cuts them off, `other` when they reach the change
 * without any of these kinds (the peer resolved an import differently).
 * @param {string} repo
 * @param {readonly string[]} changed
 * @returns {Promise<(missed: readonly string[]) => Record<string, number>>}
 */
export async function missExplainer(repo, changed) {
  const graph = await buildGraph({ cwd: repo, cache: false });
  /** @param {readonly EdgeKind[]} dropped */
  const reachingWithout = (dropped) => reachingFiles(graph.edges.filter((edge) => !dropped.includes(edge.kind)), changed);
  const reachedWithout = new Map(kinds.map((kind) => [kind, reachingWithout([kind])]));
  const reachedWithoutAll = reachingWithout(kinds);
  return (missed) => {
    /** @type {Record<string, number>} */
    const counts = {};
    for (const test of missed) {
      const kind = kinds.find((candidate) => !reachedWithout.get(candidate)?.has(test));
      const reason = kind ?? (reachedWithoutAll.has(test) ? 'other' : 'several');
      counts[reason] = (counts[reason] ?? 0) + 1;
    }
    return counts;
  };
}
