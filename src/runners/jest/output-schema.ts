// What jest's probe child prints, checked with zod. Loaded only while jest answers (the import starts when the request
// is sent), so that neither zod nor these schemas stand between a cold run and the runner process it starts, and a
// warm run (answers from the probe cache) loads neither.
import { z } from 'zod';

const strings = z.array(z.string()).optional().default([]);
const optionalString = z.string().nullish();
export const projectSchema = z.object({
  displayName: z.union([z.string(), z.object({ name: z.string() })]).nullish(),
  rootDir: z.string(),
  roots: strings,
  testMatch: strings,
  testRegex: z.union([z.string(), z.array(z.string())]).optional(),
  testPathIgnorePatterns: strings,
  setupFiles: strings,
  setupFilesAfterEnv: strings,
  globalSetup: optionalString,
  globalTeardown: optionalString,
  moduleNameMapper: z.array(z.tuple([z.string(), z.union([z.string(), z.array(z.string())])])).optional().default([]),
  modulePaths: strings,
});
export const showConfigSchema = z.object({
  configs: z.array(projectSchema),
  globalConfig: z.object({ globalSetup: optionalString, globalTeardown: optionalString, projects: z.array(z.unknown()).optional() }).optional(),
});
/** `jest --listTests --json`. */
export const listTestsSchema = z.array(z.string());

export type JestProject = z.infer<typeof projectSchema>;
