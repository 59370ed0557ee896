// The source entry points a workspace package declares beside exports/main: `source`, preconstruct entrypoints and the
// entry files of its bundler config (tsup, tsdown, unbuild, rollup), the config read with oxc-parser, never executed.
import path from 'node:path';
import { minimatch } from 'minimatch';
import { parseIsolated } from './parse-isolated.js';
import type { PackageManifest } from './workspaces.js';
import type { RepoFiles } from '../files/repo-files.js';

export interface PackageEntries {
  /** Subpath (`.`, `./changelog`) -> package-relative source paths, from `source` and preconstruct entrypoints. */
  subpaths: Record<string, string[]>;
  /** Output name (`index`, `cli`) -> package-relative source paths, from the bundler config's named entries. */
  outputs: Record<string, string[]>;
  /** Every entry file the bundler config names (package-relative): what any build output of the package is built from. */
  built: string[];
}

/** Bundler configs whose `entry` / `entries` / `input` name the files a build starts from. */
const bundlerConfig = /^(?:tsup|tsdown|rollup|build)\.config\.(?:[cm]?[jt]s|json)$/;
const entryKeys = new Set(['entry', 'entries', 'input']);
const sourceExtension = /\.(?:[cm]?[jt]sx?)$/;

function clean(relative: string): string {
  return path.posix.normalize(relative).replace(/^\.\//, '');
}

/** `a/index.ts` -> `./a`, `index.tsx` -> `.`, `changelog.ts` -> `./changelog`. */
function subpathOf(entry: string): string {
  const stem = entry.replace(sourceExtension, '');
  const dir = stem === 'index' ? '' : stem.endsWith('/index') ? stem.slice(0, -'/index'.length) : stem;
  return dir === '' ? '.' : `./${dir}`;
}

/** The name a bundler gives the output of an entry file: its base name without extension. */
function outputName(entry: string): string {
  return path.posix.basename(entry).replace(sourceExtension, '');
}

/** Literal entries (globs expanded against the package's files), or an empty list for a computed value. */
function expand(pattern: string, files: readonly string[]): string[] {
  const relative = clean(pattern);
  if (!/[*?{[]/.test(relative)) return [relative];
  return files.filter((file) => minimatch(file, relative));
}

/** preconstruct: entrypoints are globs relative to `src/` (default `index.{js,jsx,ts,tsx}`), one subpath each. */
function preconstructEntries(manifest: PackageManifest, files: readonly string[], subpaths: Record<string, string[]>): void {
  const config = manifest.preconstruct;
  const declared = config && typeof config === 'object' && Array.isArray(config.entrypoints) ? config.entrypoints : undefined;
  const patterns = (declared ?? ['index.{js,jsx,ts,tsx}']).filter((entry): entry is string => typeof entry === 'string');
  const inSource = files.filter((file) => file.startsWith('src/')).map((file) => file.slice('src/'.length));
  for (const pattern of patterns) {
    for (const entry of expand(pattern, inSource)) (subpaths[subpathOf(entry)] ??= []).push(`src/${entry}`);
  }
}

/** Whether `main` has preconstruct's output name (`dist/<scope>-<name>.cjs.js`) even without a `preconstruct` key. */
function looksPreconstructed(manifest: PackageManifest): boolean {
  if (manifest.preconstruct !== undefined) return true;
  const name = manifest.name?.replace(/^@/, '').replace(/\//g, '-');
  return name !== undefined && clean(manifest.main ?? '') === `dist/${name}.cjs.js`;
}

type Node = { type?: unknown; [key: string]: unknown };

function stringValue(node: Node | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  const quasis = node.quasis as { value: { cooked?: string } }[] | undefined;
  if (node.type === 'TemplateLiteral' && (node.expressions as unknown[]).length === 0) return quasis?.[0]?.value.cooked;
  return undefined;
}

function keyName(node: Node): string | undefined {
  const key = node.key as Node | undefined;
  if (node.computed) return undefined;
  return key?.type === 'Identifier' ? (key.name as string) : stringValue(key);
}

/** Collects the literal entries of an `entry`/`input` value: a string, an array of them, or `{ outputName: path }`. */
function collectEntries(value: Node, add: (entry: string, name?: string) => void): void {
  const single = stringValue(value);
  if (single !== undefined) return add(single);
  if (value.type === 'ArrayExpression') for (const element of (value.elements as Node[]).filter(Boolean)) collectEntries(element, add);
  if (value.type === 'ObjectExpression') {
    const properties = value.properties as Node[];
    const valueOf = (key: string) => stringValue(properties.find((property) => keyName(property) === key)?.value as Node | undefined);
    // unbuild's `{ input: 'src/cli', name: 'bin' }`: one entry and the name of its output.
    const input = valueOf('input');
    if (input !== undefined) return add(input, valueOf('name'));
    for (const property of properties) {
      const name = keyName(property);
      const entry = stringValue(property.value as Node);
      if (name !== undefined && entry !== undefined) add(entry, name);
    }
  }
}

function walk(node: unknown, visit: (node: Node) => void): void {
  if (Array.isArray(node)) for (const item of node) walk(item, visit);
  else if (node && typeof node === 'object') {
    if ('type' in node) visit(node as Node);
    for (const value of Object.values(node)) if (value && typeof value === 'object') walk(value, visit);
  }
}

function readConfigEntries(file: string, text: string, add: (entry: string, name?: string) => void): void {
  if (file.endsWith('.json')) {
    try {
      const value = JSON.parse(text.replace(/^\uFEFF/, '')) as { entry?: unknown };
      if (value && typeof value === 'object') addJsonEntries(value.entry, add);
    } catch {
      // An unreadable config names no entries: resolution falls back to the whole package.
    }
    return;
  }
  const { program } = parseIsolated(file, text, { sourceType: 'unambiguous' }, { program: true });
  walk(program, (node) => {
    if (node.type !== 'Property') return;
    const name = keyName(node);
    if (name !== undefined && entryKeys.has(name)) collectEntries(node.value as Node, add);
  });
}

function addJsonEntries(value: unknown, add: (entry: string, name?: string) => void): void {
  if (typeof value === 'string') add(value);
  else if (Array.isArray(value)) for (const item of value) addJsonEntries(item, add);
  else if (value && typeof value === 'object') for (const [name, entry] of Object.entries(value)) if (typeof entry === 'string') add(entry, name);
}

/** One entry a bundler config names, with the output name it gives it. */
export interface ConfigEntry {
  entry: string;
  name?: string;
}

/** The entries a bundler config (`file` is its name) names, in the order it names them. Never throws. */
export function configEntries(file: string, text: string): ConfigEntry[] {
  const found: ConfigEntry[] = [];
  try {
    readConfigEntries(file, text, (entry, name) => found.push(name === undefined ? { entry } : { entry, name }));
  } catch {
    // A config oxc cannot parse names no entries (beyond those read before it failed).
  }
  return found;
}

/** Whether a package.json file name or a package's top-level file is a bundler config `packageEntries` reads. */
export function isBundlerConfig(name: string): boolean {
  return bundlerConfig.test(name);
}

/**
 * The entries of one package, undefined when it declares none. `configs` are its top-level bundler configs, `files`
 * lists its files (package-relative; asked for only to expand globs), `read` returns a file's text, `entriesOf` reads a
 * config's entries (`configEntries`, or the same from a cache). Never throws.
 */
export function packageEntries(
  manifest: PackageManifest,
  configs: readonly string[],
  files: () => readonly string[],
  read: (relative: string) => string | undefined,
  entriesOf: (file: string, text: string) => readonly ConfigEntry[] = configEntries,
): PackageEntries | undefined {
  const preconstructed = looksPreconstructed(manifest);
  if (typeof manifest.source !== 'string' && !preconstructed && manifest.tsup === undefined && configs.length === 0) return undefined;
  const entries: PackageEntries = { subpaths: {}, outputs: {}, built: [] };
  if (typeof manifest.source === 'string') entries.subpaths['.'] = [clean(manifest.source)];
  if (preconstructed) preconstructEntries(manifest, files(), entries.subpaths);
  const add = (entry: string, name?: string) => {
    for (const file of expand(entry, files())) {
      entries.built.push(file);
      (entries.outputs[name ?? outputName(file)] ??= []).push(file);
    }
  };
  if (manifest.tsup && typeof manifest.tsup === 'object') addJsonEntries((manifest.tsup as { entry?: unknown }).entry, add);
  for (const file of configs) {
    const text = read(file);
    if (text === undefined) continue;
    for (const { entry, name } of entriesOf(file, text)) add(entry, name);
  }
  entries.built = [...new Set(entries.built)].sort();
  return entries;
}

/** Reads a package's files (from the work tree or the commit being analysed), for `packageEntries`. */
export function readPackageFile(source: RepoFiles, dir: string): (relative: string) => string | undefined {
  return (relative) => {
    try {
      return source.read(path.posix.join(dir, relative)).toString('utf8');
    } catch {
      return undefined;
    }
  };
}
