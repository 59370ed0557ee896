// A tsconfig for the graph tools that read one tsconfig for the whole repository (dependency-cruiser, madge).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** @typedef {import('./context.mjs').BenchContext} BenchContext */

/**
 * The root `tsconfig.base.json` options with Bundler resolution (it accepts both the `.js` specifiers of
 * the NodeNext packages and the extensionless ones of the Bundler packages), and `paths` that send each
 * workspace package to its `src/` (their `exports` point into an unbuilt `dist/`, and there is no
 * node_modules to find them in) besides the repository's own aliases. Written to the scratch directory,
 * so `baseUrl` is the repository.
 * @param {BenchContext} context
 * @returns {string} the file written
 */
export function writePeerTsconfig(context) {
  /** @type {{ compilerOptions: Record<string, unknown> & { paths?: Record<string, string[]> } }} */
  const base = context.generated ? JSON.parse(readFileSync(path.join(context.repo, 'tsconfig.base.json'), 'utf8')) : { compilerOptions: {} };
  /** @type {Record<string, string[]>} */
  const paths = { ...base.compilerOptions.paths };
  for (const { name, dir, entry } of context.packages) {
    if (context.generated) {
      paths[name] = [`./${dir}/src/index.ts`];
      paths[`${name}/util`] = [`./${dir}/src/util/index.ts`];
    } else if (entry) {
      paths[name] = [`./${entry}`];
    }
    paths[`${name}/*`] = [`./${dir}/src/*`];
  }
  const tsconfig = {
    compilerOptions: { ...base.compilerOptions, module: 'ESNext', moduleResolution: 'Bundler', jsx: 'react-jsx', allowJs: true, baseUrl: context.repo, paths },
    // The tools read only the options; one real file keeps TypeScript from rejecting a config without inputs.
    files: [path.join(context.repo, 'package.json')],
  };
  const file = path.join(context.scratch, 'tsconfig.peers.json');
  writeFileSync(file, `${JSON.stringify(tsconfig, null, 2)}\n`);
  return file;
}
