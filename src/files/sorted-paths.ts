// Lookups in a list of paths sorted by code unit (a scan's): where a path would go, and the run of paths under a prefix.

/** The first index whose path is not before `path`: where it is, or would be inserted. */
export function lowerBound(sorted: readonly string[], path: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid]! < path) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The paths of a sorted list that start with `prefix` (one run of it). */
export function pathsUnder(sorted: readonly string[], prefix: string): string[] {
  const found: string[] = [];
  for (let i = lowerBound(sorted, prefix); i < sorted.length && sorted[i]!.startsWith(prefix); i++) found.push(sorted[i]!);
  return found;
}
