// A package's test script as it runs: the package scripts it starts through the package manager are inlined, so that
// the runners they start (and their spec arguments) count as the test script's (opentelemetry-js's
// instrumentation-http runs `npm run test:cjs && npm run test:esm && ...`).
import { expect, test } from 'vitest';
import { testScriptOf } from '../../src/runners/test-script.js';

test.each([
  ['no test script', { build: 'tsc' }, undefined],
  ['a plain script', { test: "mocha 'test/**/*.test.ts'" }, "mocha 'test/**/*.test.ts'"],
  [
    'npm run, in order, with pre- and post- scripts',
    { test: 'npm run test:cjs && npm run -s test:esm', 'test:cjs': 'mocha a', pretest: 'tsc', 'pretest:esm': 'build-esm', 'test:esm': 'mocha b' },
    'mocha a && build-esm && mocha b',
  ],
  ['yarn and pnpm, with and without run; arguments passed on', { test: 'yarn test:unit --bail && pnpm run e2e -- --grep x', 'test:unit': 'jest', e2e: 'playwright test' }, 'jest --bail && playwright test --grep x'],
  ['a command that is no script stays', { test: 'yarn workspace other test && pnpm --filter x test && yarn build', build: 'tsc' }, 'yarn workspace other test && pnpm --filter x test && tsc'],
  ['run-s and run-p globs stay within a `:` segment', { test: 'run-s test:*', 'test:unit': 'vitest run', 'test:unit:watch': 'vitest', 'test:e2e': 'node --test e2e/' }, 'vitest run && node --test e2e/'],
  ['a cycle ends', { test: 'npm run a', a: 'npm run b && mocha', b: 'npm run a' }, 'npm run a && mocha'],
  ['quoting survives', { test: 'npm run x', x: `mocha "test/**/*.spec.ts" --grep "it's"` }, "mocha 'test/**/*.spec.ts' --grep 'it'\\''s'"],
])('%s', (_name, scripts, expected) => {
  expect(testScriptOf(scripts)).toBe(expected);
});
