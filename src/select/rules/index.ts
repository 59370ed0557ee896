// The selection rules, in the order they see each changed file.
//
// To add a rule: write `rules/<name>.ts` exporting a `SelectionRule` (see rule.ts: a name, `claims` for the changed
// files it is about, `stop` for whether later rules still see them, and `select`, which selects through the context's
// `propagate`, `selectPackage` or `runAll`, each with a reason a user can read), then put it in this list where it
// belongs: before the rules that must no longer see its files (a rule that settles a file with `stop: true` hides it
// from the rules after it), after those that must see them first. Give it a fixture test in test/select.
import { configFile } from './config-file.js';
import { configImport } from './config-import.js';
import { imports } from './imports.js';
import { inertFile } from './inert-file.js';
import { lockfile } from './lockfile.js';
import { manifest } from './manifest.js';
import { parseProblems } from './parse-problems.js';
import { recorded } from './recorded.js';
import type { SelectionRule } from './rule.js';
import { runAllGlobs } from './run-all-globs.js';
import { unknownFile } from './unknown-file.js';
import { unreadableFiles } from './unreadable-files.js';

export const rules: readonly SelectionRule[] = [
  runAllGlobs,
  lockfile,
  manifest,
  configFile,
  inertFile,
  imports,
  // The fallback: claims every file the rules above left.
  unknownFile,
  // No `claims`: these look at the whole change set.
  configImport,
  parseProblems,
  unreadableFiles,
  recorded,
];
