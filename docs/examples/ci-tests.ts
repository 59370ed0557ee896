// scripts/ci-tests.ts — a custom CI step: run the affected tests (everything on the default branch),
// two runner groups at a time, and keep the selection with its reasons as a build artifact.
import { writeFileSync } from 'node:fs';
import { analyze, runTests } from 'impacted';

const { config, graph, selection } = await analyze({ cwd: process.cwd() });
writeFileSync('impacted-selection.json', `${JSON.stringify(selection, null, 2)}\n`);
console.log(`impacted: ${selection.mode === 'all' ? 'all tests: ' : ''}${selection.reason}`);

const result = await runTests({
  root: graph.root,
  mode: selection.mode,
  tests: selection.tests.map((test) => test.path), // in mode `all`: every test
  packages: graph.packages,
  runner: config.runner,
  concurrency: 2,
  stdio: 'inherit',
  onEvent: (event) => {
    if (event.type === 'group-end') {
      const { runner, cwd, files, exitCode, ms } = event.result;
      console.log(`${runner} in ${cwd || '.'}: ${files.length || 'all'} files, exit ${exitCode}, ${ms} ms`);
    }
  },
});
process.exitCode = result.exitCode;
