// nx/turbo-style selection: every test of the packages that contain a changed file and of the packages that depend on them.
import { buildGraph, findTests } from '../../dist/index.js';

/** @typedef {import('./context.mjs').BenchContext} BenchContext */
/** @typedef {import('./context.mjs').Peer} Peer */

/**
 * What `nx affected -t test` or `turbo run test --filter=...[base]` would run, counted in test files: packages, not
 * files, are the unit. A package depends on another when it declares it in package.json or imports from it (nx infers
 * both); a changed file outside every package (root configs) affects them all, as nx's and turbo's global inputs do.
 * Computed by the bench from impacted's graph (neither tool is installed here), so it has a selection and no time.
 * @param {BenchContext} context
 * @returns {Peer}
 */
export function packageLevel(context) {
  return {
    id: 'package-level',
    label: 'nx/turbo-style: changed packages + dependents',
    command: '(computed) the test files of the packages that own a changed file, and of every package depending on them',
    config: 'package graph = declared workspace dependencies + cross-package imports; a root-level change selects every package',
    compute: async () => {
      const graph = await buildGraph({ cwd: context.repo, cache: false });
      const dirs = graph.packages.map((pkg) => pkg.dir).filter((dir) => dir !== '');
      const ownerOf = (/** @type {string} */ file) => dirs.filter((dir) => file.startsWith(`${dir}/`)).sort((a, b) => b.length - a.length)[0] ?? '';
      /** @type {Map<string, Set<string>>} */
      const dependents = new Map();
      const depend = (/** @type {string} */ by, /** @type {string} */ on) => {
        if (by === on) return;
        let set = dependents.get(on);
        if (!set) dependents.set(on, (set = new Set()));
        set.add(by);
      };
      for (const pkg of graph.packages) for (const on of pkg.dependsOn) depend(pkg.dir, on);
      for (const edge of graph.edges) depend(ownerOf(edge.from), ownerOf(edge.to));
      const owners = context.meta.changed.map(ownerOf);
      const affected = new Set(owners.includes('') ? ['', ...dirs] : owners);
      const queue = [...affected];
      for (let dir = queue.pop(); dir !== undefined; dir = queue.pop()) {
        for (const by of dependents.get(dir) ?? []) {
          if (affected.has(by)) continue;
          affected.add(by);
          queue.push(by);
        }
      }
      const tests = findTests(context.repo, graph.files).tests;
      return tests.filter((test) => affected.has(ownerOf(test))).sort();
    },
    invocation: () => {
      throw new Error('computed, not run');
    },
    selected: () => [],
  };
}
