// Workspace package ownership and dependents, for rules that select "this package's tests and its dependents'".
import type { EdgeTable } from '../graph/edge-table.js';
import { packageOwner } from '../graph/package-owner.js';
import type { ImportGraph } from '../types.js';

function link(map: Map<string, Set<string>>, key: string, value: string): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}

export class PackageScope {
  private readonly packageDirs: Set<string>;
  /** The directory of the deepest package containing a file (`''` for the root). */
  readonly ownerDir: (file: string) => string;
  /** Built on first use: most selections (plain code changes) never ask for dependents. */
  private related: { dependents: Map<string, Set<string>>; dependencies: Map<string, Set<string>> } | undefined;

  constructor(
    private readonly graph: ImportGraph,
    /** The graph's edges. */
    private readonly edges: EdgeTable,
  ) {
    this.packageDirs = new Set(graph.packages.map((pkg) => pkg.dir));
    this.ownerDir = packageOwner(this.packageDirs);
  }

  /** Both directions of the package dependency relation, built together on first use. */
  private relations(): { dependents: Map<string, Set<string>>; dependencies: Map<string, Set<string>> } {
    if (this.related) return this.related;
    const dependents = new Map<string, Set<string>>();
    const dependencies = new Map<string, Set<string>>();
    const add = (dependency: string, dependent: string) => {
      if (dependency === dependent) return;
      link(dependents, dependency, dependent);
      link(dependencies, dependent, dependency);
    };
    for (const pkg of this.graph.packages) for (const dependency of pkg.dependsOn) add(dependency, pkg.dir);
    // Imports across packages count even when a manifest forgot to declare them. A file of the root package (a
    // shared build config every package's config extends) is no package API: importing it makes a package depend
    // on the packages that file reaches, through root files, not on the root and hence on everything.
    // Each node's package is looked up once.
    const { nodes, from: importer, to: imported, length } = this.edges;
    // oxlint-disable-next-line unicorn/no-new-array
    const owners = new Array<string | undefined>(nodes.length);
    const ownerOf = (id: number): string => (owners[id] ??= this.ownerDir(nodes[id]!));
    const rootImports = new Map<string, Set<string>>();
    for (let e = 0; e < length; e++) if (ownerOf(importer[e]!) === '') link(rootImports, nodes[importer[e]!]!, nodes[imported[e]!]!);
    const reachedThroughRoot = new Map<string, Set<string>>();
    const packagesReachedFrom = (rootFile: string): Set<string> => {
      let reached = reachedThroughRoot.get(rootFile);
      if (reached) return reached;
      reached = new Set();
      const seen = new Set([rootFile]);
      const queue = [rootFile];
      for (let i = 0; i < queue.length; i++) {
        for (const to of rootImports.get(queue[i]!) ?? []) {
          const owner = this.ownerDir(to);
          if (owner !== '') reached.add(owner);
          else if (!seen.has(to)) {
            seen.add(to);
            queue.push(to);
          }
        }
      }
      reachedThroughRoot.set(rootFile, reached);
      return reached;
    };
    for (let e = 0; e < length; e++) {
      const dependency = ownerOf(imported[e]!);
      const dependent = ownerOf(importer[e]!);
      if (dependency !== '') add(dependency, dependent);
      else if (dependent !== '') for (const reached of packagesReachedFrom(nodes[imported[e]!]!)) add(reached, dependent);
    }
    this.related = { dependents, dependencies };
    return this.related;
  }

  private closure(dir: string, map: Map<string, Set<string>>): Set<string> {
    const result = new Set([dir]);
    const queue = [dir];
    for (let i = 0; i < queue.length; i++) {
      for (const next of map.get(queue[i]!) ?? []) {
        if (!result.has(next)) {
          result.add(next);
          queue.push(next);
        }
      }
    }
    return result;
  }

  isPackageDir(dir: string): boolean {
    return this.packageDirs.has(dir);
  }

  /** `dir` and every package that depends on it, transitively. */
  withDependents(dir: string): Set<string> {
    return this.closure(dir, this.relations().dependents);
  }

  /** `dir` and every package it depends on, transitively. */
  withDependencies(dir: string): Set<string> {
    return this.closure(dir, this.relations().dependencies);
  }
}
