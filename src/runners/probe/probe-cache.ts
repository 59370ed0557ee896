// Keeps probe answers between runs in one file of the cache dir, by probe key, so a warm run starts no runner.
import path from 'node:path';
import { readCheckedJson, writeCheckedJson } from '../../files/checked-json.js';
import type { RunnerProject } from '../types.js';
import type { ImportsMemo } from './probe-key.js';

/** Bumped when the stored shape changes; part of the file name, so versions never read each other. */
const cacheFormat = 2;
export const probeCacheFileName = `probe-v${cacheFormat}.json`;

/** The runner's answer, or why it could not give one (a config that throws fails the same way until it changes). */
export type ProbeCacheEntry = { version: string; projects: RunnerProject[] } | { version: string; reason: string };

export interface ProbeCache {
  lookup(key: string): ProbeCacheEntry | undefined;
  store(key: string, entry: ProbeCacheEntry): void;
  /** What each config-like file imports, by path and content, as the last run found it (for `dependencyHash`). */
  imports: ImportsMemo;
  /** Keeps this run's imports memo. */
  storeImports(imports: ImportsMemo): void;
  /** Writes the entries used or stored in this run (older ones are dropped) when anything changed. */
  save(): void;
}

type CacheFile = { entries: Record<string, ProbeCacheEntry>; imports?: ImportsMemo };

/**
 * Only impacted writes the file (`writeCheckedJson`), only with answers its probes validated when the runner gave
 * them, and keys include the probe code (so another impacted's answers are never looked up): a file whose sum matches
 * needs no validation on a warm run, and zod is not even loaded. A damaged or hand-edited file is a cold cache rather
 * than wrong data.
 */
function read(file: string): CacheFile {
  const value = readCheckedJson(file) as CacheFile | undefined;
  return value && typeof value === 'object' && value.entries && typeof value.entries === 'object' ? value : { entries: {} };
}

export function openProbeCache(dir: string): ProbeCache {
  const file = path.join(dir, probeCacheFileName);
  const { entries: stored, imports = {} } = read(file);
  const used: Record<string, ProbeCacheEntry> = {};
  let usedImports = imports;
  let changed = false;
  return {
    imports,
    storeImports(memo) {
      if (JSON.stringify(memo) !== JSON.stringify(usedImports)) changed = true;
      usedImports = memo;
    },
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
      // A read-only cache dir costs a probe next time, nothing more.
      writeCheckedJson(file, { entries: used, imports: usedImports });
    },
  };
}
