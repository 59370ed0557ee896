// The cache key of a probe: everything the runner reads while it resolves a config, by content, so a warm run can
// trust the cached answer without starting the runner. Test files are not part of it: the answer is patterns, not lists.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gitBlobHash } from '../../graph/content-hash.js';
import { extractImports } from '../../graph/extract-imports.js';
import type { ScannedFile } from '../../graph/scan-files.js';

/** Files a runner may read while it loads a config (by name): manifests, lockfiles, tsconfigs (path plugins), runner configs. */
const configLike =
  /^(?:package\.json|package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|pnpm-workspace\.yaml|bun\.lockb?|tsconfig.*\.json|\.mocharc\.[a-z]+|.*\.config\.[cm]?[jt]s|vitest\.(?:workspace|projects)\..+|jest\.config\.json)$/;
const resolvableExtensions = ['', '.ts', '.mts', '.cts', '.js', '.mjs', '.cjs', '.json', '/index.ts', '/index.js', '/index.mjs'];

/** The relative imports of one file (the paths its specifiers name, extensionless as written), by path and content hash. */
export type ImportsMemo = Record<string, string[]>;

/** The relative import paths a config-like source names (packages are covered by the lockfile). */
function relativeImports(file: string, source: string): string[] {
  return extractImports(source, file)
    .imports.filter(({ specifier }) => specifier.startsWith('.'))
    .map(({ specifier }) => path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier)));
}

/**
 * One hash over the content of every file a runner may read while it resolves its configs (every config-like file and
 * the repository files they reach through relative imports, transitively): computed once per run, shared by the
 * probes of that run (each adds its own runner, version and config with `probeKey`). Contents are git's blob hashes
 * from the scan where it has them; a file's imports come from `memo` while its content is the same, so a warm run
 * reads and lexes only the config-like files that changed. Returns the memo entries used, to keep for the next run.
 */
export function dependencyHash(root: string, files: readonly ScannedFile[], memo: ImportsMemo = {}): { hash: string; memo: ImportsMemo } {
  const byPath = new Map(files.map((file) => [file.path, file]));
  const used: ImportsMemo = {};
  const hashes = new Map<string, string>();
  const queue = files.filter((file) => configLike.test(file.path.slice(file.path.lastIndexOf('/') + 1))).map((file) => file.path);
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (hashes.has(file)) continue;
    const scanned = byPath.get(file);
    let text: Buffer | undefined;
    let hash = scanned?.hash;
    if (hash === undefined) {
      try {
        text = readFileSync(path.join(root, file));
        hash = gitBlobHash(text);
      } catch {
        hash = 'unreadable';
      }
    }
    hashes.set(file, hash);
    if (!/\.[cm]?[jt]sx?$/.test(file) || hash === 'unreadable') continue;
    const key = `${file}\0${hash}`;
    let imports = memo[key];
    if (imports === undefined) {
      try {
        imports = relativeImports(file, (text ?? readFileSync(path.join(root, file))).toString('utf8'));
      } catch {
        continue;
      }
    }
    used[key] = imports;
    for (const base of imports) {
      const target = resolvableExtensions.map((extension) => base + extension).find((candidate) => byPath.has(candidate));
      if (target !== undefined) queue.push(target);
      // `.js` specifiers that name `.ts` sources.
      const swapped = base.replace(/\.([cm]?)js$/, '.$1ts');
      if (swapped !== base && byPath.has(swapped)) queue.push(swapped);
    }
  }
  const hash = createHash('sha1').update(`${path.resolve(root)}\0`);
  for (const file of [...hashes.keys()].sort()) hash.update(`${file}\0${hashes.get(file)}\0`);
  return { hash: hash.digest('hex'), memo: used };
}

/** The key of one probe: the files it depends on, impacted's probe code, and what is asked of which runner version. */
export function probeKey(dependencies: string, fingerprint: string, parts: readonly string[]): string {
  return createHash('sha1').update([dependencies, fingerprint, ...parts].join('\0')).digest('hex');
}
