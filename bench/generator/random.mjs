// Seeded pseudo-random numbers, so a generated repository is byte-identical for the same seed.

/**
 * @typedef {object} Random
 * @property {() => number} next                          a float in [0, 1)
 * @property {(min: number, max: number) => number} int   an integer in [min, max], both included
 * @property {(probability: number) => boolean} chance
 * @property {<T>(items: readonly T[]) => T} pick
 * @property {<T>(items: readonly T[], count: number) => T[]} sample  distinct items, in pick order
 */

/**
 * @param {string | number} seed
 * @returns {Random}
 */
export function createRandom(seed) {
  let state = hashSeed(String(seed));
  // mulberry32: tiny, fast, and good enough for shaping synthetic code.
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (/** @type {number} */ min, /** @type {number} */ max) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    chance: (probability) => next() < probability,
    pick: (items) => pick(int, items),
    sample: (items, count) => sample(int, items, count),
  };
}

/**
 * @template T
 * @param {(min: number, max: number) => number} int
 * @param {readonly T[]} items
 * @returns {T}
 */
function pick(int, items) {
  if (items.length === 0) throw new Error('pick() from an empty list');
  return /** @type {T} */ (items[int(0, items.length - 1)]);
}

/**
 * @template T
 * @param {(min: number, max: number) => number} int
 * @param {readonly T[]} items
 * @param {number} count
 * @returns {T[]}
 */
function sample(int, items, count) {
  const pool = [...items];
  /** @type {T[]} */
  const chosen = [];
  while (chosen.length < count && pool.length > 0) {
    chosen.push(/** @type {T} */ (pool.splice(int(0, pool.length - 1), 1)[0]));
  }
  return chosen;
}

/** @param {string} text */
function hashSeed(text) {
  // FNV-1a, so "1", "abc" and 42 all make usable, distinct states.
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
