// Reads package.json `exports` / `imports` maps: every target a subpath can lead to, under any condition.

/** Targets reachable from a conditions value (string, array, nested conditions), in declaration order. */
function collectTargets(value: unknown, out: string[]): void {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) collectTargets(item, out);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) collectTargets(item, out);
}

function isSubpathMap(value: unknown): value is Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  return Object.keys(value).some((key) => key.startsWith('.') || key.startsWith('#'));
}

/**
 * The targets a subpath (`.`, `./utils`, `#internal/x`) maps to. Every condition is followed, since the
 * graph must see whichever file a runner loads; a `*` pattern key substitutes its match into the target.
 * Returns undefined when the map has no entry for the subpath.
 */
export function matchSubpath(map: unknown, subpath: string): string[] | undefined {
  const entries: Record<string, unknown> = isSubpathMap(map) ? map : subpath === '.' ? { '.': map } : {};
  const targets: string[] = [];
  if (subpath in entries) {
    collectTargets(entries[subpath], targets);
    return targets;
  }
  // The longest matching pattern key wins, as in Node's resolver.
  let best: { key: string; match: string } | undefined;
  for (const key of Object.keys(entries)) {
    const star = key.indexOf('*');
    if (star === -1) continue;
    const prefix = key.slice(0, star);
    const suffix = key.slice(star + 1);
    if (!subpath.startsWith(prefix) || !subpath.endsWith(suffix) || subpath.length < key.length - 1) continue;
    if (!best || prefix.length > best.key.indexOf('*')) {
      best = { key, match: subpath.slice(prefix.length, subpath.length - suffix.length) };
    }
  }
  if (!best) {
    // Legacy folder mappings: "./sub/": "./dist/sub/".
    const folder = Object.keys(entries).find((key) => key.endsWith('/') && subpath.startsWith(key));
    if (!folder) return undefined;
    collectTargets(entries[folder], targets);
    return targets.map((target) => target + subpath.slice(folder.length));
  }
  collectTargets(entries[best.key], targets);
  const match = best.match;
  return targets.map((target) => target.replaceAll('*', match));
}

/**
 * The targets `typesVersions` maps a subpath (`./sub`) to, under any version range: keys are patterns with one `*`
 * over the subpath without `./`, as tsconfig `paths` are. Undefined when nothing matches.
 */
export function matchTypesVersions(typesVersions: unknown, subpath: string): string[] | undefined {
  if (subpath === '.' || !typesVersions || typeof typesVersions !== 'object') return undefined;
  const request = subpath.slice(2);
  const targets: string[] = [];
  for (const map of Object.values(typesVersions)) {
    if (!map || typeof map !== 'object') continue;
    for (const [key, value] of Object.entries(map as Record<string, unknown>)) {
      const star = key.indexOf('*');
      const prefix = star === -1 ? key : key.slice(0, star);
      const suffix = star === -1 ? '' : key.slice(star + 1);
      const matches = star === -1 ? request === key : request.startsWith(prefix) && request.endsWith(suffix) && request.length >= prefix.length + suffix.length;
      if (!matches || !Array.isArray(value)) continue;
      const match = star === -1 ? '' : request.slice(prefix.length, request.length - suffix.length);
      for (const target of value) if (typeof target === 'string') targets.push(`./${target.replace(/^\.\//, '').replace('*', match)}`);
    }
  }
  return targets.length > 0 ? targets : undefined;
}
