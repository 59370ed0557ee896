// Build step after tsc: the CLI as a few ES module chunks in dist/bundle/ (a warm `list` loads 4 files instead of
// ~110 modules, which saves Node's per-module resolve, read and compile: README.md, "Speed"). The library
// (dist/index.js) stays tsc's one module per file; the dependencies stay external, loaded from node_modules.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rollup } from 'rollup';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const out = path.join(dist, 'bundle');
const toUrlPath = (file) => file.split(path.sep).join('/');

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
 * a chunk for every set of commands that share modules: 21 files for a warm list. Modules only imported lazily
 * (the runners' output schemas and the config schema, with zod, the setup detection note) keep chunks of their own.
 */
function manualChunks(id, { getModuleInfo }) {
  if (!withCli || !pipeline) {
    const cli = staticClosure(entry, getModuleInfo);
    withCli = cli;
    pipeline = new Set([...staticClosure(path.join(dist, 'onboard/cli-feedback.js'), getModuleInfo)].filter((module) => !cli.has(module)));
  }
  if (withCli.has(id)) return 'cli';
  return pipeline.has(id) ? 'pipeline' : undefined;
}

const bundle = await rollup({
  input: entry,
  // Only impacted's own modules are bundled: every bare specifier (node: built-ins, dependencies) stays an import.
  external: (id) => !id.startsWith('.') && !path.isAbsolute(id),
  // The entry chunk may export more than cli.js (shared modules); bin/impacted.js imports only `main`.
  preserveEntrySignatures: 'allow-extension',
  plugins: [ownImportMetaUrl],
  onwarn(warning, warn) {
    // src/ has import cycles that ES modules resolve; they are not bundling problems.
    if (warning.code !== 'CIRCULAR_DEPENDENCY') warn(warning);
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
