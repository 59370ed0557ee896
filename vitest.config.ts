import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Most test files spend their time waiting on the processes they start (the CLI, git, the runners,
    // PostgreSQL), so one file per core keeps both cores busy. Vitest's default of one less than the
    // core count ran the suite on a single worker on a 2-core machine: 432 s against 235 s.
    maxWorkers: availableParallelism(),
  },
});
