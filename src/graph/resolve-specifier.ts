// Resolves an import specifier from a repository file to repository files or an external package,
// following TypeScript's rules against the in-memory file list (no file-system probing on the hot path).
import { builtinModules } from 'node:module';
import path from 'node:path';
import { sourceCandidates, type PackageOutput } from './map-to-source.js';
import type { PackageEntries } from './package-entries.js';
import { matchSubpath, matchTypesVersions } from './package-exports.js';
import { packageOwner } from './package-owner.js';
import { pathKey } from './probe-keys.js';
import { extensionOf, joinRepoPath, repoPathOf } from './repo-path.js';
import type { RepoFiles } from '../files/repo-files.js';
import { readManifest, type Workspace } from './workspaces.js';
import type { Tsconfig, TsconfigLookup } from './tsconfig.js';

export type Resolution =
  | { type: 'files'; files: string[] }
  | { type: 'external'; package: string }
  | { type: 'builtin' }
  /** A workspace package (or a subpath of it) whose file could not be determined: the importer depends on all of it. */
  | { type: 'package'; dir: string }
  | { type: 'unresolved' };

const builtins = new Set(builtinModules);
const unresolved: Resolution = { type: 'unresolved' };

/** Extensions TypeScript tries for an extensionless specifier, then the JavaScript ones (safe for mixed repos). */
const probeExtensions = ['.ts', '.tsx', '.d.ts', '.js', '.jsx', '.mts', '.cts', '.mjs', '.cjs', '.json'];

/** A JavaScript extension in a specifier names the TypeScript source first. */
const extensionSubstitutes: Record<string, string[]> = {
  '.js': ['.ts', '.tsx', '.d.ts', '.js', '.jsx'],
  '.jsx': ['.tsx', '.d.ts', '.jsx', '.ts', '.js'],
  '.mjs': ['.mts', '.d.mts', '.mjs'],
  '.cjs': ['.cts', '.d.cts', '.cjs'],
};

/** Every extension probing tries, so one lookup of a path without its extension tells which of them exist. */
const indexedExtensions = new Set([...probeExtensions, ...Object.values(extensionSubstitutes).flat()]);

/** Probes answered by lookups in the file list before the index by stem is built (see `withExtension`). */
const directProbeLimit = 1000;

/** Whether the index by stem holds `file` (which is `stem` + `extension`, in the file list) under that stem and extension. */
function stemIndexed(file: string, stem: string, extension: string): boolean {
  const dot = file.lastIndexOf('.');
  if (dot <= file.lastIndexOf('/') + 1) return false;
  if (dot === stem.length) return indexedExtensions.has(extension);
  // `x.d.ts` under `x` with `.d.ts`.
  return dot - 2 === stem.length && file.endsWith('.d', dot) && extension === `.d${file.slice(dot)}` && indexedExtensions.has(extension);
}

function dirOf(file: string): string {
  const slash = file.lastIndexOf('/');
  return slash === -1 ? '' : file.slice(0, slash);
}

/** The package name of a bare specifier: `@scope/name` or `name`. */
function packageNameOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/** Resolution aliases of a test runner's project (vite `resolve.alias`, jest `moduleNameMapper`), for the files below `dir`. */
export interface AliasScope {
  /** Repository-relative directory, `''` for the whole repository. */
  dir: string;
  aliases: readonly { find: string; isRegExp: boolean; replacement: string }[];
}

export interface ResolverInput {
  root: string;
  /** Where package.json files are read. */
  source: RepoFiles;
  files: ReadonlySet<string>;
  tsconfigs: TsconfigLookup;
  packages: readonly Workspace[];
  /** Source entries each package declares beside exports/main, by package directory. */
  entries?: ReadonlyMap<string, PackageEntries>;
  aliases?: readonly AliasScope[];
  /** Keep the probe keys of every resolution (see `record`): for a cache that redoes only what a new or gone file touches. */
  recordProbes?: boolean;
}

/** A resolution, with the probe keys of the paths it asked about when they are recorded. */
interface Resolved {
  resolution: Resolution;
  probes: readonly number[];
}

const noProbes: readonly number[] = [];

