// Defaults for every config key, per DESIGN.md.

export const defaultTestGlobs = ['**/*.{test,spec}.{ts,tsx,mts,cts,js,jsx,mjs,cjs}', '**/__tests__/**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'];

export const defaultRunAll = [
  'tsconfig*.json',
  '{vitest,vite,jest,playwright}.config.*',
  'vitest.workspace.*',
  // Babel's project-wide config transforms every test jest (or any babel-based runner) loads, without being imported.
  'babel.config.*',
  '.babelrc*',
  // The rules themselves: a changed rule can widen what any change selects.
  'impacted.config.json',
];

export const defaultIgnore = ['**/*.md', 'docs/**', 'LICENSE*', '.vscode/**'];
