// Deeply nested source overflows oxc-parser's native stack: that must never take impacted down (it was a segfault,
// exit 139), and a file nobody can parse still widens the selection.
import { describe, expect, it } from 'vitest';
import { appTest, badRepo, cli, iconTest, listJson, mathTest, selected } from './bad-repo.js';

const nested = (depth: number): string => `${'('.repeat(depth)}1${')'.repeat(depth)}`;

describe('deeply nested source', () => {
  it('10,000 nested parentheses in .ts and .tsx: parsed, their imports kept, exit 0', () => {
    const repo = badRepo({ feature: true });
    for (const file of ['packages/core/src/deep.ts', 'packages/core/src/deep-view.tsx']) {
      // import.meta.glob makes the glob reader parse the file too.
      repo.write(file, `import { add } from './math.js';\nexport const deep = add(${nested(10_000)}, 1);\nexport const icons = import.meta.glob('./icon.ts');\n`);
    }
    repo.write('packages/core/test/math.test.ts', `${repo.read('packages/core/test/math.test.ts')}import '../src/deep.js';\nimport '../src/deep-view.jsx';\n`);
    repo.commit('deep files');
    repo.write('packages/core/src/math.ts', `${repo.read('packages/core/src/math.ts')}// touched\n`);

    const graph = cli(['graph', '--json', '--no-cache'], { cwd: repo.dir });
    expect(graph.code).toBe(0);
    const { edges, problems } = JSON.parse(graph.stdout) as { edges: { from: string; to: string }[]; problems: unknown[] };
    expect(problems).toEqual([]);
    expect(edges).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ from: 'packages/core/src/deep.ts', to: 'packages/core/src/math.ts' }),
        expect.objectContaining({ from: 'packages/core/src/deep-view.tsx', to: 'packages/core/src/math.ts' }),
        { from: 'packages/core/src/deep.ts', to: 'packages/core/src/icon.ts', kind: 'glob' },
        { from: 'packages/core/src/deep-view.tsx', to: 'packages/core/src/icon.ts', kind: 'glob' },
      ]),
    );
    expect(selected(listJson(repo, '--base', 'main', '--no-cache'))).toEqual([appTest, mathTest]);
  });

  it('nesting too deep for any parser: reported as a problem, and what imports the file is selected by a change beside it', () => {
    const repo = badRepo();
    repo.write('packages/core/src/generated.ts', `export const deep = ${nested(300_000)};\n`);
    repo.write('packages/core/test/icon.test.ts', `${repo.read('packages/core/test/icon.test.ts')}import '../src/generated.js';\n`);
    repo.commit('a generated file');
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('packages/core/src/math.ts', `${repo.read('packages/core/src/math.ts')}// touched\n`);

    const graph = cli(['graph', '--no-cache'], { cwd: repo.dir });
    expect(graph.code).toBe(0);
    expect(graph.stdout).toBe('problem: packages/core/src/generated.ts: longer than 256 K characters: not parsed\n');
    const selection = listJson(repo, '--base', 'main', '--no-cache');
    expect(selected(selection)).toEqual([appTest, iconTest, mathTest]);
    expect(selection.tests.find((test) => test.path === iconTest)?.reasons).toEqual([
      expect.objectContaining({ changed: 'packages/core/src/math.ts', rule: expect.stringContaining('packages/core/src/generated.ts could not be fully parsed') }),
    ]);
  });
});
