// A jest resolver (`resolver` in the bench's jest config) that applies the importing package's own tsconfig `paths`
// before jest's default resolution. The scopes come from package-paths.mjs through IMPACTED_BENCH_JEST_PATHS (a JSON file).
const { readFileSync } = require('node:fs');
const path = require('node:path');

/** @type {import('./package-paths.mjs').PathsScope[]} */
const scopes = process.env.IMPACTED_BENCH_JEST_PATHS ? JSON.parse(readFileSync(process.env.IMPACTED_BENCH_JEST_PATHS, 'utf8')) : [];

/**
 * The targets a specifier maps to in one scope, TypeScript's way: an exact key, or `prefix*suffix` with the `*` part kept.
 * @param {import('./package-paths.mjs').PathsScope} scope
 * @param {string} specifier
 */
function mapped(scope, specifier) {
  for (const { key, targets } of scope.paths) {
    const star = key.indexOf('*');
    if (star === -1) {
      if (key === specifier) return targets;
      continue;
    }
    const [prefix, suffix] = [key.slice(0, star), key.slice(star + 1)];
    if (specifier.length >= prefix.length + suffix.length && specifier.startsWith(prefix) && specifier.endsWith(suffix)) {
      const part = specifier.slice(prefix.length, specifier.length - suffix.length);
      return targets.map((target) => target.replace('*', part));
    }
  }
  return [];
}

/**
 * @param {string} specifier
 * @param {{ basedir: string, defaultResolver: (specifier: string, options: object) => string }} options
 */
module.exports = (specifier, options) => {
  const scope = specifier.startsWith('.') || path.isAbsolute(specifier) ? undefined : scopes.find((candidate) => options.basedir === candidate.dir || options.basedir.startsWith(`${candidate.dir}${path.sep}`));
  for (const target of scope ? mapped(scope, specifier) : []) {
    try {
      return options.defaultResolver(target, options);
    } catch {
      // the next target, as TypeScript tries them in order
    }
  }
  return options.defaultResolver(specifier, options);
};
