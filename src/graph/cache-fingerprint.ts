// Identifies the code that produces cached graph parts, so a new impacted, graph module, parser or Node.js invalidates them.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The parsers the extractor calls, and the glob matcher (globs in code, configs and test patterns); their versions change results. */
const parserPackages = ['es-module-lexer', 'oxc-parser', 'minimatch'];

let memo: { value: string | undefined } | undefined;

/**
 * The version of the package `name` as this module's imports find it: in the nearest `node_modules` above it, as
 * Node looks (without `require.resolve`, whose first call costs a few milliseconds of a warm run).
 */
function packageVersion(from: string, name: string): string | undefined {
  for (let dir = path.dirname(from); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'node_modules', name, 'package.json');
    if (existsSync(manifest)) {
      const { name: found, version } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown; version?: unknown };
      return found === name && typeof version === 'string' ? version : undefined;
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

function compute(): string | undefined {
  const self = fileURLToPath(import.meta.url);
  const hash = createHash('sha1');
  const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
  // Node's list of built-in modules decides what resolves as `builtin`.
  hash.update(`impacted ${String(version)}\0node ${process.version}\0`);
  // Every module of the graph stage, which sit beside this one with its extension (.ts under test, .js when built):
  // the extractor, the resolver and what they use. A module added there is covered without being listed.
  const extension = path.extname(self);
  const dir = path.dirname(self);
  const modules = readdirSync(dir).filter((name) => name.endsWith(extension) && !name.endsWith(`.d${extension}`));
  if (!modules.includes('extract-imports' + extension)) return undefined;
  for (const name of modules.sort()) hash.update(`${name}\0`).update(readFileSync(path.join(dir, name))).update('\0');
  for (const name of parserPackages) {
    const parserVersion = packageVersion(self, name);
    if (parserVersion === undefined) return undefined;
    hash.update(`${name} ${parserVersion}\0`);
  }
  return hash.digest('hex');
}

/**
 * A hash of impacted's version, the graph modules' code, the parser and glob matcher versions and Node's; computed once per process.
 * Undefined when any of them cannot be read (a bundled copy, say): results are then not cached at all.
 */
export function cacheFingerprint(): string | undefined {
  if (!memo) {
    try {
      memo = { value: compute() };
    } catch {
      memo = { value: undefined };
    }
  }
  return memo.value;
}
