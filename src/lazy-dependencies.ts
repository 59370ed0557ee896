// The dependencies only some runs need, each loaded on its first use, so that a warm `list` pays for none of them.
import { createRequire } from 'node:module';

const requireDependency = createRequire(import.meta.url);

/** yaml: pnpm-workspace.yaml, pnpm lockfiles, `.mocharc.yml`. */
export const yaml = (): typeof import('yaml') => requireDependency('yaml') as typeof import('yaml');

/** @yarnpkg/parsers: yarn lockfiles. */
export const yarnParsers = (): typeof import('@yarnpkg/parsers') => requireDependency('@yarnpkg/parsers') as typeof import('@yarnpkg/parsers');

let lexer: typeof import('es-module-lexer') | undefined;
/**
 * es-module-lexer, for a file whose imports are not in the cache; it compiles its WebAssembly on the first parse.
 * Kept once loaded: it is asked once per file, and `require` resolves the name again on every call.
 */
export const moduleLexer = (): typeof import('es-module-lexer') => (lexer ??= requireDependency('es-module-lexer') as typeof import('es-module-lexer'));

/**
 * oxc-parser, for a runner config read statically (a warm run mostly reads none). It is ESM only: `require`d on first
 * use where node can (20.19 and later); an older node loads it with this module.
 */
const oxcLoaded = process.features.require_module ? undefined : await import('oxc-parser');
export const oxcParser = (): typeof import('oxc-parser') => oxcLoaded ?? (requireDependency('oxc-parser') as typeof import('oxc-parser'));

/** simple-git: only for commands that talk to a remote. */
export const simpleGit = (): Promise<typeof import('simple-git')> => import('simple-git');
