// Loads tsconfig.json files with their `extends` chains and answers "which tsconfig governs this directory?".
import path from 'node:path';
import { repoRelative, worktreeFiles, type RepoFiles } from '../files/repo-files.js';
import { readJsonc } from './read-jsonc.js';

export type ModuleResolution = 'node10' | 'node16' | 'nodenext' | 'bundler' | 'classic';

export interface PathMapping {
  /** The `paths` key, e.g. `@app/*`. */
  pattern: string;
  /** Absolute target patterns, e.g. `/repo/packages/app/src/*`. */
  targets: string[];
}

/** The compiler options that resolution reads, with every path made absolute. */
export interface Tsconfig {
  file: string;
  baseUrl?: string;
  paths: PathMapping[];
  moduleResolution: ModuleResolution;
  allowJs: boolean;
  outDir?: string;
  rootDir?: string;
  /** Problems met while loading (a broken `extends`, invalid JSON): resolution goes on without them. */
  problems: string[];
}

interface RawOptions {
  baseUrl?: unknown;
  paths?: unknown;
  moduleResolution?: unknown;
  module?: unknown;
  allowJs?: unknown;
  outDir?: unknown;
  rootDir?: unknown;
}

/** Options as they stand after merging the chain, each path option kept with the directory it is relative to. */
interface MergedOptions {
  baseUrl?: string;
  paths?: { value: Record<string, unknown>; dir: string };
  moduleResolution?: string;
  module?: string;
  allowJs?: boolean;
  outDir?: string;
  rootDir?: string;
}

/** A repository-relative path that is a config `extends` can name: a `.json` file other than a manifest, in the list. */
function isExtendable(files: RepoFiles, relative: string | undefined): relative is string {
  return relative !== undefined && relative.endsWith('.json') && !relative.endsWith('package.json') && files.exists(relative);
}

function resolveExtends(files: RepoFiles, spec: string, fromDir: string): string | undefined {
  if (spec.startsWith('.') || path.isAbsolute(spec)) {
    const base = path.resolve(fromDir, spec);
    return [base, `${base}.json`, path.join(base, 'tsconfig.json')].find((file) => isExtendable(files, repoRelative(files.root, file)));
  }
  // `node_modules/<spec>` in each directory up to the repository root, not beyond (nothing outside it is read), in
  // repository-relative paths: the directories are cut from one path, not made relative one by one.
  for (let dir = repoRelative(files.root, fromDir); dir !== undefined; dir = dir === '' ? undefined : dir.slice(0, Math.max(0, dir.lastIndexOf('/')))) {
    const base = path.posix.join(dir, 'node_modules', spec);
    if (base.startsWith('../')) continue;
    const found = [base, `${base}.json`, path.posix.join(base, 'tsconfig.json')].find((file) => isExtendable(files, file));
    if (found) return path.join(files.root, found);
  }
  return undefined;
}

/**
 * What one lookup has read: a config that many others extend (a monorepo's base config) is read, parsed and located
 * once per build, not once per config that extends it.
 */
interface ChainMemo {
  documents: Map<string, JsoncDocument>;
  extendsTargets: Map<string, string | undefined>;
  /** Reads a config (absolute path); `readJsonc` unless the lookup was given another way. */
  readDocument: (file: string) => JsoncDocument;
}

type JsoncDocument = ReturnType<typeof readJsonc>;

function loadChain(files: RepoFiles, file: string, problems: string[], seen: Set<string>, memo: ChainMemo, top = file): MergedOptions {
  // Problems name the config they are in only when it is an extended one.
  const where = file === top ? '' : `in ${path.relative(path.dirname(top), file)}: `;
  if (seen.has(file)) {
    problems.push(`${where}extends cycle`);
    return {};
  }
  seen.add(file);
  let document = memo.documents.get(file);
  if (!document) memo.documents.set(file, (document = memo.readDocument(file)));
  const { value, error } = document;
  if (error || !value || typeof value !== 'object') {
    problems.push(`${where}${error ?? 'not an object'}`);
    return {};
  }
  const config = value as { extends?: unknown; compilerOptions?: RawOptions };
  const dir = path.dirname(file);
  let merged: MergedOptions = {};
  const parents = typeof config.extends === 'string' ? [config.extends] : Array.isArray(config.extends) ? config.extends : [];
  for (const parent of parents) {
    if (typeof parent !== 'string') continue;
    const key = `${dir}\0${parent}`;
    if (!memo.extendsTargets.has(key)) memo.extendsTargets.set(key, resolveExtends(files, parent, dir));
    const target = memo.extendsTargets.get(key);
    if (!target) {
      problems.push(`${where}extends "${parent}" not found`);
      continue;
    }
    merged = { ...merged, ...loadChain(files, target, problems, seen, memo, top) };
  }
  const options = config.compilerOptions ?? {};
  const own: MergedOptions = {};
  if (typeof options.baseUrl === 'string') own.baseUrl = path.resolve(dir, options.baseUrl);
  if (options.paths && typeof options.paths === 'object') own.paths = { value: options.paths as Record<string, unknown>, dir };
  if (typeof options.moduleResolution === 'string') own.moduleResolution = options.moduleResolution.toLowerCase();
  if (typeof options.module === 'string') own.module = options.module.toLowerCase();
  if (typeof options.allowJs === 'boolean') own.allowJs = options.allowJs;
  if (typeof options.outDir === 'string') own.outDir = path.resolve(dir, options.outDir);
  if (typeof options.rootDir === 'string') own.rootDir = path.resolve(dir, options.rootDir);
  return { ...merged, ...own };
}

