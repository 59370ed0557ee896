// Identifies the code that produces cached extraction results, so a new impacted, extractor or parser invalidates them.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The modules whose code decides what `extractImports` returns: a module added to the extractor must be listed. */
const extractorModules = ['extract-imports', 'extract-patterns'];
/** The parsers the extractor calls; their versions change what parses. */
const parserPackages = ['es-module-lexer', 'oxc-parser'];

let memo: { value: string | undefined } | undefined;

function packageVersion(entry: string, name: string): string | undefined {
  for (let dir = path.dirname(entry); path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const { name: found, version } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown; version?: unknown };
    if (found === name && typeof version === 'string') return version;
  }
  return undefined;
}

function compute(): string | undefined {
  const self = fileURLToPath(import.meta.url);
  // The extractor sits beside this module, with the same extension (.ts under test, .js when built).
  const extension = path.extname(self);
  const hash = createHash('sha1');
  const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
  hash.update(`impacted ${String(version)}\0`);
  for (const name of extractorModules) hash.update(readFileSync(path.join(path.dirname(self), `${name}${extension}`))).update('\0');
  const require = createRequire(import.meta.url);
  for (const name of parserPackages) {
    const parserVersion = packageVersion(require.resolve(name), name);
    if (parserVersion === undefined) return undefined;
    hash.update(`${name} ${parserVersion}\0`);
  }
  return hash.digest('hex');
}

/**
 * A hash of impacted's version, the extractor's own code and the parser versions; computed once per process.
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
