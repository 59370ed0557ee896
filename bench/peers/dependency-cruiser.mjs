// dependency-cruiser's affected listing: `depcruise --affected <base>`, the changed modules and every module that reaches them.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { toolBin, toRepoPaths } from './context.mjs';
import { writePeerTsconfig } from './peer-tsconfig.mjs';

/** @typedef {import('./context.mjs').BenchContext} BenchContext */
/** @typedef {import('./context.mjs').Peer} Peer */

const bin = toolBin('dependency-cruiser/bin/dependency-cruise.mjs');

/**
 * Options only, no rules: follow type-only imports (as impacted does by default), resolve through the
 * peer tsconfig (workspace packages to their source), `exports` fields with the import/types conditions,
 * `.js` specifiers to `.ts` files; nothing but node_modules is left unfollowed, so it crosses packages.
 * @param {BenchContext} context
 */
function writeConfig(context) {
  const config = {
    options: {
      tsPreCompilationDeps: true,
      tsConfig: { fileName: writePeerTsconfig(context) },
      doNotFollow: { path: 'node_modules' },
      enhancedResolveOptions: {
        exportsFields: ['exports'],
        conditionNames: ['import', 'types', 'require', 'node', 'default'],
        extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
      },
    },
  };
  const file = path.join(context.scratch, 'dependency-cruiser.json');
  writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
  return file;
}

/**
 * @param {BenchContext} context
 * @returns {Peer}
 */
export function dependencyCruiser(context) {
  const configFile = writeConfig(context);
  const roots = [...new Set(context.packages.map((pkg) => pkg.dir.split('/')[0] ?? pkg.dir))].sort();
  return {
    id: 'dependency-cruiser',
    label: 'dependency-cruiser --affected',
    command: `depcruise ${roots.join(' ')} --config <dependency-cruiser.json> --affected ${context.meta.base} --output-type json`,
    config:
      'dependency-cruiser.json: options only; tsPreCompilationDeps true, tsConfig = a tsconfig with Bundler resolution and paths @bench/pN[/util|/*] -> pN/src, doNotFollow node_modules only, enhancedResolveOptions exportsFields [exports], conditionNames import/types/require/node/default; no --cache (dependency-cruiser maps .js specifiers to .ts files itself)',
    invocation: () => ({
      file: process.execPath,
      args: [bin, ...roots, '--config', configFile, '--affected', context.meta.base, '--output-type', 'json'],
      cwd: context.repo,
    }),
    selected: (stdout) => {
      /** @type {{ modules: { source: string }[] }} */
      const result = JSON.parse(stdout);
      return toRepoPaths(
        result.modules.map((module) => module.source).filter(context.isTest),
        context.repo,
      );
    },
  };
}
