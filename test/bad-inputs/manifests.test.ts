// Workspace manifests that are broken or ambiguous: a byte order mark is accepted; invalid JSON, an invalid
// pnpm-workspace.yaml and two packages with one name stop with one line naming the file(s), exit 2.
import { describe, expect, it } from 'vitest';
import { appTest, badRepo, cli, listJson, mathTest, selected } from './bad-repo.js';

describe('workspace manifests', () => {
  it('a package.json with a byte order mark is read as Node and npm read it: its package and edges stay', () => {
    const repo = badRepo();
    repo.write('packages/core/package.json', `\uFEFF${repo.read('packages/core/package.json')}`);
    repo.commit('BOM');
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('packages/core/src/math.ts', `${repo.read('packages/core/src/math.ts')}export const bom = 1;\n`);
    expect(selected(listJson(repo, '--base', 'main'))).toEqual([appTest, mathTest]);
  });

  it.each([
    ['invalid JSON in a workspace package.json', 'packages/core/package.json', '{ "name": "@bad/core", }', /^impacted: packages\/core\/package\.json is not valid JSON \(.+\): fix it so the workspace packages can be read\.\n$/],
    ['invalid JSON in the root package.json', 'package.json', '{ "workspaces": ["packages/*"', /^impacted: package\.json is not valid JSON[^\n]+\n$/],
    ['an invalid pnpm-workspace.yaml', 'pnpm-workspace.yaml', 'packages:\n  - "packages/*\n', /^impacted: pnpm-workspace\.yaml is not valid YAML \(.+\): fix it so the workspace packages can be read\.\n$/],
    ['a pnpm-workspace.yaml whose packages is not a list', 'pnpm-workspace.yaml', 'packages: packages/*\n', /^impacted: pnpm-workspace\.yaml: "packages" must be a list of globs\. Fix it so the workspace packages can be read\.\n$/],
    [
      'two workspace packages with the same name',
      'packages/app/package.json',
      '{ "name": "@bad/core" }\n',
      /^impacted: packages\/app\/package\.json and packages\/core\/package\.json both name the package "@bad\/core": rename one \(npm, yarn and pnpm refuse duplicate workspace names too\)\.\n$/,
    ],
  ])('%s: exit 2 with one line naming the file', (_name, file, content, message) => {
    const repo = badRepo({ feature: true });
    repo.write(file, content);
    for (const command of [['list', '--base', 'main'], ['graph']]) {
      const result = cli(command, { cwd: repo.dir });
      expect(result.stderr).toMatch(message);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
    }
  });
});
