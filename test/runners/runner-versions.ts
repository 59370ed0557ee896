// Test helper: points a temp repository's node_modules/<runner> at one of the runner versions installed as aliases.
import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../helpers/repo.js';

/** `installRunner(dir, 'vitest', 'vitest-v1')`: the repository's own vitest is then vitest 1. */
export function installRunner(dir: string, name: string, alias: string): void {
  const target = path.join(dir, 'node_modules', name);
  mkdirSync(path.dirname(target), { recursive: true });
  symlinkSync(path.join(projectRoot, 'node_modules', alias), target, 'dir');
}
