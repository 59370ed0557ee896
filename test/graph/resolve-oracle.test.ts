// Checks our resolver against TypeScript's own ts.resolveModuleName (ts-morph's bundled compiler) on the fixtures.
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { ts } from 'ts-morph';
import { beforeAll, describe, expect, it } from 'vitest';
import { codeExtensions } from '../../src/graph/build-graph.js';
import { extractImports } from '../../src/graph/extract-imports.js';
import { Resolver } from '../../src/graph/resolve-specifier.js';
import { scanFiles } from '../../src/graph/scan-files.js';
import { TsconfigLookup } from '../../src/graph/tsconfig.js';
import { findWorkspaces } from '../../src/graph/workspaces.js';
import { createRepo } from '../helpers/repo.js';

function compilerOptionsFor(root: string, file: string): ts.CompilerOptions {
  const configFile = ts.findConfigFile(path.dirname(path.join(root, file)), ts.sys.fileExists);
  if (!configFile || !configFile.startsWith(root)) return { allowJs: true };
  const { config } = ts.readConfigFile(configFile, ts.sys.readFile);
  return ts.parseJsonConfigFileContent(config, ts.sys, path.dirname(configFile), undefined, configFile).options;
}

describe.each(['graph-monorepo', 'graph-single', 'graph-yarn', 'graph-pnpm'])('resolution agrees with TypeScript on %s', (fixture) => {
  let root: string;
  beforeAll(async () => {
    const repo = createRepo(fixture, { commit: false });
    if (fixture === 'graph-monorepo') {
      mkdirSync(path.join(repo.dir, 'node_modules/@acme'), { recursive: true });
      symlinkSync('../../packages/tsconfig', path.join(repo.dir, 'node_modules/@acme/tsconfig'));
      repo.write('.gitignore', 'node_modules/\n');
    }
    repo.commit('initial');
    root = repo.dir;
  });

  it('resolves every specifier TypeScript resolves inside the repository to the same file', async () => {
    const { files: scanned, source } = await scanFiles(root);
    const files = scanned.map((f) => f.path);
    const fileSet = new Set(files);
    const resolver = new Resolver({
      root,
      source,
      files: fileSet,
      tsconfigs: new TsconfigLookup(root, fileSet, source),
      packages: findWorkspaces(root, files, source).packages,
    });
    const compared: string[] = [];
    for (const file of files.filter((f) => codeExtensions.test(f))) {
      const options = compilerOptionsFor(root, file);
      for (const { specifier } of extractImports(readFileSync(path.join(root, file), 'utf8'), file).imports) {
        const expected = ts.resolveModuleName(specifier, path.join(root, file), options, ts.sys).resolvedModule?.resolvedFileName;
        if (!expected || expected.includes('/node_modules/')) continue;
        const ours = resolver.resolve(file, specifier);
        compared.push(specifier);
        expect({ file, specifier, resolved: ours.type === 'files' ? ours.files : ours }).toEqual({
          file,
          specifier,
          resolved: [path.relative(root, expected)],
        });
      }
    }
    // The comparison must cover real ground, not pass vacuously.
    expect(compared.length).toBeGreaterThanOrEqual(fixture === 'graph-monorepo' ? 20 : 1);
  });
});
