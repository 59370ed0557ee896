// Test helpers: point a temp repository's node_modules/<runner> at one of the runner versions installed as aliases,
// and apply resolved projects to its files as impacted does.
import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { scanFiles } from '../../src/graph/scan-files.js';
import { projectMatcher } from '../../src/runners/project-matcher.js';
import type { RunnerProject } from '../../src/runners/types.js';
import { projectRoot } from '../helpers/repo.js';

/** `installRunner(dir, 'vitest', 'vitest-v1')`: the repository's own vitest is then vitest 1. */
export function installRunner(dir: string, name: string, alias: string): void {
  const target = path.join(dir, 'node_modules', name);
  mkdirSync(path.dirname(target), { recursive: true });
  symlinkSync(path.join(projectRoot, 'node_modules', alias), target, 'dir');
}

/** The repository's files that any of `projects` takes for a test, by impacted's own matching of the resolved patterns. */
export async function matchedTests(root: string, projects: readonly RunnerProject[]): Promise<string[]> {
  const matchers = projects.map((project) => projectMatcher(root, project));
  const { files } = await scanFiles(root);
  return files.map((file) => file.path).filter((file) => matchers.some((matches) => matches(file))).sort();
}
