// Set, graph and number helpers for the bench: how one selection differs from another, reverse reach, a median.

/**
 * @typedef {object} SetComparison
 * @property {boolean} equal
 * @property {string[]} missing   in `expected`, not in `actual`
 * @property {string[]} extra     in `actual`, not in `expected`
 */

/**
 * @param {readonly string[]} actual
 * @param {readonly string[]} expected
 * @returns {SetComparison}
 */
export function compareSets(actual, expected) {
  const actualSet = new Set(actual);
  const expectedSet = new Set(expected);
  const missing = expected.filter((file) => !actualSet.has(file));
  const extra = actual.filter((file) => !expectedSet.has(file));
  return { equal: missing.length === 0 && extra.length === 0, missing, extra };
}

/**
 * The middle value (the lower middle for an even count, so it is always a measured value).
 * @param {readonly number[]} values
 */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return /** @type {number} */ (sorted[Math.floor((sorted.length - 1) / 2)]);
}

/**
 * The files that reach any of `targets` through `edges` (importer -> imported), targets included.
 * @param {Iterable<{ from: string, to: string }>} edges
 * @param {readonly string[]} targets
 * @returns {Set<string>}
 */
export function reachingFiles(edges, targets) {
  /** @type {Map<string, string[]>} */
  const importers = new Map();
  for (const { from, to } of edges) {
    const list = importers.get(to);
    if (list) list.push(from);
    else importers.set(to, [from]);
  }
  const reached = new Set(targets);
  const queue = [...targets];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    for (const importer of importers.get(file) ?? []) {
      if (reached.has(importer)) continue;
      reached.add(importer);
      queue.push(importer);
    }
  }
  return reached;
}
