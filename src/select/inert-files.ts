// Known-inert files: the default list (config/defaults.ts) with the config's `inert` additions and `!` exceptions.
import { compileGlobs, type GlobMatcher } from '../config/globs.js';
import { defaultInert, defaultInertOutsidePackages, testDataFolders } from '../config/defaults.js';
import type { Config } from '../config/load-config.js';
import type { PackageScope } from './package-scope.js';

/** The pattern that makes `file` inert, if any. The caller checks that nothing imports it and it is no test. */
export type InertMatcher = (file: string) => string | undefined;

export function inertMatcher(inert: Config['inert'] | undefined, scope: PackageScope, monorepo: boolean): InertMatcher {
  if (inert === false) return () => undefined;
  const added = inert ?? [];
  // Compiled at the first question (a few milliseconds): a change the graph knows of never asks.
  let globs: { anywhere: GlobMatcher; outsidePackages: GlobMatcher; testData: GlobMatcher; exceptions: GlobMatcher } | undefined;
  return (file) => {
    globs ??= {
      anywhere: compileGlobs([...defaultInert, ...added.filter((p) => !p.startsWith('!'))]),
      outsidePackages: compileGlobs(defaultInertOutsidePackages),
      testData: compileGlobs([testDataFolders]),
      exceptions: compileGlobs(added.filter((p) => p.startsWith('!')).map((p) => p.slice(1))),
    };
    const { anywhere, outsidePackages, testData, exceptions } = globs;
    if (exceptions.test(file)) return undefined;
    const pattern = anywhere.match(file);
    if (pattern !== undefined) return pattern;
    if (!monorepo || scope.ownerDir(file) !== '' || testData.test(file)) return undefined;
    return outsidePackages.match(file);
  };
}
