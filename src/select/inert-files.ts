// Known-inert files: the default list (config/defaults.ts) with the config's `inert` additions and `!` exceptions.
import { compileGlobs } from '../config/globs.js';
import { defaultInert, defaultInertOutsidePackages, testDataFolders } from '../config/defaults.js';
import type { Config } from '../config/load-config.js';
import type { PackageScope } from './package-scope.js';

/** The pattern that makes `file` inert, if any. The caller checks that nothing imports it and it is no test. */
export type InertMatcher = (file: string) => string | undefined;

export function inertMatcher(inert: Config['inert'] | undefined, scope: PackageScope, monorepo: boolean): InertMatcher {
  if (inert === false) return () => undefined;
  const added = inert ?? [];
  const anywhere = compileGlobs([...defaultInert, ...added.filter((p) => !p.startsWith('!'))]);
  const outsidePackages = compileGlobs(defaultInertOutsidePackages);
  const testData = compileGlobs([testDataFolders]);
  const exceptions = compileGlobs(added.filter((p) => p.startsWith('!')).map((p) => p.slice(1)));
  return (file) => {
    if (exceptions.test(file)) return undefined;
    const pattern = anywhere.match(file);
    if (pattern !== undefined) return pattern;
    if (!monorepo || scope.ownerDir(file) !== '' || testData.test(file)) return undefined;
    return outsidePackages.match(file);
  };
}