/** Directory scopes the resolver keeps (see `forgetOldDirs`). */
const keptDirScopes = 8;

export class Resolver {
  /**
   * Per scope (see `scopeOf`), per specifier: a map of maps, so a lookup builds no key string. A directory's scope is
   * kept only while its files come (see `forgetOldDirs`); a tsconfig's, for the whole run.
   */
  private readonly cache = new Map<string | Tsconfig | undefined, Map<string, Resolved>>();
  private readonly packagesByName = new Map<string, Workspace>();
  private readonly packagesByDir: Map<string, Workspace>;
  private readonly ownerDir: (file: string) => string;
  private readonly outputs = new Map<string, PackageOutput>();
  /** Per tsconfig, the first config loaded that resolves names the same way (see `scopeOf`). */
  private readonly sameResolution = new Map<Tsconfig, Tsconfig>();
  private readonly bySignature = new Map<string, Tsconfig>();
  /**
   * Repository files by path without extension (built on the first probe): the file, or the files when several share
   * the stem; each file's extension is what follows the stem. No list per stem: most stems have one file, and a list
   * and an extension string for each cost ~9 MB at 100,000 files.
   */
  private stems: Map<string, string | string[]> | undefined;
  /** Probes answered without the index, before it is built. */
  private directProbes = 0;
  /** Where the probe keys (see probe-keys.ts) of the paths asked about go now. */
  private probed: number[] | undefined;

  constructor(private readonly input: ResolverInput) {
    for (const pkg of input.packages) if (pkg.manifest.name) this.packagesByName.set(pkg.manifest.name, pkg);
    this.packagesByDir = new Map(input.packages.map((pkg) => [pkg.dir, pkg]));
    this.ownerDir = packageOwner(this.packagesByDir.keys());
  }

  /** The directory of the last file `resolve` was asked for: a file's imports come one after another. */
  private lastFrom: string | undefined;
  private lastDir = '';

  /** Resolves `specifier` as written in `from` (repository-relative). Results are cached per scope. */
  resolve(from: string, specifier: string): Resolution {
    // The same directory string for all of a file's imports: the cache lookups by it hash it once.
    if (from !== this.lastFrom) {
      this.lastFrom = from;
      this.lastDir = dirOf(from);
    }
    const dir = this.lastDir;
    const scope = this.scopeOf(dir, specifier);
    let inScope = this.cache.get(scope);
    if (!inScope) {
      this.cache.set(scope, (inScope = new Map()));
      if (typeof scope === 'string') this.forgetOldDirs(scope);
    }
    let resolved = inScope.get(specifier);
    if (!resolved) {
      // Recorded apart from the caller's list: the next file resolving the same specifier gets them from here.
      const into = this.probed;
      const probes = this.input.recordProbes ? [] : undefined;
      this.probed = probes;
      // Bundler query suffixes (`?raw`, `?url`) do not change which file is read.
      const query = specifier.indexOf('?');
      resolved = { resolution: this.resolveUncached(dir, query === -1 ? specifier : specifier.slice(0, query)), probes: probes ?? noProbes };
      this.probed = into;
      inScope.set(specifier, resolved);
    }
    if (this.probed) for (const key of resolved.probes) this.probed.push(key);
    return resolved.resolution;
  }

  /** The directory scopes in the cache, oldest first. */
  private readonly dirScopes: string[] = [];

  /**
   * Keeps the resolutions of the last few directories only. A relative specifier is resolved again only from the same
   * directory, and the files of a directory come one after another (the graph resolves them in path order): kept for
   * the whole run, these were one entry per relative import (~200,000 at 100,000 files, ~60 MB, nearly all used once)
   * for 1 hit in 8; the last 8 directories keep those hits.
   */
  private forgetOldDirs(scope: string): void {
    this.dirScopes.push(scope);
    if (this.dirScopes.length > keptDirScopes) this.cache.delete(this.dirScopes.shift());
  }

  /**
   * From now on, `resolve` and `resolvePath` append to `into` the probe keys of every path whose presence or absence
   * their answers depend on (when the resolver was made with `recordProbes`); undefined stops that.
   */
  record(into: number[] | undefined): void {
    this.probed = this.input.recordProbes ? into : undefined;
  }

