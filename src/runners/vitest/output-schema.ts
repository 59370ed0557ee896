// What vitest's probe child prints, checked with zod. Loaded only while vitest answers (the import starts when the
// process is started), so that neither zod nor these schemas stand between a cold run and the runner process it starts,
// and a warm run (answers from the probe cache) loads neither.
import { z } from 'zod';

export const projectSchema = z.object({
  name: z.string(),
  configFile: z.string().nullable(),
  dir: z.string(),
  include: z.array(z.string()),
  includeSource: z.array(z.string()),
  typecheckInclude: z.array(z.string()),
  exclude: z.array(z.string()),
  setupFiles: z.array(z.string()),
  globalSetup: z.array(z.string()),
  aliases: z.array(z.object({ find: z.string(), isRegExp: z.boolean(), replacement: z.string() })),
});
export const outputSchema = z.union([
  z.object({ projects: z.array(projectSchema), files: z.array(z.string()).optional() }),
  z.object({ error: z.string() }),
]);
/** A line of `many` mode: the index of the config it answers, with that answer. */
export const indexedSchema = z.object({ index: z.number().int().nonnegative() }).passthrough();

export type VitestProject = z.infer<typeof projectSchema>;
