// Renders a planned package's own files: package.json, tsconfig.json, barrels, SQL and JSON assets.

/** @typedef {import('./plan-package.mjs').PackagePlan} PackagePlan */
/** @typedef {import('./random.mjs').Random} Random */

/** Versions of the external packages the generated code imports (never installed). */
const externalVersions = /** @type {Record<string, string>} */ ({
  lodash: '^4.17.21',
  react: '^18.3.1',
  zod: '^3.23.8',
});

/**
 * @param {PackagePlan} pkg
 * @returns {string}
 */
export function renderPackageJson(pkg) {
  /** @type {Record<string, string>} */
  const dependencies = {};
  for (const dep of pkg.deps) dependencies[dep.name] = '*';
  for (const module of pkg.modules) {
    for (const external of module.externals) dependencies[external] = externalVersions[external] ?? '*';
  }
  /** @type {Record<string, unknown>} */
  const exports = { '.': { types: './dist/index.d.ts', import: './dist/index.js' } };
  if (pkg.utilBarrel) exports['./util'] = { types: './dist/util/index.d.ts', import: './dist/util/index.js' };
  exports['./package.json'] = './package.json';
  exports['./*'] = { types: './dist/*.d.ts', import: './dist/*.js' };
  const manifest = {
    name: pkg.name,
    version: '0.0.0',
    private: true,
    type: 'module',
    main: './dist/index.js',
    types: './dist/index.d.ts',
    exports,
    scripts: { build: 'tsc -p tsconfig.json', test: 'vitest run' },
    dependencies: Object.fromEntries(Object.entries(dependencies).toSorted(([a], [b]) => a.localeCompare(b))),
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/**
 * @param {PackagePlan} pkg
 * @returns {string}
 */
export function renderTsconfig(pkg) {
  /** @type {Record<string, string>} */
  const compilerOptions = { outDir: 'dist', rootDir: 'src' };
  if (pkg.resolution === 'bundler') {
    compilerOptions.module = 'ESNext';
    compilerOptions.moduleResolution = 'Bundler';
  }
  const config = { extends: '../../tsconfig.base.json', compilerOptions, include: ['src'] };
  return `${JSON.stringify(config, null, 2)}\n`;
}

/**
 * `src/index.ts`: re-exports the public modules (the util barrel as one line when there is one).
 * @param {PackagePlan} pkg
 * @returns {string}
 */
export function renderBarrel(pkg) {
  const lines = [`// Public API of ${pkg.name}.`];
  if (pkg.utilBarrel) lines.push("export * from './util/index.js';");
  for (const module of pkg.modules) {
    if (!module.isPublic || (pkg.utilBarrel && module.kind === 'util')) continue;
    lines.push(`export ${module.barrelTypeOnly ? 'type ' : ''}* from './${module.path}.js';`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * `src/util/index.ts`, the target of the `./util` subpath export.
 * @param {PackagePlan} pkg
 * @returns {string}
 */
export function renderUtilBarrel(pkg) {
  const lines = pkg.modules
    .filter((module) => module.kind === 'util')
    .map((module) => `export * from './${module.path.slice('util/'.length)}.js';`);
  return `${lines.join('\n')}\n`;
}

/**
 * @param {string} subject
 * @param {Random} random
 * @returns {string}
 */
export function renderSql(subject, random) {
  const columns = random.sample(['name TEXT NOT NULL', 'amount NUMERIC', 'status TEXT', 'owner_id TEXT', 'tags TEXT[]', 'payload JSONB'], random.int(2, 5));
  return [
    `-- Creates the ${subject} table and its lookup index.`,
    `CREATE TABLE IF NOT EXISTS ${subject} (`,
    '  id TEXT PRIMARY KEY,',
    ...columns.map((column) => `  ${column},`),
    '  created_at TIMESTAMPTZ NOT NULL DEFAULT now()',
    ');',
    '',
    `CREATE INDEX IF NOT EXISTS ${subject}_created_at_idx ON ${subject} (created_at);`,
    '',
  ].join('\n');
}

/**
 * @param {string} subject
 * @param {Random} random
 * @returns {string}
 */
export function renderJsonData(subject, random) {
  const data = {
    name: subject,
    enabled: random.chance(0.7),
    limits: { perMinute: random.int(10, 600), burst: random.int(1, 50) },
    regions: random.sample(['eu-west', 'us-east', 'ap-south', 'sa-east'], random.int(1, 3)),
  };
  return `${JSON.stringify(data, null, 2)}\n`;
}
