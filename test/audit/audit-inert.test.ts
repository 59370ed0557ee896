// `impacted audit` on fixtures/audit-inert: a test that reads a known-inert file shows as a missed edge.
import { describe, expect, it } from 'vitest';
import type { AuditReport } from '../../src/audit/types.js';
import type { Selection } from '../../src/types.js';
import { runCli } from '../helpers/cli.js';
import { createRepo } from '../helpers/repo.js';

describe('impacted audit and known-inert files', () => {
  it('reports the inert file a test read; after --fix a change to it selects that test', () => {
    const repo = createRepo('audit-inert');
    const audit = runCli(['audit', '--json'], { cwd: repo.dir });
    expect(audit.code, audit.stderr).toBe(1);
    const report = JSON.parse(audit.stdout) as AuditReport;
    expect(report.tests.map((test) => [test.path, test.missed])).toEqual([
      ['test/ci-matrix.test.mjs', ['.github/workflows/ci.yml']],
      ['test/versions.test.mjs', []],
    ]);

    const dropNode20 = () => {
      repo.git('checkout', '-q', '-B', 'feature', 'main');
      repo.write('.github/workflows/ci.yml', repo.read('.github/workflows/ci.yml').replace('[20, 22]', '[22]'));
      return JSON.parse(runCli(['list', '--json', '--base', 'main'], { cwd: repo.dir }).stdout) as Selection;
    };
    expect(dropNode20()).toMatchObject({ tests: [], inert: [{ path: '.github/workflows/ci.yml', pattern: '.github/**' }] });

    repo.git('checkout', '-q', '-f', 'main');
    const fixed = runCli(['audit', '--fix'], { cwd: repo.dir });
    expect(fixed.code, fixed.stderr).toBe(0);
    repo.commit('accept the missed edge');
    const after = dropNode20();
    expect(after.tests.map((test) => test.path)).toEqual(['test/ci-matrix.test.mjs']);
    expect(after.inert).toBeUndefined();
  });
});
