// vite (up to 6.0) loads an ES module config through a bundled copy written beside it and deleted after the import,
// asynchronously: a probe stopped at its deadline must not leave that copy in the work tree (trpc's examples did).
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { probeVitestMany } from '../../src/runners/vitest/probe.js';
import { createRepo } from '../helpers/repo.js';

test('the temp copies of configs a stopped probe was loading are deleted, those that were there before are kept', { timeout: 30_000 }, async () => {
  const repo = createRepo();
  // A stand-in vitest that, as vite does, writes the bundled config beside the config it loads, then hangs.
  repo.write('node_modules/vitest/package.json', JSON.stringify({ name: 'vitest', version: '2.0.0', type: 'module', exports: { './node': './node.js' } }));
  repo.write(
    'node_modules/vitest/node.js',
    `import { writeFileSync } from 'node:fs';
export async function createVitest(_mode, options) {
  writeFileSync(options.config + '.timestamp-' + Date.now() + '-' + Math.random().toString(16).slice(2) + '.mjs', 'export default {};');
  await new Promise(() => setInterval(() => {}, 1000));
}
`,
  );
  repo.write('a/vite.config.ts', 'export default {};\n');
  repo.write('b/vitest.config.ts', 'export default {};\n');
  repo.write('b/vitest.config.ts.timestamp-1-ab.mjs', 'export default {};\n');
  const requests = ['a/vite.config.ts', 'b/vitest.config.ts'].map((configFile) => ({ root: repo.dir, configFile, timeoutMs: 1_000 }));
  const outcomes = await probeVitestMany(requests);
  expect(outcomes.map((outcome) => outcome.ok)).toEqual([false, false]);
  expect(readdirSync(path.join(repo.dir, 'a'))).toEqual(['vite.config.ts']);
  expect(readdirSync(path.join(repo.dir, 'b')).sort()).toEqual(['vitest.config.ts', 'vitest.config.ts.timestamp-1-ab.mjs']);
});
