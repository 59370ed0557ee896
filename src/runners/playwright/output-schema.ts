// What `playwright test --list --reporter=json` prints, checked with zod; loaded only while playwright answers (see
// ../jest/output-schema.ts).
import { z } from 'zod';

const patterns = z.array(z.string()).optional().default([]);
export const reportSchema = z.object({
  config: z.object({
    configFile: z.string().optional(),
    rootDir: z.string(),
    globalSetup: z.string().nullish(),
    globalTeardown: z.string().nullish(),
    projects: z.array(z.object({ name: z.string().optional(), testDir: z.string(), testMatch: patterns, testIgnore: patterns })),
  }),
  /** One suite per test file, named relative to `config.rootDir`. */
  suites: z.array(z.object({ file: z.string() })).optional().default([]),
});
