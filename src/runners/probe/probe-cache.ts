// Keeps probe answers between runs in one file of the cache dir, by probe key, so a warm run starts no runner.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { RunnerProject } from '../types.js';

/** Bumped when the stored shape changes; part of the file name, so versions never read each other. */
const cacheFormat = 1;
export const probeCacheFileName = `probe-v${cacheFormat}.json`;

/** Validated on read: a cache written by another impacted, or damaged, is a cold cache rather than wrong data. */
const projectSchema = z.object({
  runner: z.enum(['vitest', 'jest', 'node', 'mocha', 'playwright']),
  name: z.string().optional(),
  configFile: z.string(),
  dir: z.string(),
  include: z.array(z.string()),
  exclude: z.array(z.string()),
  testRegex: z.array(z.string()),
  ignorePatterns: z.array(z.string()),
  roots: z.array(z.string()),
  setupFiles: z.array(z.string()),
  missingSetup: z.array(z.string()),
  aliases: z.array(z.object({ find: z.string(), isRegExp: z.boolean(), replacement: z.string() })),
  origin: z.enum(['probe', 'static', 'defaults']),
  widened: z.string().optional(),
}) satisfies z.ZodType<RunnerProject>;
/** The runner's answer, or why it could not give one (a config that throws fails the same way until it changes). */
const entrySchema = z.union([z.object({ version: z.string(), projects: z.array(projectSchema) }), z.object({ version: z.string(), reason: z.string() })]);
const fileSchema = z.object({ entries: z.record(z.string(), entrySchema) });

export type ProbeCacheEntry = z.infer<typeof entrySchema>;

export interface ProbeCache {
  lookup(key: string): ProbeCacheEntry | undefined;
  store(key: string, entry: ProbeCacheEntry): void;
  /** Writes the entries used or stored in this run (older ones are dropped) when anything changed. */
  save(): void;
}

function read(file: string): Record<string, ProbeCacheEntry> {
  try {
    const parsed = fileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? (parsed.data.entries as Record<string, ProbeCacheEntry>) : {};
  } catch {
    // Missing or unreadable: a cold cache.
    return {};
  }
}

export function openProbeCache(dir: string): ProbeCache {
  const file = path.join(dir, probeCacheFileName);
  const stored = read(file);
  const used: Record<string, ProbeCacheEntry> = {};
  let changed = false;
  return {
    lookup(key) {
      const entry = stored[key];
      if (entry) used[key] = entry;
      return entry;
    },
    store(key, entry) {
      used[key] = entry;
      changed = true;
    },
    save() {
      if (!changed && Object.keys(used).length === Object.keys(stored).length) return;
      // Written aside and renamed, so a concurrent run never reads half a file.
      const temp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
      try {
        mkdirSync(dir, { recursive: true });
        writeFileSync(temp, JSON.stringify({ entries: used }));
        renameSync(temp, file);
      } catch {
        // A read-only cache dir costs a probe next time, nothing more.
        rmSync(temp, { force: true });
      }
    },
  };
}
