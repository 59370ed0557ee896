// madge: its whole-repository graph as JSON (`madge --json`), and the tests that reach a changed file in it.
import { reachingFiles } from './compare.mjs';
import { toolBin } from './context.mjs';
import { writePeerTsconfig } from './peer-tsconfig.mjs';

/** @typedef {import('./context.mjs').BenchContext} BenchContext */
/** @typedef {import('./context.mjs').Peer} Peer */

const bin = toolBin('madge/bin/cli.js');

/**
 * @param {BenchContext} context
 * @returns {Peer}
 */
export function madge(context) {
  const tsconfig = writePeerTsconfig(context);
  const roots = [...new Set(context.packages.map((pkg) => pkg.dir.split('/')[0] ?? pkg.dir))].sort();
  return {
    id: 'madge',
    label: 'madge --json, reverse reach',
    command: `madge --json --ts-config <tsconfig.peers.json> --extensions ts,tsx --basedir . --no-spinner ${roots.join(' ')}; then the tests that reach ${context.meta.changed.length} changed files in that graph (computed in the bench)`,
    config:
      'the same tsconfig as dependency-cruiser (Bundler resolution, paths @bench/pN[/util|/*] -> pN/src); madge has no changed-files mode, so the bench walks its JSON graph backwards from the changed files (a few ms, not counted)',
    invocation: () => ({
      file: process.execPath,
      args: [bin, '--json', '--ts-config', tsconfig, '--extensions', 'ts,tsx', '--basedir', '.', '--no-spinner', ...roots],
      cwd: context.repo,
    }),
    selected: (stdout) => {
      /** @type {Record<string, string[]>} */
      const graph = JSON.parse(stdout);
      const edges = Object.entries(graph).flatMap(([from, imports]) => imports.map((to) => ({ from, to })));
      // `madge --depends` lists direct dependents only, so the transitive closure is computed here.
      return [...reachingFiles(edges, context.meta.changed)].filter(context.isTest).sort();
    },
  };
}