  /** The last path noted, and the list it went to: asked again in a row (as a file, then as a stem), it is there. */
  private lastProbe: string | undefined;
  private lastProbed: number[] | undefined;

  /** Records a probe of `target`, as a file or as a stem. */
  private noteProbe(target: string): void {
    const probed = this.probed;
    if (!probed || (target === this.lastProbe && probed === this.lastProbed)) return;
    this.lastProbe = target;
    this.lastProbed = probed;
    probed.push(pathKey(target));
  }

  /** Whether `target` is a repository file, recorded. */
  private has(target: string): boolean {
    this.noteProbe(target);
    return this.input.files.has(target);
  }

  /**
   * What a specifier's resolution depends on besides its text: the importing directory for relative paths and
   * `#imports` (the owning package's manifest); for any other name only the governing tsconfig (its `paths`,
   * `baseUrl` and `moduleResolution`) and the workspace packages, which are the same everywhere. So a workspace or
   * external package imported from a thousand directories is resolved once per tsconfig, not once per directory; and
   * once for all the tsconfigs that agree on those three (every package's config extending one base config).
   */
  private scopeOf(dir: string, specifier: string): string | Tsconfig | undefined {
    const first = specifier.charCodeAt(0);
    // `.`, `/`, `#`, or empty.
    if (first === 46 || first === 47 || first === 35 || Number.isNaN(first)) return dir;
    // Runner aliases apply per project directory (and relative replacements per importing directory).
    if (this.input.aliases?.some((scope) => scope.dir === '' || dir === scope.dir || dir.startsWith(`${scope.dir}/`))) return dir;
    const tsconfig = this.input.tsconfigs.forDir(dir);
    if (!tsconfig) return undefined;
    let same = this.sameResolution.get(tsconfig);
    if (!same) {
      const signature = JSON.stringify([tsconfig.baseUrl ?? null, tsconfig.moduleResolution, tsconfig.paths]);
      same = this.bySignature.get(signature) ?? tsconfig;
      this.bySignature.set(signature, same);
      this.sameResolution.set(tsconfig, same);
    }
    return same;
  }

  /** Resolves a path relative to a directory (a `/// <reference path>`, an asset): the file itself or TS's probing. */
  resolvePath(dir: string, relative: string): string | undefined {
    const target = joinRepoPath(dir, relative);
    return target === undefined ? undefined : this.probe(target);
  }

  private resolveUncached(dir: string, specifier: string): Resolution {
    if (specifier === '') return unresolved;
    if (specifier.startsWith('.') || specifier.startsWith('/')) {
      const target = specifier.startsWith('/') ? this.fromAbsolute(specifier) : joinRepoPath(dir, specifier);
      if (target === undefined) return unresolved;
      const file = this.probe(target);
      if (file) return { type: 'files', files: [file] };
      // A relative path to a workspace package's directory (`require('./')` in its bin) is an import of the package.
      const pkg = this.packagesByDir.get(target);
      if (pkg) {
        const files = this.resolvePackageEntry(pkg, '.', this.input.tsconfigs.forDir(dir));
        return files.length > 0 ? { type: 'files', files } : { type: 'package', dir: pkg.dir };
      }
      // A relative path into the package's own unbuilt output (bin/cli.js -> ../dist/cli.js) means its source.
      return this.outputToSource(target);
    }
    if (specifier.startsWith('node:') || builtins.has(specifier) || builtins.has(packageNameOf(specifier))) {
      return { type: 'builtin' };
    }
    // A runner alias rewrites the specifier before anything else resolves it, for the files of its project.
    const aliased = this.resolveAlias(dir, specifier);
    if (aliased) return { type: 'files', files: [aliased] };
    // tsconfig `paths` come first for every non-relative name, `#imports` included, as in TypeScript.
    const tsconfig = this.input.tsconfigs.forDir(dir);
    const mapped = tsconfig ? this.resolveWithTsconfig(tsconfig, specifier) : undefined;
    if (mapped) return { type: 'files', files: [mapped] };
    if (specifier.startsWith('#')) return this.resolveImportsField(dir, specifier);
    const name = packageNameOf(specifier);
    const pkg = this.packagesByName.get(name);
    if (pkg) {
      const files = this.resolvePackageEntry(pkg, `.${specifier.slice(name.length)}`, tsconfig);
      return files.length > 0 ? { type: 'files', files } : { type: 'package', dir: pkg.dir };
    }
    return { type: 'external', package: name };
  }

