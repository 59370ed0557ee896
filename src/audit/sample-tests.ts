// Picks a deterministic, evenly spread sample of test files, so that repeated audits compare like with like.

/** `count` files spread evenly over the sorted list (all of them when `count` is absent or not smaller). */
export function sampleTests(tests: readonly string[], count?: number): string[] {
  const sorted = [...tests].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (count === undefined || count >= sorted.length) return sorted;
  // The middle of each of `count` equal slices: never the same file twice, and both ends of the list are represented.
  return Array.from({ length: count }, (_, i) => sorted[Math.floor(((i + 0.5) * sorted.length) / count)]!);
}
