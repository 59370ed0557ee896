// Turns the absolute paths a runner reports into the repository-relative ones a RunnerProject holds.
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import type { RunnerAlias } from '../types.js';

export interface RepoPaths {
  /** Repository-relative with `/` (`''` for the root itself), or undefined outside the repository. */
  relative(file: string): string | undefined;
  /** Setup files as the runner resolved them: repository files, missing ones, and packages (dropped: a lockfile change covers them). */
  setup(files: readonly string[]): { setupFiles: string[]; missingSetup: string[] };
  alias(alias: RunnerAlias): RunnerAlias;
}

export function repoPaths(root: string): RepoPaths {
  const bases = [path.resolve(root)];
  try {
    const real = realpathSync(root);
    if (real !== bases[0]) bases.push(real);
  } catch {
    // A root that cannot be resolved is compared as given.
  }
  const relative = (file: string): string | undefined => {
    for (const base of bases) {
      const inside = path.relative(base, path.resolve(base, file));
      if (!inside.startsWith('..') && !path.isAbsolute(inside)) return inside.split(path.sep).join('/');
    }
    return undefined;
  };
  return {
    relative,
    setup(files) {
      const setupFiles: string[] = [];
      const missingSetup: string[] = [];
      for (const file of new Set(files)) {
        const inRepo = path.isAbsolute(file) ? relative(file) : undefined;
        if (inRepo === undefined || inRepo.split('/').includes('node_modules')) continue;
        (existsSync(path.join(root, inRepo)) ? setupFiles : missingSetup).push(inRepo);
      }
      return { setupFiles, missingSetup };
    },
    alias(alias) {
      const target = path.isAbsolute(alias.replacement) ? relative(alias.replacement) : undefined;
      return target === undefined ? alias : { ...alias, replacement: target };
    },
  };
}
