// Copies of strings cut out of a file's text, so that what a file's extraction keeps does not keep the whole text.
//
// V8 represents `text.slice(a, b)` (13 characters or more) as a view into `text`: one import specifier kept in an
// extraction result keeps its file's whole source alive. Across a 100,000-file repository that is every source text
// at once (about 120 MB at the build's peak, measured with a heap snapshot at 10k files).

/** `text` as a string of its own, referring to no larger string. */
export function detachedString(text: string): string {
  // Concatenation makes a cons string; slicing it flattens it into a new string one character longer, which the
  // slice then refers to: the original text is no longer reachable from the result.
  return (' ' + text).slice(1);
}
