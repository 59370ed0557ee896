// Child process of `npm run bench:graph`: builds one graph without the cache and prints its numbers as JSON.
import { buildGraph } from '../../dist/index.js';

const root = process.argv[2];
if (!root) throw new Error('usage: node bench/peers/build-graph-once.mjs <repository>');
const started = performance.now();
const graph = await buildGraph({ cwd: root, cache: false });
const ms = performance.now() - started;
process.stdout.write(
  `${JSON.stringify({
    ms,
    files: graph.stats.files,
    edges: graph.stats.edges,
    packages: graph.stats.packages,
    unresolved: graph.stats.unresolved,
    stages: graph.stats.stages,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  })}\n`,
);
