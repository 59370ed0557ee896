// Workspace package ownership and dependents, for rules that select "this package's tests and its dependents'".
import type { ImportGraph, WorkspacePackage } from '../types.js';

export class PackageScope {
  private readonly deepestFirst: WorkspacePackage[];
  private readonly ownerByDir = new Map<string, string>();
  /** Built on first use: most selections (plain code changes) never ask for dependents. */
  private dependents: Map<string, Set<string>> | undefined;

  constructor(private readonly graph: ImportGraph) {
    this.deepestFirst = [...graph.packages].sort((a, b) => b.dir.length - a.dir.length);
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

  /** The directory of the deepest package containing `file` (`''` for the root). */
  ownerDir(file: string): string {
    const dir = file.slice(0, Math.max(0, file.lastIndexOf('/')));
    let owner = this.ownerByDir.get(dir);
    if (owner === undefined) {
      owner = this.deepestFirst.find((pkg) => pkg.dir === '' || file.startsWith(`${pkg.dir}/`))?.dir ?? '';
      this.ownerByDir.set(dir, owner);
    }
    return owner;
  }

  isPackageDir(dir: string): boolean {
    return this.deepestFirst.some((pkg) => pkg.dir === dir);
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
