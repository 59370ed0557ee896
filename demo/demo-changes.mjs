// The demo's changes to the orders example, one feature branch each, with the test files each one must select.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * @typedef {object} Edit
 * @property {string} file repository-relative path
 * @property {[string, string]} [replace] text that must be in the file, and what it becomes
 * @property {string} [content] the whole new file
 */

/**
 * @typedef {object} DemoChange
 * @property {string} branch
 * @property {string} label a few words for the summary table
 * @property {string} title what a reviewer would read in the pull request
 * @property {Edit[]} edits
 * @property {string[]} expected the test files `impacted` must select, sorted
 */

// Everything that reaches @orders/db's barrel file: the query changes behind it concern every importer of the package.
const behindDbIndex = [
  'packages/db/test/migrations.int.test.ts',
  'packages/db/test/orders.int.test.ts',
  'packages/db/test/search.int.test.ts',
  'packages/mailer/test/order-confirmation.test.ts',
  'packages/mailer/test/queue.int.test.ts',
  'services/api/test/health.test.ts',
  'services/api/test/orders-api.int.test.ts',
  'services/api/test/products-api.int.test.ts',
  'services/api/test/validate.test.ts',
];

// Every test file of the example.
const allTests = [
  ...behindDbIndex,
  'packages/db/test/pool.test.ts',
  'packages/money/test/format.test.ts',
  'packages/money/test/tax.test.ts',
  'packages/money/test/totals.test.ts',
].toSorted();

/** @type {DemoChange[]} */
export const demoChanges = [
  {
    branch: 'search-by-sku',
    label: 'db query',
    title: 'A query in packages/db: product search also matches SKUs',
    edits: [{ file: 'packages/db/src/products.ts', replace: ['WHERE name ILIKE $1\n', 'WHERE name ILIKE $1 OR sku ILIKE $1\n'] }],
    expected: behindDbIndex,
  },
  {
    branch: 'parse-plus-sign',
    label: 'money helper',
    title: 'A helper in packages/money: parseCents accepts a leading "+"',
    edits: [{ file: 'packages/money/src/format.ts', replace: ['/^(-?)(\\d+)', '/^([-+]?)(\\d+)'] }],
    // @orders/db's orders.ts imports the money barrel, so everything behind the db barrel comes along; tax and totals do not.
    expected: [...behindDbIndex, 'packages/money/test/format.test.ts'].toSorted(),
  },
  {
    branch: 'sku-search-index',
    label: 'migration',
    title: 'A migration: trigram index on products.sku (and the migration list its test expects)',
    edits: [
      {
        file: 'packages/db/migrations/004_product_sku_search.sql',
        content: '-- Lets product search match SKUs (ILIKE \'%...%\') without scanning the catalogue.\nCREATE INDEX products_sku_trgm_idx ON products USING gin (sku gin_trgm_ops);\n',
      },
      {
        file: 'packages/db/test/migrations.int.test.ts',
        replace: ["'003_product_search.sql']", "'003_product_search.sql', '004_product_sku_search.sql']"],
      },
    ],
    // The root global setup runs every migration before any test starts, so a migration can break every test,
    // @orders/money's unit tests included: every test depends on the global setup, which reads the migrations.
    expected: allTests,
  },
  {
    branch: 'products-page-size',
    label: 'API route',
    title: 'An API route in services/api: GET /api/products returns at most 50 products',
    edits: [
      {
        file: 'services/api/src/routes/products.ts',
        replace: ["limit > 100) throw new HttpError(400, 'limit must be an integer from 1 to 100')", "limit > 50) throw new HttpError(400, 'limit must be an integer from 1 to 50')"],
      },
    ],
    expected: ['services/api/test/health.test.ts', 'services/api/test/orders-api.int.test.ts', 'services/api/test/products-api.int.test.ts'],
  },
  {
    branch: 'readme-typo',
    label: 'README',
    title: 'Documentation: a README edit',
    edits: [{ file: 'README.md', replace: ['A small shop backend', 'A small online shop backend'] }],
    expected: [],
  },
];

/**
 * Applies a change's edits to the files of `repoDir`; fails when the example no longer has the text an edit replaces.
 * @param {string} repoDir
 * @param {DemoChange} change
 */
export function applyChange(repoDir, change) {
  for (const edit of change.edits) {
    const file = path.join(repoDir, edit.file);
    if (edit.content !== undefined) {
      writeFileSync(file, edit.content);
      continue;
    }
    const [from, to] = edit.replace ?? ['', ''];
    const text = readFileSync(file, 'utf8');
    if (!text.includes(from)) throw new Error(`demo change "${change.branch}": ${edit.file} no longer contains ${JSON.stringify(from)}`);
    writeFileSync(file, text.replace(from, () => to));
  }
}
