// Workspace package ownership and dependents, for rules that select "this package's tests and its dependents'".
import { packageOwner } from '../graph/package-owner.js';
import type { ImportGraph } from '../types.js';

export class PackageScope {
  private readonly packageDirs: Set<string>;
  /** The directory of the deepest package containing a file (`''` for the root). */
  readonly ownerDir: (file: string) => string;
  /** Built on first use: most selections (plain code changes) never ask for dependents. */
  private dependents: Map<string, Set<string>> | undefined;

  constructor(private readonly graph: ImportGraph) {
    this.packageDirs = new Set(graph.packages.map((pkg) => pkg.dir));
    this.ownerDir = packageOwner(this.packageDirs);
  }

  private dependentsMap(): Map<string, Set<string>> {
    if (this.dependents) return this.dependents;
    const dependents = new Map<string, Set<string>>();
    const add = (dependency: string, dependent: string) => {
      if (dependency === dependent) return;
      let set = dependents.get(dependency);
      if (!set) dependents.set(dependency, (set = new Set()));
      set.add(dependent);
    };
    for (const pkg of this.graph.packages) for (const dependency of pkg.dependsOn) add(dependency, pkg.dir);
    // Imports across packages count even when a manifest forgot to declare them.
    for (const edge of this.graph.edges) add(this.ownerDir(edge.to), this.ownerDir(edge.from));
    this.dependents = dependents;
    return dependents;
  }

  isPackageDir(dir: string): boolean {
    return this.packageDirs.has(dir);
  }

  /** `dir` and every package that depends on it, transitively. */
  withDependents(dir: string): Set<string> {
    const result = new Set([dir]);
    const queue = [dir];
    for (let i = 0; i < queue.length; i++) {
      for (const dependent of this.dependentsMap().get(queue[i]!) ?? []) {
        if (!result.has(dependent)) {
          result.add(dependent);
          queue.push(dependent);
        }
      }
    }
    return result;
  }
}
