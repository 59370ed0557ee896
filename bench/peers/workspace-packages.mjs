// The workspace packages of a generated repository, and the source file each import form of them names.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * @typedef {object} WorkspacePackage
 * @property {string} name   e.g. `@bench/p5`
 * @property {string} dir    repository-relative, e.g. `packages/p5`
 * @property {string} [entry]  the source file the bare name means, when it is not `<dir>/src/index.ts` (real repositories)
 */

/**
 * The packages the root `workspaces` globs name (the generator only writes `dir/*` globs).
 * @param {string} repo
 * @returns {WorkspacePackage[]}
 */
export function workspacePackages(repo) {
  /** @type {{ workspaces?: string[] }} */
  const manifest = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8'));
  /** @type {WorkspacePackage[]} */
  const packages = [];
  for (const pattern of manifest.workspaces ?? []) {
    const parent = pattern.replace(/\/\*$/, '');
    if (!existsSync(path.join(repo, parent))) continue;
    for (const entry of readdirSync(path.join(repo, parent), { withFileTypes: true })) {
      const manifestFile = path.join(repo, parent, entry.name, 'package.json');
      if (!entry.isDirectory() || !existsSync(manifestFile)) continue;
      packages.push({ name: JSON.parse(readFileSync(manifestFile, 'utf8')).name, dir: `${parent}/${entry.name}` });
    }
  }
  return packages;
}

/**
 * The `paths` aliases of the repository's root `tsconfig.base.json` (`@alias/p1/*` -> `packages/p1/src/*`),
 * as prefix pairs without the `*`.
 * @param {string} repo
 * @returns {{ prefix: string, target: string }[]}
 */
export function pathAliases(repo) {
  /** @type {{ compilerOptions?: { paths?: Record<string, string[]> } }} */
  const base = JSON.parse(readFileSync(path.join(repo, 'tsconfig.base.json'), 'utf8'));
  return Object.entries(base.compilerOptions?.paths ?? {}).map(([key, [target = '']]) => ({
    prefix: key.replace(/\*$/, ''),
    target: path.posix.normalize(target.replace(/\*$/, '')).replace(/\/?$/, '/'),
  }));
}

/** @param {string} text */
export function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
