// Turns what a test's processes loaded and read into repository files: what it executed, and the other files it read.
import { codeExtensions } from '../graph/build-graph.js';
import type { TestCoverage } from './attribute-coverage.js';

/** The repository files one test executed and read (`read`: files other than code, read through `fs`, that did not run). */
export interface ObservedFiles {
  executed: string[];
  read: string[];
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function repoFiles(files: Iterable<string>, toRepoFile: (file: string) => string | undefined): Set<string> {
  const found = new Set<string>();
  for (const file of files) {
    const repoFile = toRepoFile(file);
    if (repoFile !== undefined) found.add(repoFile);
  }
  return found;
}

export function observedFiles(coverage: Pick<TestCoverage, 'loaded' | 'read'>, toRepoFile: (file: string) => string | undefined): ObservedFiles {
  const executed = repoFiles(coverage.loaded, toRepoFile);
  // Code counts by what ran: runners read every source file of a package to map it (jest's haste map), run or not.
  const read = [...repoFiles(coverage.read, toRepoFile)].filter((file) => !executed.has(file) && !codeExtensions.test(file));
  return { executed: [...executed].sort(compare), read: read.sort(compare) };
}
