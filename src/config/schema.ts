// The shape of impacted.config.json (and package.json "impacted"), validated with zod.
import { z } from 'zod';

const runnerNames = ['vitest', 'jest', 'node', 'mocha', 'playwright'] as const;
export type RunnerName = (typeof runnerNames)[number];

export const customRunner = z
  .object({
    command: z.string().min(1),
    /** Run the command through a shell (off by default: files are passed as separate arguments). */
    shell: z.boolean().optional(),
  })
  .strict();

const runnerSchema = z.union([z.enum(runnerNames), customRunner], {
  error: () => `expected one of ${runnerNames.join(', ')}, or { "command": "my-runner {files}" }`,
});
export type RunnerSpec = z.infer<typeof runnerSchema>;

export const userConfigSchema = z
  .object({
    $schema: z.string().optional(),
    tests: z.array(z.string()).optional(),
    runAll: z.array(z.string()).optional(),
    ignore: z.array(z.string()).optional(),
    /** Adds patterns (and `!pattern` exceptions) to the known-inert list, or `false` to turn it off. */
    inert: z
      .union([z.literal(false), z.array(z.string())], { error: () => 'expected a list of globs ("!glob" for an exception), or false to turn the list off' })
      .optional(),
    implicitDependencies: z.record(z.string(), z.array(z.string())).optional(),
    typeOnly: z.enum(['include', 'ignore']).optional(),
    /**
     * Packages whose test script names no runner impacted reads (`make test`, `./test.sh`): `widen` (default), their
     * files matching the default test globs that no runner config takes count as tests; `ignore`, they do not (a
     * package with no runner at all keeps the default globs).
     */
    unreadTestScripts: z.enum(['widen', 'ignore']).optional(),
    runner: runnerSchema.optional(),
    /** The recorded dependency map (`impacted record`) selection unions in; false: none. */
    recorded: z.union([z.string().min(1), z.literal(false)]).optional(),
    /** Ask the installed runners for their resolved configs (loads them, as running the tests does); false: static reading only. */
    probe: z.boolean().optional(),
  })
  .strict();

export type UserConfig = z.infer<typeof userConfigSchema>;
