// Test helper: a temp git repository from fixtures/run-*, linked to this project's node_modules, with a marker file
// that the fixture tests append their names to.
import { existsSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { createRepo, projectRoot, type TempRepo } from '../helpers/repo.js';
import type { WorkspacePackage } from '../../src/types.js';

export interface RunRepo extends TempRepo {
  marker: string;
  /** The lines the fixture tests recorded since the last `reset`, sorted. */
  ran: () => string[];
  reset: () => void;
  env: Record<string, string>;
}

export function createRunRepo(fixture = 'run-monorepo'): RunRepo {
  const repo = createRepo(fixture);
  symlinkSync(path.join(projectRoot, 'node_modules'), path.join(repo.dir, 'node_modules'), 'dir');
  const marker = path.join(repo.dir, '.marker');
  return {
    ...repo,
    marker,
    env: { IMPACTED_MARKER: marker },
    ran: () => (existsSync(marker) ? readFileSync(marker, 'utf8').split('\n').filter(Boolean).toSorted() : []),
    reset: () => rmSync(marker, { force: true }),
  };
}

export const monorepoPackages: WorkspacePackage[] = [
  { name: 'run-monorepo', dir: '', dependsOn: [] },
  { name: 'vite-pkg', dir: 'packages/vite-pkg', dependsOn: [] },
  { name: 'jest-pkg', dir: 'packages/jest-pkg', dependsOn: [] },
  { name: 'node-pkg', dir: 'packages/node-pkg', dependsOn: [] },
];
