// GitHub Actions step summary and outputs, written by `list` and `run`; Mermaid charts for `why --mermaid`.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mermaidChains } from '../../src/report/mermaid.js';
import { runCli } from '../helpers/cli.js';
import { createRepo } from '../helpers/repo.js';

describe('GitHub Actions integration', () => {
  const repo = createRepo('select-monorepo');
  repo.git('checkout', '-q', '-b', 'feature');
  repo.write('services/api/src/admin.ts', "import { send } from './mailer.js';\n\nexport const admin = () => send('ops');\n");
  repo.commit('change admin');

  it('writes the step summary and the mode, count and tests outputs', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'impacted-gh-'));
    const env = { GITHUB_STEP_SUMMARY: path.join(dir, 'summary.md'), GITHUB_OUTPUT: path.join(dir, 'output') };
    const result = runCli(['list', '--base', 'main'], { cwd: repo.dir, env });
    expect(result.code).toBe(0);
    const summary = readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8');
    expect(summary).toContain('**Mode:** affected · **Selected:** 3 of 10 tests · **Changed files:** 1');
    expect(summary).toContain('```mermaid\nflowchart LR\n');
    expect(summary).toContain('| `services/api/test/admin.test.ts` | `services/api/src/admin.ts` |');
    const outputs = readFileSync(env.GITHUB_OUTPUT, 'utf8').split('\n');
    expect(outputs.slice(0, 2)).toEqual(['mode=affected', 'count=3']);
    expect(outputs[2]).toMatch(/^tests<<(\S+)$/);
    expect(JSON.parse(outputs[3]!)).toEqual(['services/api/test/admin.test.ts', 'services/api/test/broken.test.ts', 'services/api/test/server.test.ts']);
    expect(outputs[4]).toBe(outputs[2]!.slice('tests<<'.length));
  });

  it('why --mermaid draws the chain from the changed file to the test', () => {
    const result = runCli(['why', 'services/api/test/server.test.ts', '--base', 'main', '--mermaid'], { cwd: repo.dir });
    expect(result.stdout).toBe(
      [
        'flowchart LR',
        '  n0[["services/api/src/admin.ts"]]',
        '  n1["services/api/src/server.ts"]',
        '  n2(["services/api/test/server.test.ts"])',
        '  n0 --> n1',
        '  n1 --> n2',
        '  style n0 fill:#fde68a,stroke:#b45309',
        '',
      ].join('\n'),
    );
  });

  it('caps the chart and says how many tests were left out', () => {
    const tests = Array.from({ length: 5 }, (_, i) => ({ path: `t${i}.test.ts`, reasons: [{ changed: 'a.ts', via: [] }] }));
    const chart = mermaidChains(tests, { maxTests: 2 });
    expect(chart).toContain('(["t1.test.ts"])');
    expect(chart).not.toContain('t2.test.ts');
    expect(chart).toContain('more["… 3 more tests not drawn"]');
  });
});
