// Reads npm, yarn (v1 and berry) and pnpm lockfiles into "package name -> locked versions", and into the single
// resolutions they record (per importer, install location or descriptor), which are compared one by one.
import path from 'node:path';
// The parsers load on first use: most runs have no lockfile change to read.
import { yaml, yarnParsers } from '../lazy-dependencies.js';

/** Every locked version of every external package in one lockfile. */
export type LockedVersions = Map<string, Set<string>>;

/**
 * One resolution a lockfile records, under a key that names where it applies: a pnpm importer's dependency, an npm
 * install location, a yarn descriptor. Compared key by key, a changed version is seen even when the new version
 * already exists elsewhere in the lockfile.
 */
export interface LockedSlot {
  name: string;
  version: string;
  /**
   * The directory (relative to the lockfile, `''` for its own) whose installed copy this is; undefined when the
   * lockfile does not say who uses it.
   */
  importer?: string;
}

export interface ParsedLockfile {
  versions: LockedVersions;
  slots: Map<string, LockedSlot>;
  /** Package name -> the names of the external packages that depend on it (any version): a change travels up these. */
  dependents: Map<string, Set<string>>;
}

const dependencyFields = ['dependencies', 'optionalDependencies', 'peerDependencies', 'requires'];

/** Records that `dependent` (an external package) depends on every package its entry lists. */
function addDependents(parsed: ParsedLockfile, dependent: string, entry: JsonObject): void {
  for (const field of dependencyFields) {
    const dependencies = entry[field];
    if (!isObject(dependencies)) continue;
    for (const name of Object.keys(dependencies)) {
      let set = parsed.dependents.get(name);
      if (!set) {
        set = new Set();
        parsed.dependents.set(name, set);
      }
      set.add(dependent);
    }
  }
}

const emptyLockfile = (): ParsedLockfile => ({ versions: new Map(), slots: new Map(), dependents: new Map() });

export type LockfileKind = 'npm' | 'yarn' | 'pnpm';

const lockfileKinds: Record<string, LockfileKind> = {
  'package-lock.json': 'npm',
  'npm-shrinkwrap.json': 'npm',
  'yarn.lock': 'yarn',
  'pnpm-lock.yaml': 'pnpm',
};

