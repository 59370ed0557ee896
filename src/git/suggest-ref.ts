// Picks the existing ref closest to a mistyped one, for "Did you mean ...?" in error messages.
import { editDistance, typoLimit } from '../closest-name.js';

/** A ref that could be suggested, and the spellings a user might have meant by it (`origin/develop`, `develop`). */
export interface RefCandidate {
  name: string;
  spellings: readonly string[];
}

/** The candidate closest to `wanted`, when it is close enough to be a plausible typo. */
export function suggestRef(wanted: string, candidates: readonly RefCandidate[]): string | undefined {
  const limit = typoLimit(wanted);
  const typed = wanted.toLowerCase();
  let best: { name: string; distance: number } | undefined;
  for (const candidate of candidates.toSorted((a, b) => (a.name < b.name ? -1 : 1))) {
    const distance = Math.min(...candidate.spellings.map((spelling) => editDistance(typed, spelling.toLowerCase())));
    if (distance <= limit && (!best || distance < best.distance)) best = { name: candidate.name, distance };
  }
  return best?.name;
}
