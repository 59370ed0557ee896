// `runAll` in the config: a change to a file matching one of its globs runs every test.
import { compileGlobs, type GlobMatcher } from '../../config/globs.js';
import type { SelectionRule } from './rule.js';

const compiled = new WeakMap<readonly string[], GlobMatcher>();
const globsOf = (patterns: readonly string[]) => {
  let matcher = compiled.get(patterns);
  if (!matcher) compiled.set(patterns, (matcher = compileGlobs(patterns)));
  return matcher;
};

export const runAllGlobs: SelectionRule = {
  name: 'run-all-globs',
  claims: (file, { config }) => globsOf(config.runAll).test(file),
  stop: true,
  select(files, { config, runAll }) {
    for (const file of files) runAll(file, `${file} matches runAll pattern "${globsOf(config.runAll).match(file)}"`);
  },
};
