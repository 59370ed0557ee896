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

/**
 * Known-inert files: they configure tools that take no part in a test run, so a change to one selects no test
 * (unless something imports it, or it is a test or test setup). `inert` in the config adds patterns to these and
 * takes `!pattern` exceptions; `inert: false` turns the list off.
 */
export const defaultInert = [
  // CI and the hosting platform: workflows, actions, issue and PR templates, CODEOWNERS, dependabot, labeler.
  '.github/**',
  '.gitlab/**',
  '.gitlab-ci.yml',
  '.circleci/**',
  '.buildkite/**',
  '.travis.yml',
  'appveyor.yml',
  'azure-pipelines.yml',
  'bitbucket-pipelines.yml',
  '**/Jenkinsfile',
  '**/*.Jenkinsfile',
  '**/CODEOWNERS',
  // Dependency update bots.
  'renovate.json',
  'renovate.json5',
  '.renovaterc',
  '.renovaterc.json',
  // Formatters and linters, their ignore files, and the git hooks that run them.
  '**/.prettierrc',
  '**/.prettierrc.{json,json5,yaml,yml,toml,js,cjs,mjs,ts,cts,mts}',
  '**/prettier.config.{js,cjs,mjs,ts,cts,mts}',
  '**/.prettierignore',
  '**/.eslintrc',
  '**/.eslintrc.{js,cjs,json,yaml,yml}',
  '**/eslint.config.{js,cjs,mjs,ts,cts,mts}',
  '**/.eslintignore',
  '**/.oxlintrc.json',
  '**/biome.json',
  '**/biome.jsonc',
  '**/.stylelintrc',
  '**/.stylelintrc.{json,yaml,yml,js,cjs,mjs}',
  '**/stylelint.config.{js,cjs,mjs,ts}',
  '**/.stylelintignore',
  '**/.markdownlint{.json,.jsonc,.yaml,.yml,rc,-cli2.jsonc,-cli2.yaml,-cli2.cjs,-cli2.mjs}',
  '**/.markdownlintignore',
  '**/commitlint.config.{js,cjs,mjs,ts,cts,mts}',
  '**/.commitlintrc{,.json,.yaml,.yml,.js,.cjs,.mjs,.ts}',
  '**/.lintstagedrc{,.json,.yaml,.yml,.js,.cjs,.mjs}',
  '**/lint-staged.config.{js,cjs,mjs,ts}',
  '.husky/**',
  // Git and editor settings (the scan already applies .gitignore to the files it reads).
  '**/.gitignore',
  '**/.gitattributes',
  '.mailmap',
  '**/.editorconfig',
  // Contributor lists and changeset notes.
  '.all-contributorsrc',
  '.changeset/*.md',
];

/**
 * Known inert outside workspace packages only (in a monorepo, in folders no workspace package owns, and not in a
 * test or fixture folder): images and documents. Inside a package, or in a single-package repository, a test may
 * read them.
 */
export const defaultInertOutsidePackages = ['**/*.{png,jpg,jpeg,gif,svg,ico,webp,avif,bmp}', '**/*.{md,mdx,markdown,rst,adoc}'];

/** Folders whose files tests read as data: nothing in them is inert by default. */
export const testDataFolders = '**/{test,tests,__tests__,spec,__fixtures__,fixtures,__snapshots__,snapshots}/**';

/**
 * Dependencies that take no part in a test run (linters, formatters, git hooks, release and repository tools): a
 * changed range of one that no file imports selects nothing. Any other dependency that nothing imports (a runner,
 * a transform, a preset, a test environment) widens.
 */
export const inertDependencies = [
  'eslint',
  'eslint-*',
  '@eslint/*',
  '@eslint-community/*',
  '@typescript-eslint/*',
  'typescript-eslint',
  '@*/eslint-plugin',
  '@*/eslint-plugin-*',
  '@*/eslint-config',
  '@*/eslint-config-*',
  'prettier',
  'prettier-plugin-*',
  '@prettier/*',
  '@*/prettier-config',
  '@*/prettier-plugin-*',
  'oxlint',
  '@biomejs/*',
  'stylelint',
  'stylelint-*',
  'markdownlint',
  'markdownlint-*',
  'cspell',
  '@cspell/*',
  'commitlint',
  '@commitlint/*',
  'husky',
  'lint-staged',
  'simple-git-hooks',
  'all-contributors-cli',
  '@changesets/cli',
  '@changesets/changelog-*',
  '@manypkg/cli',
  'sherif',
  'knip',
  'publint',
  '@arethetypeswrong/cli',
  'syncpack',
  // Loaded only by `jest --watch`.
  'jest-watch-*',
];
