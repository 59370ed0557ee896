// vitest's changed-tests listing: `vitest list --changed <base> --filesOnly`, which walks vite's module graph.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { toolBin, toRepoPaths } from './context.mjs';
import { escapeRegExp } from './workspace-packages.mjs';

/** @typedef {import('./context.mjs').BenchContext} BenchContext */
/** @typedef {import('./context.mjs').Peer} Peer */

const bin = toolBin('vitest/vitest.mjs');

/**
 * One `resolve.alias` entry as source text (a config file cannot hold a RegExp as JSON).
 * @param {string} find  regular expression source
 * @param {string} replacement
 */
function aliasEntry(find, replacement) {
  return `    { find: /${find}/, replacement: ${JSON.stringify(replacement)} },`;
}

/**
 * A config outside the repository, a plain object (the repository has no node_modules to import
 * `vitest/config` from): the repository's include glob, and `resolve.alias` entries for the workspace
 * packages (their `exports` point into an unbuilt `dist/`) and the root tsconfig `paths`. Vite itself maps
 * `.js` specifiers to `.ts` files.
 * @param {BenchContext} context
 */
function writeConfig(context) {
  const alias = [];
  for (const { name, dir } of context.packages) {
    const source = path.join(context.repo, dir, 'src');
    alias.push(aliasEntry(`^${escapeRegExp(name)}$`, path.join(source, 'index.ts')));
    alias.push(aliasEntry(`^${escapeRegExp(`${name}/util`)}$`, path.join(source, 'util', 'index.ts')));
    alias.push(aliasEntry(`^${escapeRegExp(`${name}/`)}(.*)$`, `${source}/$1`));
  }
  for (const { prefix, target } of context.aliases) alias.push(aliasEntry(`^${escapeRegExp(prefix)}(.*)$`, `${path.join(context.repo, target)}/$1`));
  const file = path.join(context.scratch, 'vitest.config.mjs');
  writeFileSync(
    file,
    [
      '// Written by bench/peers/vitest.mjs.',
      'export default {',
      '  cacheDir: process.env.BENCH_VITE_CACHE_DIR,',
      '  resolve: {',
      '    alias: [',
      ...alias,
      '    ],',
      '  },',
      "  test: { include: ['{packages,apps}/*/test/**/*.test.ts'] },",
      '};',
      '',
    ].join('\n'),
  );
  return file;
}

/**
 * @param {BenchContext} context
 * @returns {Peer}
 */
export function vitestChanged(context) {
  const configFile = writeConfig(context);
  const output = path.join(context.scratch, 'vitest-list.json');
  return {
    id: 'vitest',
    label: 'vitest list --changed',
    command: `vitest list --changed ${context.meta.base} --filesOnly --json <file> --config <vitest.config.mjs>`,
    config:
      'vitest.config.mjs outside the repo: test.include {packages,apps}/*/test/**/*.test.ts, resolve.alias @bench/pN[/util|/*] -> pN/src, @alias/pN/* -> tsconfig paths; a fresh cacheDir per run',
    invocation: () => ({
      file: process.execPath,
      args: [bin, 'list', '--changed', context.meta.base, '--filesOnly', '--json', output, '--config', configFile, '--root', context.repo],
      cwd: context.repo,
      env: { BENCH_VITE_CACHE_DIR: mkdtempSync(path.join(context.scratch, 'vite-cache-')) },
    }),
    selected: () => {
      /** @type {{ file: string }[]} */
      const listed = JSON.parse(readFileSync(output, 'utf8'));
      return toRepoPaths(
        listed.map((item) => item.file),
        context.repo,
      );
    },
  };
}
