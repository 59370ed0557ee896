// Decides which of a run's loaded scripts belong to the test: its own thread and the processes it started, not the runner's.
import type { Coverage } from './read-coverage.js';

export interface TestCoverage {
  /** Absolute paths of the scripts the test loaded (and the sources their maps name). */
  loaded: Set<string>;
  /** Absolute paths the test read through `fs`. */
  read: Set<string>;
  /** Whether any thread loaded the test file itself. */
  captured: boolean;
}

/**
 * The runner's own processes and threads (config loading, vitest's globalSetup, the main thread beside a worker
 * thread) run once per run whichever tests are in it, so what only they load is no dependency of the test. What the
 * test's thread loads counts, and so does everything in a process started below the test's process (a CLI the test
 * spawns). A process that recorded no lineage counts too, so that a gap in the records cannot hide a missed edge.
 */
export function attributeCoverage(coverage: Coverage, isTestFile: (file: string) => boolean): TestCoverage {
  const testUnits = coverage.units.filter((unit) => [...unit.loaded].some(isTestFile));
  const counted =
    testUnits.length === 0
      ? coverage.units
      : coverage.units.filter((unit) => {
          if (testUnits.includes(unit)) return true;
          const ancestors = coverage.ancestors.get(unit.pid);
          if (!ancestors) return true;
          return testUnits.some((test) => test.pid !== unit.pid && ancestors.includes(test.pid));
        });
  const loaded = new Set<string>();
  const read = new Set<string>();
  for (const unit of counted) {
    for (const file of unit.loaded) loaded.add(file);
    for (const file of unit.read) read.add(file);
  }
  return { loaded, read, captured: testUnits.length > 0 };
}