  private resolveAlias(dir: string, specifier: string): string | undefined {
    for (const scope of this.input.aliases ?? []) {
      if (scope.dir !== '' && dir !== scope.dir && !dir.startsWith(`${scope.dir}/`)) continue;
      for (const alias of scope.aliases) {
        let rewritten: string | undefined;
        if (alias.isRegExp) {
          let pattern: RegExp;
          try {
            pattern = new RegExp(alias.find);
          } catch {
            continue;
          }
          if (pattern.test(specifier)) rewritten = specifier.replace(pattern, alias.replacement);
        } else if (specifier === alias.find || specifier.startsWith(`${alias.find}/`)) {
          rewritten = alias.replacement + specifier.slice(alias.find.length);
        }
        if (rewritten === undefined) continue;
        // The replacement is a repository path (made relative when the config wrote it absolute), else a package name.
        const target = rewritten.startsWith('.') ? joinRepoPath(dir, rewritten) : joinRepoPath('', rewritten);
        const file = target === undefined ? undefined : this.probe(target);
        if (file) return file;
      }
    }
    return undefined;
  }

  private resolveWithTsconfig(tsconfig: Tsconfig, specifier: string): string | undefined {
    // TypeScript uses the matching pattern with the longest prefix before the `*`.
    let best: { targets: string[]; match: string; prefixLength: number } | undefined;
    for (const { pattern, targets } of tsconfig.paths) {
      const star = pattern.indexOf('*');
      if (star === -1) {
        if (pattern === specifier) {
          best = { targets, match: '', prefixLength: Infinity };
          break;
        }
        continue;
      }
      const prefix = pattern.slice(0, star);
      const suffix = pattern.slice(star + 1);
      if (specifier.length >= prefix.length + suffix.length && specifier.startsWith(prefix) && specifier.endsWith(suffix)) {
        if (!best || prefix.length > best.prefixLength) {
          best = { targets, match: specifier.slice(prefix.length, specifier.length - suffix.length), prefixLength: prefix.length };
        }
      }
    }
    if (best) {
      for (const target of best.targets) {
        const candidate = this.fromAbsolute(target.replace('*', best.match));
        const file = candidate === undefined ? undefined : this.probe(candidate);
        if (file) return file;
      }
    }
    if (tsconfig.baseUrl) {
      const candidate = this.fromAbsolute(path.join(tsconfig.baseUrl, specifier));
      return candidate === undefined ? undefined : this.probe(candidate);
    }
    return undefined;
  }

  private resolveImportsField(dir: string, specifier: string): Resolution {
    const pkg = this.packagesByDir.get(this.ownerDir(dir));
    const targets = pkg ? matchSubpath(pkg.manifest.imports, specifier) : undefined;
    if (!pkg || !targets) return unresolved;
    const files = this.targetsToSource(pkg, targets);
    if (files.length > 0) return { type: 'files', files };
    // An imports entry may name an external package.
    const bare = targets.find((t) => !t.startsWith('.'));
    return bare ? { type: 'external', package: packageNameOf(bare) } : unresolved;
  }

