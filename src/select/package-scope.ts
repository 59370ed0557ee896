// Workspace package ownership and dependents, for rules that select "this package's tests and its dependents'".
import type { ImportGraph, WorkspacePackage } from '../types.js';

export class PackageScope {
  private readonly deepestFirst: WorkspacePackage[];
  private readonly dependents = new Map<string, Set<string>>();
  private readonly ownerByDir = new Map<string, string>();

  constructor(graph: ImportGraph) {
    this.deepestFirst = [...graph.packages].sort((a, b) => b.dir.length - a.dir.length);
    const add = (dependency: string, dependent: string) => {
      if (dependency === dependent) return;
      let set = this.dependents.get(dependency);
      if (!set) this.dependents.set(dependency, (set = new Set()));
      set.add(dependent);
    };
    for (const pkg of graph.packages) for (const dependency of pkg.dependsOn) add(dependency, pkg.dir);
    // Imports across packages count even when a manifest forgot to declare them.
    for (const edge of graph.edges) add(this.ownerDir(edge.to), this.ownerDir(edge.from));
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
      for (const dependent of this.dependents.get(queue[i]!) ?? []) {
        if (!result.has(dependent)) {
          result.add(dependent);
          queue.push(dependent);
        }
      }
    }
    return result;
  }
}
