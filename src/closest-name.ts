// "Did you mean ...?": the known name closest to a mistyped one (a ref, a config key).

/** Edit distance where swapping two neighbouring characters costs one (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  const cols = b.length + 1;
  const distance = Array.from({ length: (a.length + 1) * cols }, () => 0);
  const at = (i: number, j: number): number => distance[i * cols + j] ?? 0;
  for (let i = 0; i <= a.length; i++) distance[i * cols] = i;
  for (let j = 0; j < cols; j++) distance[j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      distance[i * cols + j] = best;
    }
  }
  return at(a.length, b.length);
}

/** The most edits a typo of `wanted` plausibly has. */
export function typoLimit(wanted: string): number {
  return Math.max(2, Math.floor(wanted.length / 3));
}

/** The name closest to `wanted` (ignoring case), when it is close enough to be a plausible typo. */
export function closestName(wanted: string, names: readonly string[]): string | undefined {
  const typed = wanted.toLowerCase();
  let best: { name: string; distance: number } | undefined;
  for (const name of names) {
    const distance = editDistance(typed, name.toLowerCase());
    if (distance <= typoLimit(wanted) && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}