  /** Files a workspace package's subpath leads to, mapped from build output back to source. */
  private resolvePackageEntry(pkg: Workspace, subpath: string, importer: Tsconfig | undefined): string[] {
    const { manifest } = pkg;
    const useExports = manifest.exports !== undefined && importer?.moduleResolution !== 'node10';
    let targets = useExports ? matchSubpath(manifest.exports, subpath) : undefined;
    let files = targets ? this.targetsToSource(pkg, targets) : [];
    const tried = [...(targets ?? [])];
    if (files.length === 0) {
      // node10 ignores `exports`; and a subpath the map lacks still names a real file for some runners.
      const fields = [manifest.types, manifest.typings, manifest.module, manifest.main, 'index'].filter((t): t is string => !!t);
      targets = subpath === '.' ? fields.map((field) => (field.startsWith('.') ? field : `./${field}`)) : [subpath];
      targets.push(...(matchTypesVersions(manifest.typesVersions, subpath) ?? []));
      tried.push(...targets);
      files = this.targetsToSource(pkg, targets);
    }
    if (files.length === 0 && !useExports && manifest.exports !== undefined) {
      targets = matchSubpath(manifest.exports, subpath);
      if (targets) files = this.targetsToSource(pkg, targets);
      tried.push(...(targets ?? []));
    }
    return files.length > 0 ? files : this.declaredEntry(pkg, subpath, tried);
  }

  /**
   * Where build output names no source by path: the package's declared entries (`source`, preconstruct entrypoints),
   * else the bundler entries its outputs are named after, else every bundler entry (all outputs are built from them).
   */
  private declaredEntry(pkg: Workspace, subpath: string, targets: readonly string[]): string[] {
    const entries = this.input.entries?.get(pkg.dir);
    if (!entries) return [];
    const probeAll = (list: readonly string[] | undefined) => this.targetsToSource(pkg, (list ?? []).map((file) => `./${file}`));
    let files = probeAll(entries.subpaths[subpath]);
    if (files.length > 0 || entries.built.length === 0) return files;
    const names = targets.map((target) => path.posix.basename(target).replace(/(?:\.(?:cjs|esm|es|umd|iife|modern|min|prod|dev|development|production))*(?:\.d)?\.[cm]?[jt]sx?$/, ''));
    files = probeAll(names.flatMap((name) => entries.outputs[name] ?? []));
    return files.length > 0 ? files : probeAll(entries.built);
  }

  private targetsToSource(pkg: Workspace, targets: string[]): string[] {
    const found = new Set<string>();
    const output = this.packageOutput(pkg);
    for (const target of targets) {
      if (!target.startsWith('./') && target !== '.' && !target.startsWith('../')) continue;
      const direct = joinRepoPath(pkg.dir, target);
      let file = direct === undefined ? undefined : this.probe(direct);
      for (const stem of file ? [] : sourceCandidates(target, output)) {
        const candidate = joinRepoPath(pkg.dir, stem);
        file = candidate === undefined ? undefined : this.probe(candidate);
        if (file) break;
      }
      if (file) found.add(file);
    }
    return [...found];
  }

  /**
   * A relative path into a workspace package's own unbuilt output (`bin/cli.js` -> `../dist/cli.js`) means its source;
   * where no source file can be named, the package was built from all of it. Any other missing file is unresolved.
   */
  private outputToSource(target: string): Resolution {
    const pkg = this.packagesByDir.get(this.ownerDir(target));
    if (!pkg) return unresolved;
    const relative = pkg.dir ? target.slice(pkg.dir.length + 1) : target;
    const output = this.packageOutput(pkg);
    if (sourceCandidates(relative, output).length < 2) return unresolved;
    const files = this.targetsToSource(pkg, [`./${relative}`]);
    const found = files.length > 0 ? files : this.declaredEntry(pkg, '', [relative]);
    return found.length > 0 ? { type: 'files', files: found } : { type: 'package', dir: pkg.dir };
  }

  /** outDir/rootDir of a package, relative to the package, from its build tsconfig when it has one. */
  private packageOutput(pkg: Workspace): PackageOutput {
    let output = this.outputs.get(pkg.dir);
    if (output) return output;
    const prefix = pkg.dir ? `${pkg.dir}/` : '';
    const tsconfigs = this.input.tsconfigs;
    // Not a probe: every package's build config is loaded before resolving, so the resolution epoch covers it.
    const config = this.input.files.has(`${prefix}tsconfig.build.json`)
      ? tsconfigs.load(`${prefix}tsconfig.build.json`)
      : tsconfigs.forDir(pkg.dir);
    const packageDir = path.join(this.input.root, pkg.dir);
    const relative = (dir: string | undefined) => (dir === undefined ? undefined : path.relative(packageDir, dir).split(path.sep).join('/'));
    output = { outDir: relative(config?.outDir), rootDir: relative(config?.rootDir) };
    if (output.outDir?.startsWith('..')) output = {};
    this.outputs.set(pkg.dir, output);
    return output;
  }

