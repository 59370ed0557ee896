// The cache key of a probe: everything the runner reads while it resolves a config, by content, so a warm run can
// trust the cached answer without starting the runner. Test files are not part of it: the answer is patterns, not lists.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gitBlobHash } from '../../graph/content-hash.js';
import { extractImports } from '../../graph/extract-imports.js';
import type { ScannedFile } from '../../graph/scan-files.js';

/** Files a runner may read while it loads a config: manifests, lockfiles, tsconfigs (path plugins), runner configs. */
const configLike =
  /(?:^|\/)(?:package\.json|package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|pnpm-workspace\.yaml|bun\.lockb?|tsconfig[^/]*\.json|\.mocharc\.[a-z]+|[^/]*\.config\.[cm]?[jt]s|vitest\.(?:workspace|projects)\.[^/]+|jest\.config\.json)$/;
const resolvableExtensions = ['', '.ts', '.mts', '.cts', '.js', '.mjs', '.cjs', '.json', '/index.ts', '/index.js', '/index.mjs'];

function contentHash(root: string, file: ScannedFile): string {
  if (file.hash) return file.hash;
  try {
    return gitBlobHash(readFileSync(path.join(root, file.path)));
  } catch {
    return 'unreadable';
  }
}

/** The repository files a config reaches through relative imports, transitively (packages are covered by the lockfile). */
function importClosure(root: string, starts: readonly string[], known: ReadonlySet<string>): Set<string> {
  const seen = new Set<string>();
  const queue = [...starts];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    if (!/\.[cm]?[jt]sx?$/.test(file)) continue;
    let source: string;
    try {
      source = readFileSync(path.join(root, file), 'utf8');
    } catch {
      continue;
    }
    for (const { specifier } of extractImports(source, file).imports) {
      if (!specifier.startsWith('.')) continue;
      const base = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
      const target = resolvableExtensions.map((extension) => base + extension).find((candidate) => known.has(candidate));
      if (target !== undefined) queue.push(target);
      // `.js` specifiers that name `.ts` sources.
      const swapped = base.replace(/\.([cm]?)js$/, '.$1ts');
      if (swapped !== base && known.has(swapped)) queue.push(swapped);
    }
  }
  return seen;
}

/**
 * One hash over the content of every file a runner may read while it resolves its configs: computed once per run,
 * shared by the probes of that run (each adds its own runner, version and config with `probeKey`).
 */
export function dependencyHash(root: string, files: readonly ScannedFile[]): string {
  const byPath = new Map(files.map((file) => [file.path, file]));
  const configs = files.filter((file) => configLike.test(file.path)).map((file) => file.path);
  const closure = [...importClosure(root, configs, new Set(byPath.keys()))].sort();
  const hash = createHash('sha1').update(`${path.resolve(root)}\0`);
  for (const file of closure) {
    const scanned = byPath.get(file);
    hash.update(`${file}\0${scanned ? contentHash(root, scanned) : 'missing'}\0`);
  }
  return hash.digest('hex');
}

/** The key of one probe: the files it depends on, impacted's probe code, and what is asked of which runner version. */
export function probeKey(dependencies: string, fingerprint: string, parts: readonly string[]): string {
  return createHash('sha1').update([dependencies, fingerprint, ...parts].join('\0')).digest('hex');
}
