// Build step after tsc: the CLI as a few ES module chunks in dist/bundle/, and its `impacted serve` client as one more (a warm `list` loads 5 files instead of
// ~120 modules, which saves Node's per-module resolve, read and compile: README.md, "Speed"). The library
// (dist/index.js) stays tsc's one module per file; the dependencies stay external, loaded from node_modules, but for
// minimatch, which every list loads (its nine ES modules), commander, which every command loads, and zod.
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import commonjs from '@rollup/plugin-commonjs';
import { rollup } from 'rollup';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const out = path.join(dist, 'bundle');
const toUrlPath = (file) => file.split(path.sep).join('/');

/**
 * minimatch and the packages it imports, and zod, bundled from the installed copies' ES module builds (`module`): Node
 * loads an ES module in about a millisecond of CPU on top of compiling it; minimatch is nine of them, and zod 95 (854 KB
 * with its locales: 114 ms to import, for a run with a config file or a runner's answer to check; tree-shaken into
 * one chunk of 265 KB, 35 ms). package.json pins minimatch's version, so that the installed copy (whose version the
 * graph cache's fingerprint names) is the one bundled.
 */
const bundledPackages = new Set(['minimatch', 'brace-expansion', 'balanced-match', '@isaacs/nonrecursive-glob-match', 'zod']);
/**
 * commander, which every command loads, is CommonJS: Node loads it through its CommonJS loader and an export scan (19
 * ms of a run's start-up), and bundled as an ES module it costs a few. Its code is bundled from the installed copy
 * (`require('commander')`), converted by @rollup/plugin-commonjs.
 */
const commonJsPackages = new Set(['commander']);
const bundledDependencies = {
  name: 'bundled-dependencies',
  resolveId(source, importer) {
    if (importer === undefined) return null;
    if (commonJsPackages.has(source)) return createRequire(importer).resolve(source);
    if (!bundledPackages.has(source)) return null;
    const manifest = createRequire(importer).resolve(`${source}/package.json`);
    return path.join(path.dirname(manifest), JSON.parse(readFileSync(manifest, 'utf8')).module);
  },
};

/**
 * Each module keeps its own `import.meta.url`, the tsc-built file beside which its neighbours are (a probe's child
 * script, the coverage preload, the graph modules the cache fingerprint hashes, the package.json): the bundled code
 * is built from those very files, in the same `npm run build`.
 */
const ownImportMetaUrl = {
  name: 'own-import-meta-url',
  resolveImportMeta(property, { chunkId, moduleId }) {
    if (property !== 'url') return null;
    const relative = toUrlPath(path.relative(path.dirname(path.join(out, chunkId)), moduleId));
    return `new URL(${JSON.stringify(relative)}, import.meta.url).href`;
  },
};

/** The modules `start` reaches through static imports: what loads with it. */
function staticClosure(start, getModuleInfo) {
  const reached = new Set();
  const pending = [start];
  while (pending.length > 0) {
    const id = pending.pop();
    const info = getModuleInfo(id);
    if (reached.has(id) || !info || info.isExternal) continue;
    reached.add(id);
    pending.push(...info.importedIds);
  }
  return reached;
}

const entry = path.join(dist, 'cli.js');
/** @type {Set<string> | undefined} */
let withCli;
/** @type {Set<string> | undefined} */
let pipeline;
/**
 * What a `list`/`run`/`why` loads with its pipeline (cli-feedback.js and what it imports, less what cli.js itself
 * imports, which `--version` loads too) is one chunk, so that a list reads a few files. Left to itself rollup makes
 * a chunk for every set of commands that share modules: 21 files for a warm list. The setup note a run without a
 * config prints (detect-setup.js, setup-text.js: 7 KB) is in it too: two files fewer for such a run, against a
 * little more to compile for a run with a config. Modules only imported lazily (the runners' output schemas and the
 * config schema, with zod) keep chunks of their own.
 */
function manualChunks(id, { getModuleInfo }) {
  if (!withCli || !pipeline) {
    const cli = staticClosure(entry, getModuleInfo);
    withCli = cli;
    const withPipeline = ['onboard/cli-feedback.js', 'onboard/detect-setup.js', 'onboard/setup-text.js'].flatMap((file) => [...staticClosure(path.join(dist, file), getModuleInfo)]);
    pipeline = new Set(withPipeline.filter((module) => !cli.has(module)));
  }
  if (withCli.has(id)) return 'cli';
  if (pipeline.has(id)) return 'pipeline';
  // zod, for the schemas loaded lazily: one chunk of its own, named for what it is.
  return /[\\/]node_modules[\\/]zod[\\/]/.test(id) ? 'zod' : undefined;
}

const bundle = await rollup({
  input: entry,
  // impacted's own modules and the packages above are bundled: every other bare specifier (node: built-ins,
  // dependencies) stays an import.
  external: (id) => !id.startsWith('.') && !path.isAbsolute(id) && !bundledPackages.has(id) && !commonJsPackages.has(id),
  // The entry chunk may export more than cli.js (shared modules); bin/impacted.js imports only `main`.
  preserveEntrySignatures: 'allow-extension',
  plugins: [bundledDependencies, commonjs({ include: /node_modules[\\/]commander[\\/]/ }), ownImportMetaUrl],
  onwarn(warning, warn) {
    // src/ has import cycles that ES modules resolve; they are not bundling problems. zod's sources have comments
    // beside `@__PURE__` annotations that rollup drops (the annotations it can read still apply).
    if (warning.code === 'CIRCULAR_DEPENDENCY' || (warning.code === 'INVALID_ANNOTATION' && /[\\/]node_modules[\\/]zod[\\/]/.test(warning.id ?? ''))) return;
    warn(warning);
  },
});
rmSync(out, { recursive: true, force: true });
await bundle.write({
  dir: out,
  format: 'es',
  manualChunks,
  entryFileNames: 'cli.js',
  // A lazily imported module's chunk keeps its path (dist/bundle/runners/vitest/probe.js), so that what a run loads
  // still says what it is; chunks shared by several are named after a module in them.
  chunkFileNames: (chunk) => (chunk.facadeModuleId ? toUrlPath(path.relative(dist, chunk.facadeModuleId)) : 'shared/[name].js'),
});
await bundle.close();

// The client bin/impacted.js loads before anything else, to hand a `list` to a running `impacted serve`: one file of
// its own (it shares a few small modules with the server's code in the CLI chunks, which it must not load).
const client = await rollup({ input: path.join(dist, 'serve/client.js'), external: (id) => id.startsWith('node:'), plugins: [ownImportMetaUrl] });
await client.write({ file: path.join(out, 'client.js'), format: 'es', inlineDynamicImports: true });
await client.close();