  /** The repository file a path names, by TypeScript's rules: extension substitution, probing, directory index. */
  private probe(target: string): string | undefined {
    const extension = extensionOf(target);
    const substitutes = extensionSubstitutes[extension];
    const substitute = substitutes && this.withExtension(target.slice(0, -extension.length), substitutes);
    if (substitute) return substitute;
    if (this.has(target)) return target;
    return this.withExtension(target, probeExtensions) ?? this.probeDirectory(target);
  }

  /**
   * `stem` plus the first of `extensions` that names a repository file. The first probes look each candidate up in
   * the file list; after that, one lookup in an index by stem answers, instead of a string built and hashed per
   * extension tried (most probes miss several before they hit, or miss them all). The index is worth its build
   * (every file of the list, 50-70 ms at 100,000 files) only when many probes come: a warm run resolves a few files.
   * Both answer the same (`stemIndexed` says what the index holds). The file is then the file list's own string, not
   * a copy: the edge it becomes is looked up and compared by it, and a string hashed and flat already costs nothing there.
   */
  private withExtension(stem: string, extensions: readonly string[]): string | undefined {
    this.noteProbe(stem);
    if (!this.stems && this.directProbes < directProbeLimit) {
      this.directProbes++;
      for (const extension of extensions) {
        const file = stem + extension;
        if (this.input.files.has(file) && stemIndexed(file, stem, extension)) return file;
      }
      return undefined;
    }
    if (!this.stems) {
      this.stems = new Map();
      for (const file of this.input.files) {
        const dot = file.lastIndexOf('.');
        if (dot <= file.lastIndexOf('/') + 1) continue;
        const extension = file.slice(dot);
        if (indexedExtensions.has(extension)) this.indexStem(file.slice(0, dot), file);
        // `x.d.ts` is also `x` with `.d.ts`.
        if (file.endsWith('.d', dot) && indexedExtensions.has(`.d${extension}`)) this.indexStem(file.slice(0, dot - 2), file);
      }
    }
    const present = this.stems.get(stem);
    if (present === undefined) return undefined;
    const length = stem.length;
    for (const extension of extensions) {
      if (typeof present === 'string') {
        if (present.length === length + extension.length && present.endsWith(extension)) return present;
        continue;
      }
      for (const file of present) if (file.length === length + extension.length && file.endsWith(extension)) return file;
    }
    return undefined;
  }

  /** The index holds, per stem, the file (or files) that stem names with an extension probing tries. */
  private indexStem(stem: string, file: string): void {
    const present = this.stems!.get(stem);
    if (present === undefined) this.stems!.set(stem, file);
    else if (typeof present === 'string') this.stems!.set(stem, [present, file]);
    else present.push(file);
  }

  private probeDirectory(dir: string): string | undefined {
    const manifestFile = dir ? `${dir}/package.json` : 'package.json';
    if (this.has(manifestFile)) {
      const manifest = readManifest(this.input.source, manifestFile);
      for (const entry of [manifest?.types, manifest?.typings, manifest?.main]) {
        if (!entry) continue;
        const target = joinRepoPath(dir, entry);
        const file = target === undefined ? undefined : this.probeFileOnly(target);
        if (file) return file;
      }
    }
    return this.probeFileOnly(dir ? `${dir}/index` : 'index');
  }

  private probeFileOnly(target: string): string | undefined {
    if (this.has(target)) return target;
    const extension = extensionOf(target);
    return this.withExtension(extension ? target.slice(0, -extension.length) : target, extensionSubstitutes[extension] ?? probeExtensions);
  }

  private fromAbsolute(absolute: string): string | undefined {
    const inside = repoPathOf(this.input.root, absolute);
    if (inside !== undefined) return inside;
    const relative = path.relative(this.input.root, absolute).split(path.sep).join('/');
    if (relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
    return relative;
  }
}
