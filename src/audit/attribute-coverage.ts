// Decides which of a run's loaded scripts belong to which test: its own thread and the processes it started, not the runner's.
import type { Coverage, CoverageUnit } from './read-coverage.js';

export interface TestCoverage {
  /** Absolute paths of the scripts the test loaded (and the sources their maps name). */
  loaded: Set<string>;
  /** Absolute paths the test read through `fs`. */
  read: Set<string>;
  /** Whether any thread loaded the test file itself. */
  captured: boolean;
}

function add(into: TestCoverage, unit: CoverageUnit): void {
  for (const file of unit.loaded) into.loaded.add(file);
  for (const file of unit.read) into.read.add(file);
}

/**
 * For every test file some thread loaded: what belongs to it. The runner's own processes and threads (config loading,
 * vitest's globalSetup, the main thread beside a worker thread) run once per run whichever tests are in it, so what
 * only they load is no dependency of a test. What the test's thread loads counts, and so does everything in a process
 * started below the test's process (a CLI the test spawns). A process that recorded no lineage counts for every test,
 * so that a gap in the records cannot hide a dependency; a thread that ran several tests counts for each of them.
 */
export function attributeByTest(coverage: Coverage, isTestFile: (file: string) => boolean): Map<string, TestCoverage> {
  const byTest = new Map<string, TestCoverage>();
  const testsOfUnit = new Map<CoverageUnit, string[]>();
  const testsOfPid = new Map<number, Set<string>>();
  for (const unit of coverage.units) {
    const tests = [...unit.loaded].filter(isTestFile);
    if (tests.length === 0) continue;
    testsOfUnit.set(unit, tests);
    let ofPid = testsOfPid.get(unit.pid);
    if (!ofPid) testsOfPid.set(unit.pid, (ofPid = new Set()));
    for (const test of tests) {
      ofPid.add(test);
      if (!byTest.has(test)) byTest.set(test, { loaded: new Set(), read: new Set(), captured: true });
    }
  }
  for (const unit of coverage.units) {
    const ancestors = coverage.ancestors.get(unit.pid);
    const owners = new Set(testsOfUnit.get(unit));
    if (!ancestors) for (const test of byTest.keys()) owners.add(test);
    else for (const pid of ancestors) if (pid !== unit.pid) for (const test of testsOfPid.get(pid) ?? []) owners.add(test);
    for (const test of owners) add(byTest.get(test)!, unit);
  }
  return byTest;
}

/** What belongs to one test run alone; when no thread loaded it, everything the run loaded, and `captured` is false. */
export function attributeCoverage(coverage: Coverage, isTestFile: (file: string) => boolean): TestCoverage {
  const found = [...attributeByTest(coverage, isTestFile).values()];
  const merged: TestCoverage = { loaded: new Set(), read: new Set(), captured: found.length > 0 };
  // The same test under two paths (a link and its target) is one test.
  for (const part of found) {
    for (const file of part.loaded) merged.loaded.add(file);
    for (const file of part.read) merged.read.add(file);
  }
  if (!merged.captured) for (const unit of coverage.units) add(merged, unit);
  return merged;
}
