// nx's project-level `implicitDependencies`: a project that depends on other projects as a whole, which `nx affected`
// follows and no import shows (an e2e project that tests a plugin through its published build).
import path from 'node:path';
import { minimatch } from 'minimatch';
import { ImpactedError } from '../errors.js';
import { readText, type RepoFiles } from '../files/repo-files.js';
import { pathsUnder } from '../files/sorted-paths.js';
import type { GraphEdge } from '../types.js';
import { packageNode } from './package-node.js';
import { packageOwner } from './package-owner.js';
import { stripJsonComments } from './read-jsonc.js';
import type { Workspace } from './workspaces.js';

interface NxProject {
  name: string;
  /** Repository-relative directory, `''` for the root project. */
  root: string;
  tags: string[];
  implicitDependencies: string[];
}

/** One project and the roots of the projects it depends on implicitly. */
interface NxImplicitDependency {
  dependent: string;
  dependencies: string[];
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function readProjectJson(files: RepoFiles, file: string): Record<string, unknown> {
  const read = readText(files, file);
  if ('error' in read) throw new ImpactedError('CONFIG', `${file} cannot be read (${read.error}): nx cannot read it either.`);
  let value: unknown;
  try {
    value = JSON.parse(stripJsonComments(read.text.replace(/^\uFEFF/, '')));
  } catch (error) {
    throw new ImpactedError('CONFIG', `${file} is not valid JSON (${(error as Error).message}): fix it so the nx projects can be read.`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new ImpactedError('CONFIG', `${file} is not a JSON object: fix it so the nx projects can be read.`);
  return value as Record<string, unknown>;
}

/** The projects nx sees: every `project.json`, and every workspace package (its `package.json` `"nx"` key adds to it). */
function nxProjects(files: readonly string[], repoFiles: RepoFiles, packages: readonly Workspace[]): NxProject[] {
  const byRoot = new Map<string, NxProject>();
  for (const pkg of packages) {
    const nx = (pkg.manifest as { nx?: Record<string, unknown> }).nx ?? {};
    byRoot.set(pkg.dir, {
      name: typeof nx.name === 'string' ? nx.name : pkg.name,
      root: pkg.dir,
      tags: strings(nx.tags),
      implicitDependencies: strings(nx.implicitDependencies),
    });
  }
  for (const file of files) {
    if (file !== 'project.json' && !file.endsWith('/project.json')) continue;
    const root = file === 'project.json' ? '' : file.slice(0, -'/project.json'.length);
    const json = readProjectJson(repoFiles, file);
    const known = byRoot.get(root);
    byRoot.set(root, {
      // nx names a project.json without a name after its package.json, else after its directory.
      name: typeof json.name === 'string' ? json.name : (known?.name ?? path.posix.basename(root)),
      root,
      tags: [...(known?.tags ?? []), ...strings(json.tags)],
      implicitDependencies: [...(known?.implicitDependencies ?? []), ...strings(json.implicitDependencies)],
    });
  }
  return [...byRoot.values()];
}

const globCharacters = /[*?[\]{}()!+@]/;

/**
 * The projects a positive pattern names, as nx's `findMatchingProjects` matches it: `*`, `tag:`, `name:`, `directory:`,
 * else an exact name, a glob over names, a whole word of a name, or a glob over roots. Negations (`!name`, which nx
 * uses to drop a dependency it inferred) are not followed: keeping the dependency can only select more.
 */
function matching(pattern: string, projects: readonly NxProject[]): NxProject[] {
  if (pattern === '*') return [...projects];
  const exact = projects.filter((project) => project.name === pattern);
  if (exact.length > 0) return exact;
  const separator = pattern.indexOf(':');
  const type = separator === -1 ? '' : pattern.slice(0, separator);
  const value = ['tag', 'name', 'directory'].includes(type) ? pattern.slice(separator + 1) : pattern;
  const glob = (candidate: string) => minimatch(candidate, value, { dot: true });
  const byName = () => {
    if (projects.some((project) => project.name === value)) return projects.filter((project) => project.name === value);
    if (globCharacters.test(value)) return projects.filter((project) => glob(project.name));
    const word = new RegExp(`(?<![@a-zA-Z0-9-])${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![@a-zA-Z0-9-])`, 'i');
    return projects.filter((project) => word.test(project.name));
  };
  const byDirectory = () => projects.filter((project) => glob(project.root));
  if (type === 'tag') return projects.filter((project) => project.tags.includes(value) || (globCharacters.test(value) && project.tags.some(glob)));
  if (type === 'name') return byName();
  if (type === 'directory') return byDirectory();
  const named = byName();
  return named.length > 0 ? named : byDirectory();
}

/**
 * The edges of nx's implicit dependencies: every code file of a project to the node of each project it depends on
 * (`packages/svelte/**`), and that node to every code file of that project (not those of projects nested in it), so a
 * change that reaches one of them selects the dependent project's tests. `sortedCodeFiles` is sorted.
 */
export function nxImplicitEdges(files: readonly string[], repoFiles: RepoFiles, packages: readonly Workspace[], sortedCodeFiles: readonly string[]): GraphEdge[] {
  if (!files.includes('nx.json')) return [];
  const projects = nxProjects(files, repoFiles, packages);
  const dependencies = implicitDependenciesOf(projects);
  if (dependencies.length === 0) return [];
  const ownerOf = packageOwner(projects.map((project) => project.root));
  const filesOf = (root: string) => pathsUnder(sortedCodeFiles, root === '' ? '' : `${root}/`).filter((file) => ownerOf(file) === root);
  const edges: GraphEdge[] = [];
  const nodes = new Set<string>();
  for (const { dependent, dependencies: roots } of dependencies) {
    const from = filesOf(dependent);
    for (const root of roots) {
      const node = packageNode(root);
      for (const file of from) edges.push({ from: file, to: node, kind: 'implicit' });
      if (nodes.has(node)) continue;
      nodes.add(node);
      for (const file of filesOf(root)) edges.push({ from: node, to: file, kind: 'package' });
    }
  }
  return edges;
}

/** Each project's implicit dependencies, as project roots. */
function implicitDependenciesOf(projects: readonly NxProject[]): NxImplicitDependency[] {
  const result: NxImplicitDependency[] = [];
  for (const project of projects) {
    const roots = new Set<string>();
    for (const pattern of project.implicitDependencies) {
      if (pattern.startsWith('!')) continue;
      for (const dependency of matching(pattern, projects)) if (dependency.root !== project.root) roots.add(dependency.root);
    }
    if (roots.size > 0) result.push({ dependent: project.root, dependencies: [...roots].sort() });
  }
  return result.sort((a, b) => (a.dependent < b.dependent ? -1 : a.dependent > b.dependent ? 1 : 0));
}
