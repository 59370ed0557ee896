// Compiled glob matchers: patterns are compiled once, not once per file they are tested against.
import { Minimatch } from 'minimatch';

export interface GlobMatcher {
  /** The first pattern that matches `file`, if any. */
  match: (file: string) => string | undefined;
  test: (file: string) => boolean;
}

export function compileGlobs(patterns: readonly string[]): GlobMatcher {
  const compiled = patterns.map((pattern) => ({ pattern, matcher: new Minimatch(pattern, { dot: true }) }));
  const match = (file: string) => compiled.find(({ matcher }) => matcher.match(file))?.pattern;
  return { match, test: (file) => match(file) !== undefined };
}
