// `impacted audit` end to end on fixtures/audit-plugins: computed-path imports the graph cannot see, found by running the tests
// (vitest, node:test and jest packages).
import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { affectedTests } from '../../src/affected-tests.js';
import { auditCommand, type AuditFlags } from '../../src/audit/audit-command.js';
import type { AuditReport } from '../../src/audit/types.js';
import { isImpactedError } from '../../src/errors.js';
import { createRepo, projectRoot } from '../helpers/repo.js';

function pluginsRepo() {
  const repo = createRepo('audit-plugins');
  symlinkSync(path.join(projectRoot, 'node_modules'), path.join(repo.dir, 'node_modules'), 'dir');
  return repo;
}

async function audit(flags: AuditFlags) {
  let stdout = '';
  let stderr = '';
  const code = await auditCommand(flags, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), terminal: false });
  return { code, stdout, stderr };
}

const missedText = [
  'missed edges (these files ran or were read during the test, but a change to them would not select it):',
  '  packages/app/test/plugins.test.ts',
  '    packages/app/src/plugins/upper.ts',
  '  packages/cli/test/run-command.test.mjs',
  '    packages/cli/src/commands/hello.mjs',
  '  packages/worker/test/handle.test.js',
  '    packages/worker/src/handlers/ping.js',
  '',
].join('\n');

describe('impacted audit', () => {
  it('reports the module each test loaded through a computed path, and exits 1', async () => {
    const repo = pluginsRepo();
    const result = await audit({ cwd: repo.dir });
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toBe(missedText);
    expect(result.stderr).toMatch(/impacted: audited 4 of 4 test files, 3 missed edges in 3 tests, over-selection 20\.0% in [\d.]+ s\n/);
    expect(result.stderr).toContain('[4/4] ');
    expect(result.stderr).toContain('packages/app/test/format.test.ts: ok (');
  });

  it('prints the JSON report', async () => {
    const repo = pluginsRepo();
    const result = await audit({ cwd: repo.dir, json: true });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as AuditReport;
    expect(report.version).toBe(1);
    expect(report.tests).toEqual([
      // options.ts is imported for its types only: reached by the graph, never loaded.
      { path: 'packages/app/test/format.test.ts', missed: [], overSelected: 1, reached: 2, ran: 2, read: 0, captured: true, exitCode: 0 },
      { path: 'packages/app/test/plugins.test.ts', missed: ['packages/app/src/plugins/upper.ts'], overSelected: 0, reached: 1, ran: 3, read: 0, captured: true, exitCode: 0 },
      { path: 'packages/cli/test/run-command.test.mjs', missed: ['packages/cli/src/commands/hello.mjs'], overSelected: 0, reached: 1, ran: 3, read: 0, captured: true, exitCode: 0 },
      { path: 'packages/worker/test/handle.test.js', missed: ['packages/worker/src/handlers/ping.js'], overSelected: 0, reached: 1, ran: 3, read: 2, captured: true, exitCode: 0 },
    ]);
    expect({ ...report.summary, ms: 0 }).toEqual({ audited: 4, total: 4, missedEdges: 3, overSelectionRatio: 0.2, failed: 0, uncaptured: 0, ms: 0 });
  });

  it('accepts the missed edges with --fix, after which the audit passes and list selects the test', async () => {
    const repo = pluginsRepo();
    const fixed = await audit({ cwd: repo.dir, fix: true });
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(fixed.stderr).toContain('impacted: impacted.config.json: added 3 implicit dependencies for 3 tests\n');
    expect(JSON.parse(repo.read('impacted.config.json'))).toEqual({
      implicitDependencies: {
        'packages/app/test/plugins.test.ts': ['packages/app/src/plugins/upper.ts'],
        'packages/cli/test/run-command.test.mjs': ['packages/cli/src/commands/hello.mjs'],
        'packages/worker/test/handle.test.js': ['packages/worker/src/handlers/ping.js'],
      },
    });

    const again = await audit({ cwd: repo.dir });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toBe('');
    expect(again.stderr).toContain('audited 4 of 4 test files, no missed edges');

    repo.commit('accept the plugin edges');
    repo.write('packages/app/src/plugins/upper.ts', 'export default (text: string): string => text.toLocaleUpperCase();\n');
    const selection = await affectedTests({ cwd: repo.dir, base: 'HEAD' });
    expect(selection.tests.map((test) => test.path)).toEqual(['packages/app/test/plugins.test.ts']);
  });

  it('audits an evenly spread sample, or the files named', async () => {
    const repo = pluginsRepo();
    const sampled = await audit({ cwd: repo.dir, sample: '2', json: true });
    expect((JSON.parse(sampled.stdout) as AuditReport).tests.map((test) => test.path)).toEqual(['packages/app/test/plugins.test.ts', 'packages/worker/test/handle.test.js']);
    const named = await audit({ cwd: path.join(repo.dir, 'packages/app'), tests: ['test/format.test.ts'] });
    expect(named.code, named.stderr).toBe(0);
    expect(named.stderr).toContain('audited 1 of 4 test files, no missed edges, over-selection 50.0%');
  });

  it('rejects a file that is not a test, and a bad --sample', async () => {
    const repo = pluginsRepo();
    const notATest = await audit({ cwd: repo.dir, tests: ['packages/app/src/format.ts'] }).catch((error: unknown) => error);
    expect(isImpactedError(notATest) && notATest.message).toBe(
      'packages/app/src/format.ts is not a test file of this repository. Check the path, or "tests" in the config.',
    );
    const badSample = await audit({ cwd: repo.dir, sample: '0' }).catch((error: unknown) => error);
    expect(isImpactedError(badSample) && badSample.message).toBe('--sample takes a positive whole number, not "0".');
  });
});