/** The lockfile format of a repository path, or undefined when it is not a lockfile. */
export function lockfileKind(file: string): LockfileKind | undefined {
  return lockfileKinds[path.posix.basename(file)];
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function add(versions: LockedVersions, name: string, version: string): void {
  if (!name) return;
  let set = versions.get(name);
  if (!set) {
    set = new Set();
    versions.set(name, set);
  }
  set.add(version);
}

/** `name@range` -> `name`; scoped names keep their leading `@`. */
function descriptorName(descriptor: string): string {
  const at = descriptor.indexOf('@', 1);
  return at === -1 ? descriptor : descriptor.slice(0, at);
}

function collectNpmV1(dependencies: JsonObject, parsed: ParsedLockfile, parent: string): void {
  for (const [name, entry] of Object.entries(dependencies)) {
    if (!isObject(entry)) continue;
    const location = `${parent}${name}`;
    if (typeof entry.version === 'string') {
      add(parsed.versions, name, entry.version);
      parsed.slots.set(location, { name, version: entry.version });
    }
    addDependents(parsed, name, entry);
    if (isObject(entry.dependencies)) collectNpmV1(entry.dependencies, parsed, `${location}>`);
  }
}

function parseNpm(content: string): ParsedLockfile {
  const lock: unknown = JSON.parse(content);
  if (!isObject(lock)) throw new Error('not a JSON object');
  const parsed = emptyLockfile();
  if (isObject(lock.packages)) {
    for (const [key, entry] of Object.entries(lock.packages)) {
      // "" is the root project and keys without node_modules/ are workspace folders: neither is external.
      const at = key.lastIndexOf('node_modules/');
      if (at === -1 || !isObject(entry) || entry.link === true) continue;
      const name = key.slice(at + 'node_modules/'.length);
      const version = typeof entry.version === 'string' ? entry.version : '';
      add(parsed.versions, name, version);
      // `packages/a/node_modules/x` is packages/a's own copy; `node_modules/x` (hoisted) is everyone's.
      const importer = key.slice(0, key.indexOf('node_modules/')).replace(/\/$/, '');
      parsed.slots.set(key, { name, version, importer });
      addDependents(parsed, name, entry);
    }
  } else if (isObject(lock.dependencies)) {
    collectNpmV1(lock.dependencies, parsed, '');
  } else if (!('lockfileVersion' in lock)) {
    throw new Error('no "lockfileVersion", "packages" or "dependencies"');
  }
  return parsed;
}

function parseYarn(content: string): ParsedLockfile {
  const lock = yarnParsers().parseSyml(content);
  const parsed = emptyLockfile();
  const { versions, slots } = parsed;
  for (const [key, entry] of Object.entries(lock)) {
    if (key === '__metadata' || !isObject(entry)) continue;
    // Berry records the resolved locator (`lodash@npm:4.17.21`); v1 only the version.
    const resolution = typeof entry.resolution === 'string' ? entry.resolution : undefined;
    const version = resolution ?? (typeof entry.version === 'string' ? entry.version : '');
    for (const descriptor of key.split(',')) {
      const trimmed = descriptor.trim();
      const name = descriptorName(trimmed);
      // Workspaces are repository code, not external packages.
      if (trimmed.slice(name.length + 1).startsWith('workspace:')) continue;
      add(versions, name, version);
      // Each descriptor (`lodash@^4.17.0`) is what some workspace asked for: its resolution is one slot.
      slots.set(trimmed, { name, version });
      addDependents(parsed, name, entry);
    }
  }
  return parsed;
}

/** A pnpm package key: `/name@1.2.3(peer@1)` (v6), `name@1.2.3(peer@1)` (v9) or `/name/1.2.3_peer@1` (v5). */
function pnpmPackage(key: string, entry: unknown, lockfileVersion: number): { name: string; version: string } | undefined {
  const declaredName = isObject(entry) && typeof entry.name === 'string' ? entry.name : undefined;
  const declaredVersion = isObject(entry) && typeof entry.version === 'string' ? entry.version : undefined;
  if (lockfileVersion < 6) {
    if (!key.startsWith('/')) return declaredName ? { name: declaredName, version: declaredVersion ?? key } : undefined;
    const segments = key.slice(1).split('/');
    const nameLength = segments[0]?.startsWith('@') ? 2 : 1;
    const name = segments.slice(0, nameLength).join('/');
    const version = segments.slice(nameLength).join('/').split('_')[0] ?? '';
    return { name, version };
  }
  const bare = key.startsWith('/') ? key.slice(1) : key;
  const peerless = bare.includes('(') ? bare.slice(0, bare.indexOf('(')) : bare;
  const name = descriptorName(peerless);
  // Keys of git and tarball dependencies are URLs; their entry then names the package.
  if (declaredName && declaredName !== name) return { name: declaredName, version: declaredVersion ?? peerless };
  return { name, version: peerless.slice(name.length + 1) };
}

/** A pnpm importer's dependencies: `name: version` (v5) or `name: { specifier, version }` (v6+). */
function collectPnpmImporter(importer: string, manifest: unknown, slots: Map<string, LockedSlot>): void {
  if (!isObject(manifest)) return;
  for (const field of ['dependencies', 'devDependencies', 'optionalDependencies']) {
    const dependencies = manifest[field];
    if (!isObject(dependencies)) continue;
    for (const [name, entry] of Object.entries(dependencies)) {
      const version = typeof entry === 'string' ? entry : isObject(entry) && typeof entry.version === 'string' ? entry.version : '';
      slots.set(`${importer}\0${field}\0${name}`, { name, version, importer });
    }
  }
}

function parsePnpm(content: string): ParsedLockfile {
  const parsed = emptyLockfile();
  const { versions, slots } = parsed;
  // pnpm 10 may prepend a document for its own version; every document is read and merged.
  for (const document of yaml().parseAllDocuments(content)) {
    const error = document.errors[0];
    if (error) throw new Error(error.message.split('\n')[0]);
    const lock: unknown = document.toJS();
    if (lock === null || lock === undefined) continue;
    if (!isObject(lock)) throw new Error('not a YAML mapping');
    const lockfileVersion = Number.parseFloat(String(lock.lockfileVersion ?? '9'));
    for (const section of [lock.packages, lock.snapshots]) {
      if (!isObject(section)) continue;
      for (const [key, entry] of Object.entries(section)) {
        const locked = pnpmPackage(key, entry, lockfileVersion);
        if (!locked) continue;
        add(versions, locked.name, locked.version);
        if (isObject(entry)) addDependents(parsed, locked.name, entry);
      }
    }
    // A workspace lockfile lists each importer (`.`, `packages/a`); a single-project one has the root's at the top.
    if (isObject(lock.importers)) {
      for (const [importer, manifest] of Object.entries(lock.importers)) collectPnpmImporter(importer === '.' ? '' : importer, manifest, slots);
    } else {
      collectPnpmImporter('', lock, slots);
    }
  }
  return parsed;
}

const parsers: Record<LockfileKind, (content: string) => ParsedLockfile> = {
  npm: parseNpm,
  yarn: parseYarn,
  pnpm: parsePnpm,
};

/** Parses a lockfile; throws with a short reason when the content is not a valid lockfile of that kind. */
export function parseLockfile(kind: LockfileKind, content: string): ParsedLockfile {
  return parsers[kind](content);
}
