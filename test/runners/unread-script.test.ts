// Which test scripts run something no runner adapter reads (their packages' test files are then unknown), and which
// clearly run no test at all: npm's default script, `exit 0`, `true`, `echo`; at a workspace root, a script that
// only runs the packages' own scripts.
import { expect, test } from 'vitest';
import { isUnreadTestScript } from '../../src/runners/unread-script.js';

const inPackage = { workspaceRoot: false };
const atRoot = { workspaceRoot: true };

test.each([
  ['make test'],
  ['./test.sh'],
  ['sh ./scripts/test.sh --ci'],
  ['node scripts/run-tests.js'],
  ['nx test'],
  ['nx run my-lib:test'],
  ['turbo run test'],
  ['vscode-test'],
  ['tsc --noEmit'],
  ['NODE_ENV=test make check'],
  ['echo "building" && make test'],
  ["make test 'unclosed"],
])('%s runs something unread in a package', (script) => {
  expect(isUnreadTestScript({ test: script }, inPackage)).toBe(true);
});

test.each([
  ['echo "Error: no test specified" && exit 1'],
  ['echo "no tests" && exit 0'],
  ['exit 0'],
  ['true'],
  [':'],
  ['printf "nothing to test\\n"'],
  ['CI=1 exit 0'],
  [''],
  ['   '],
])('%s runs no test', (script) => {
  expect(isUnreadTestScript({ test: script }, inPackage)).toBe(false);
  expect(isUnreadTestScript({ test: script }, atRoot)).toBe(false);
});

test('no test script is no unread script', () => {
  expect(isUnreadTestScript({ build: 'make' }, inPackage)).toBe(false);
  expect(isUnreadTestScript(undefined, inPackage)).toBe(false);
});

test('the scripts a test script starts are read as it runs them', () => {
  expect(isUnreadTestScript({ test: 'npm run test:unit', 'test:unit': './scripts/test.sh' }, inPackage)).toBe(true);
  expect(isUnreadTestScript({ test: 'npm run nothing', nothing: 'echo skipped' }, inPackage)).toBe(false);
});

test.each([
  ['turbo run test'],
  ['turbo test --concurrency=50%'],
  ['npx turbo run test'],
  ['pnpm turbo run test'],
  ['nx run-many -t test'],
  ['nx affected -t test'],
  ['lerna run test'],
  ['pnpm -r test'],
  ['pnpm --filter "./packages/**" test'],
  ['npm test --workspaces'],
  ['npm run test -ws'],
  ['yarn workspaces foreach -A run test'],
  ['yarn workspaces run test'],
  ['wsrun test'],
  ['cross-env CI=1 turbo run test && echo done'],
])('at a workspace root, %s only runs the packages\' own scripts', (script) => {
  expect(isUnreadTestScript({ test: script }, atRoot)).toBe(false);
});

test('at a workspace root, any other command is unread', () => {
  expect(isUnreadTestScript({ test: 'turbo run test && ./scripts/e2e.sh' }, atRoot)).toBe(true);
  expect(isUnreadTestScript({ test: 'make test' }, atRoot)).toBe(true);
  expect(isUnreadTestScript({ test: 'nx test' }, atRoot)).toBe(true);
});
