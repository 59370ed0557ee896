// Which workspace packages a walk from the tests will probably come to, known before the runners name the tests: the
// packages holding a file named like a test, and the workspace packages they depend on, transitively. A cold run
// reads only these while the runners are asked (the walk reads whatever else it reaches once they have answered),
// so that files nothing will reach (a docs site, an app without tests) do not take the CPU the runners need.
import { packageOwner } from './package-owner.js';
import type { Workspace } from './workspaces.js';

/** The default test names of jest, vitest, mocha and playwright: `__tests__/`, `test/`, `tests/`, `*.test.*`, `*.spec.*`. */
const testName = /(?:^|\/)(?:__tests__|tests?)\/|[._-](?:test|spec)\.[cm]?[jt]sx?$/;

const dependencyFields = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;

/**
 * Whether a file is in a package the tests will probably reach; undefined where no file is named like a test (then
 * nothing tells, and every file counts).
 */
export function inTestPackages(packages: readonly Workspace[], files: readonly string[]): ((file: string) => boolean) | undefined {
  const ownerOfDir = packageOwner(packages.map((pkg) => pkg.dir));
  // Files come in path order, most in the directory of the one before: its owner is asked once per directory (the
  // lookup keeps what it is asked, and a file is asked once).
  let lastDir: string | undefined;
  let lastOwner = '';
  const ownerOf = (file: string) => {
    const dir = file.slice(0, Math.max(0, file.lastIndexOf('/')));
    if (dir !== lastDir) lastOwner = ownerOfDir((lastDir = dir));
    return lastOwner;
  };
  const byName = new Map(packages.map((pkg) => [pkg.manifest.name ?? pkg.name, pkg]));
  const byDir = new Map(packages.map((pkg) => [pkg.dir, pkg]));
  const reached = new Set<string>();
  const queue: Workspace[] = [];
  const reach = (pkg: Workspace | undefined) => {
    if (pkg === undefined || reached.has(pkg.dir)) return;
    reached.add(pkg.dir);
    queue.push(pkg);
  };
  for (const file of files) if (testName.test(file)) reach(byDir.get(ownerOf(file)));
  if (reached.size === 0) return undefined;
  for (let pkg = queue.pop(); pkg !== undefined; pkg = queue.pop()) {
    for (const field of dependencyFields) for (const name of Object.keys(pkg.manifest[field] ?? {})) reach(byName.get(name));
  }
  return (file) => reached.has(ownerOf(file));
}
