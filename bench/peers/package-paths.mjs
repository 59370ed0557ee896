// Each workspace package's own tsconfig `paths` (`@models` -> `./src/models` in medusa's modules), for a jest resolver
// that applies them as TypeScript does: per importing package, which one jest config's moduleNameMapper cannot express.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { stripJsonComments } from '../../dist/graph/read-jsonc.js';

/**
 * @typedef {object} PathsScope
 * @property {string} dir  absolute: the package directory whose files import with these aliases
 * @property {{ key: string, targets: string[] }[]} paths  tsconfig keys (`@models`, `@utils/*`) and absolute targets (`*` kept)
 */

/**
 * The `paths` of a tsconfig, following relative `extends` until one defines them; targets absolute.
 * @param {string} file
 * @param {number} depth
 * @returns {{ key: string, targets: string[] }[]}
 */
function pathsOf(file, depth = 0) {
  /** @type {{ extends?: unknown, compilerOptions?: { paths?: Record<string, string[]>, baseUrl?: string } }} */
  let config;
  try {
    config = JSON.parse(stripJsonComments(readFileSync(file, 'utf8')));
  } catch {
    return [];
  }
  const options = config.compilerOptions ?? {};
  if (options.paths) {
    const base = path.resolve(path.dirname(file), options.baseUrl ?? '.');
    return Object.entries(options.paths).map(([key, targets]) => ({ key, targets: targets.map((target) => path.resolve(base, target)) }));
  }
  if (typeof config.extends === 'string' && config.extends.startsWith('.') && depth < 5) return pathsOf(path.resolve(path.dirname(file), config.extends), depth + 1);
  return [];
}

/**
 * The packages (and the root) whose `tsconfig.json` has `paths`, deepest first, so the first scope that contains a
 * file is its own package's.
 * @param {string} repo  absolute
 * @param {readonly string[]} dirs  repository-relative package directories
 * @returns {PathsScope[]}
 */
export function packagePaths(repo, dirs) {
  return ['', ...dirs]
    .map((dir) => ({ dir: path.join(repo, dir), paths: pathsOf(path.join(repo, dir, 'tsconfig.json')) }))
    .filter((scope) => scope.paths.length > 0)
    .sort((a, b) => b.dir.length - a.dir.length);
}
