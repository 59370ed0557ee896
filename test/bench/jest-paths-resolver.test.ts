// The bench's jest resolver applies the importing package's own tsconfig `paths` (medusa's `@models` per module).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packagePaths } from '../../bench/peers/package-paths.mjs';

type Resolver = (specifier: string, options: { basedir: string; defaultResolver: (specifier: string, options: object) => string }) => string;

let repo: string;
let resolve: (specifier: string, from: string) => string;

beforeAll(() => {
  repo = mkdtempSync(path.join(tmpdir(), 'impacted-jest-paths-'));
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
    writeFileSync(path.join(repo, file), text);
  };
  // Two packages with the same alias to their own models; the base config is extended, with comments.
  write('tsconfig.base.json', '{ /* shared */ "compilerOptions": { "strict": true } }');
  write('packages/a/tsconfig.json', '{ "extends": "../../tsconfig.base.json", "compilerOptions": { "paths": { "@models": ["./src/models"], "@utils/*": ["./src/utils/*"] } } }');
  write('packages/b/tsconfig.json', '{ "compilerOptions": { "paths": { "@models": ["./src/models"] } } }');
  write('packages/c/tsconfig.json', '{ "extends": "../../tsconfig.base.json" }');
  const scopes = packagePaths(repo, ['packages/a', 'packages/b', 'packages/c']);
  expect(scopes.map((scope) => path.relative(repo, scope.dir))).toEqual(['packages/a', 'packages/b']);
  write('scopes.json', JSON.stringify(scopes));
  process.env.IMPACTED_BENCH_JEST_PATHS = path.join(repo, 'scopes.json');
  const resolver = createRequire(import.meta.url)('../../bench/peers/jest-paths-resolver.cjs') as Resolver;
  // jest's default resolver, as far as this test needs it: the path it is given, relative to basedir.
  resolve = (specifier, from) => resolver(specifier, { basedir: path.join(repo, from), defaultResolver: (target, options) => path.resolve((options as { basedir: string }).basedir, target) });
});

afterAll(() => {
  delete process.env.IMPACTED_BENCH_JEST_PATHS;
  rmSync(repo, { recursive: true, force: true });
});

describe('jest-paths-resolver', () => {
  it("maps an alias to the importing package's own target", () => {
    expect(path.relative(repo, resolve('@models', 'packages/a/src/services'))).toBe('packages/a/src/models');
    expect(path.relative(repo, resolve('@models', 'packages/b/integration-tests/__tests__'))).toBe('packages/b/src/models');
    expect(path.relative(repo, resolve('@utils/format', 'packages/a/src'))).toBe('packages/a/src/utils/format');
  });

  it('leaves other specifiers, relative ones and other packages to the default resolution', () => {
    expect(path.relative(repo, resolve('@models', 'packages/c/src'))).toBe('packages/c/src/@models');
    expect(path.relative(repo, resolve('./models', 'packages/a/src'))).toBe('packages/a/src/models');
    expect(path.relative(repo, resolve('@models-extra', 'packages/a/src'))).toBe('packages/a/src/@models-extra');
  });
});
