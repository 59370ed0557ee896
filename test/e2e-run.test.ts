// End to end: `impacted run --base main` on a copy of the orders example runs exactly the affected vitest files against a real PostgreSQL.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoChanges } from '../demo/demo-changes.mjs';
import { linkOrdersDependencies } from './helpers/orders-env.js';
import { createRepo, projectRoot, type TempRepo } from './helpers/repo.js';

interface JsonReport {
  success: boolean;
  numPassedTests: number;
  numFailedTests: number;
  testResults: { name: string; status: 'passed' | 'failed' }[];
}

// Every test that reaches packages/db/src/products.ts, all of them through the package's index.ts: the demo's
// expectation for its query change, which edits the same file.
const reachingProducts = demoChanges.find((change) => change.edits.some((edit) => edit.file === 'packages/db/src/products.ts'))!.expected;

const workDir = mkdtempSync(path.join(tmpdir(), 'impacted-e2e-'));
// The example's temp files (the PostgreSQL data directory) go here, and vitest's report beside them.
const exampleTmp = path.join(workDir, 'tmp');
const reportFile = path.join(workDir, 'report.json');
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

let repo: TempRepo;
beforeAll(() => {
  repo = createRepo('orders-monorepo');
  linkOrdersDependencies(repo.dir);
  mkdirSync(exampleTmp);
  // As root, PostgreSQL runs as the "postgres" user, which must be able to reach its data directory below here.
  chmodSync(workDir, 0o755);
  chmodSync(exampleTmp, 0o755);
});

/** Commits `edit` of products.ts's search query on a new branch off main. */
function changeSearchQuery(branch: string, from: string, to: string): void {
  repo.git('checkout', '-q', '-b', branch, 'main');
  const file = 'packages/db/src/products.ts';
  const source = repo.read(file);
  expect(source).toContain(from);
  repo.write(file, source.replace(from, () => to));
  repo.commit(branch);
}

async function impactedRun(): Promise<{ exitCode: number | undefined; stderr: string; all: string; report: JsonReport }> {
  rmSync(reportFile, { force: true });
  // Variables of this vitest run would leak into the nested one, and CI variables would change the base.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST') && name !== 'NODE_OPTIONS'));
  const result = await execa(
    process.execPath,
    [path.join(projectRoot, 'bin/impacted.js'), 'run', '--base', 'main', '--', '--reporter=json', `--outputFile=${reportFile}`],
    {
      cwd: repo.dir,
      env: { ...env, TMPDIR: exampleTmp, NO_COLOR: '1', CI: '', GITHUB_ACTIONS: '', GITHUB_BASE_REF: '' },
      extendEnv: false,
      reject: false,
      all: true,
    },
  );
  expect(existsSync(reportFile), result.all).toBe(true);
  return { exitCode: result.exitCode, stderr: result.stderr, all: result.all, report: JSON.parse(readFileSync(reportFile, 'utf8')) as JsonReport };
}

const relativeNames = (files: JsonReport['testResults']): string[] => files.map((file) => path.relative(repo.dir, file.name)).toSorted();

describe('impacted run on the orders example', () => {
  it('runs exactly the tests a changed query reaches, against the real database, and they pass', async () => {
    changeSearchQuery('search-by-sku', 'WHERE name ILIKE $1\n', 'WHERE name ILIKE $1 OR sku ILIKE $1\n');

    const { exitCode, stderr, all, report } = await impactedRun();

    expect(exitCode, all).toBe(0);
    expect(stderr).toContain('1 changed file affects 9 of 13 tests');
    expect(relativeNames(report.testResults)).toEqual(reachingProducts);
    expect(report.testResults.filter((file) => file.status !== 'passed')).toEqual([]);
    expect(report).toMatchObject({ success: true, numFailedTests: 0, numPassedTests: 44 });
  });

  it('exits with the runner\'s code when a selected test fails', async () => {
    // LIKE is case-sensitive: the case-insensitive search tests of the db package and of the API fail.
    changeSearchQuery('case-sensitive-search', 'WHERE name ILIKE $1\n', 'WHERE name LIKE $1\n');

    const { exitCode, all, report } = await impactedRun();

    expect(exitCode, all).toBe(1);
    expect(relativeNames(report.testResults)).toEqual(reachingProducts);
    expect(relativeNames(report.testResults.filter((file) => file.status === 'failed'))).toEqual([
      'packages/db/test/search.int.test.ts',
      'services/api/test/products-api.int.test.ts',
    ]);
    expect(report.success).toBe(false);
  });
});
