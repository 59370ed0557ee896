// `impacted audit` on the demo example (fixtures/orders-monorepo, real PostgreSQL): the static graph misses nothing its tests load.
import { describe, expect, it } from 'vitest';
import { auditTests } from '../../src/audit/audit-tests.js';
import { linkOrdersDependencies } from '../helpers/orders-env.js';
import { createRepo } from '../helpers/repo.js';

describe('impacted audit on fixtures/orders-monorepo', () => {
  it('finds no missed edge in an evenly spread sample of its tests', { timeout: 240_000 }, async () => {
    const repo = createRepo('orders-monorepo');
    linkOrdersDependencies(repo.dir);
    const { report } = await auditTests({ cwd: repo.dir, sample: 5 });

    const failures = report.tests.filter((test) => !test.captured || test.exitCode !== 0 || test.missed.length > 0);
    expect(failures).toEqual([]);
    // The sample has unit and integration tests of three packages, and a money test whose run starts the database
    // in vitest's own process (the global setup), which is no dependency of that test.
    expect(report.tests.map((test) => test.path)).toEqual([
      'packages/db/test/orders.int.test.ts',
      'packages/db/test/search.int.test.ts',
      'packages/money/test/format.test.ts',
      'services/api/test/health.test.ts',
      'services/api/test/products-api.int.test.ts',
    ]);
    expect(report.summary).toMatchObject({ audited: 5, total: 13, missedEdges: 0, failed: 0, uncaptured: 0 });
    // An API test loads every file the graph reaches from it: no over-selection there.
    expect(report.tests.find((test) => test.path === 'services/api/test/health.test.ts')).toMatchObject({ overSelected: 0, reached: 23 });
  });
});