function moduleResolutionOf(options: MergedOptions): ModuleResolution {
  const value = options.moduleResolution ?? (options.module === 'node16' || options.module === 'nodenext' ? options.module : undefined);
  switch (value) {
    case 'node16':
    case 'nodenext':
    case 'bundler':
    case 'classic':
      return value;
    case 'node':
    case 'node10':
      return 'node10';
    default:
      return options.module === 'preserve' || options.module?.startsWith('es') ? 'bundler' : 'node10';
  }
}

/** Loads one tsconfig file and its `extends` chain. Never throws: problems are reported on the result. */
function loadTsconfig(files: RepoFiles, file: string, memo: ChainMemo): Tsconfig {
  const problems: string[] = [];
  const options = loadChain(files, file, problems, new Set(), memo);
  const paths: PathMapping[] = [];
  if (options.paths) {
    // Targets are relative to baseUrl when set, else to the config that declared `paths`.
    const base = options.baseUrl ?? options.paths.dir;
    for (const [pattern, targets] of Object.entries(options.paths.value)) {
      if (!Array.isArray(targets)) continue;
      paths.push({ pattern, targets: targets.filter((t): t is string => typeof t === 'string').map((t) => path.resolve(base, t)) });
    }
  }
  return {
    file,
    baseUrl: options.baseUrl,
    paths,
    moduleResolution: moduleResolutionOf(options),
    allowJs: options.allowJs ?? false,
    outDir: options.outDir,
    rootDir: options.rootDir,
    problems,
  };
}

/** Finds the nearest tsconfig.json for repository directories, loading each config once. */
export class TsconfigLookup {
  private readonly byFile = new Map<string, Tsconfig>();
  private readonly byDir = new Map<string, Tsconfig | undefined>();
  private readonly memo: ChainMemo;

  /**
   * `readDocument`, when given, reads a config's JSON (absolute path) in place of `readJsonc` over `source`: it must
   * give what that would (the graph takes documents it has parsed before from the reading cache, by content).
   */
  constructor(
    private readonly root: string,
    private readonly files: ReadonlySet<string>,
    private readonly source: RepoFiles = worktreeFiles(root),
    readDocument?: (file: string) => JsoncDocument,
  ) {
    this.memo = { documents: new Map(), extendsTargets: new Map(), readDocument: readDocument ?? ((file) => readJsonc(source, file)) };
  }

  /** The tsconfig governing `dir` (repository-relative, `''` for the root), if any. */
  forDir(dir: string): Tsconfig | undefined {
    if (this.byDir.has(dir)) return this.byDir.get(dir);
    const name = dir ? `${dir}/tsconfig.json` : 'tsconfig.json';
    let found: Tsconfig | undefined;
    if (this.files.has(name)) found = this.load(name);
    else if (dir) found = this.forDir(dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : '');
    this.byDir.set(dir, found);
    return found;
  }

  /** Loads a config by repository-relative file name. */
  load(name: string): Tsconfig {
    let config = this.byFile.get(name);
    if (!config) {
      config = loadTsconfig(this.source, path.join(this.root, name), this.memo);
      this.byFile.set(name, config);
    }
    return config;
  }

  /** The repository-relative names of the configs loaded so far, in the order they were loaded. */
  loadedNames(): string[] {
    return [...this.byFile.keys()];
  }

  /** Every config loaded so far, for reporting problems. */
  loaded(): Tsconfig[] {
    return [...this.byFile.values()];
  }
}
