// Splits test files across CI machines: deterministic, no file lost or run twice, balanced by count or recorded duration.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ImpactedError } from '../errors.js';
import type { Shard } from './types.js';

/** Test path -> recorded duration in ms. */
export type Timings = Record<string, number>;

/** Parses `--shard <i>/<n>` (1-based). */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const total = Number(match?.[2]);
  if (!match || total < 1 || index < 1 || index > total) {
    throw new ImpactedError('USAGE', `invalid --shard "${text}": use <index>/<total> with 1 <= index <= total, e.g. --shard 1/3.`);
  }
  return { index, total };
}

/**
 * The files of shard `index` of `total`. Without timings, files are dealt round-robin in sorted order, so shard sizes
 * differ by at most one. With timings, the longest files go first, each to the shard with the least time so far;
 * files without a timing count as the mean of the known ones.
 */
export function shardFiles(files: string[], shard: Shard, timings?: Timings): string[] {
  const sorted = [...new Set(files)].toSorted();
  const known = sorted.map((file) => timings?.[file]).filter((ms): ms is number => ms !== undefined);
  if (!timings || known.length === 0) return sorted.filter((_, i) => i % shard.total === shard.index - 1);

  const mean = known.reduce((sum, ms) => sum + ms, 0) / known.length;
  const weighted = sorted.map((file) => ({ file, ms: timings[file] ?? mean }));
  // Stable sort: equal durations keep path order, so every machine computes the same split.
  weighted.sort((a, b) => b.ms - a.ms);
  const load = Array.from({ length: shard.total }, () => 0);
  const mine: string[] = [];
  for (const { file, ms } of weighted) {
    let target = 0;
    for (let i = 1; i < load.length; i++) if ((load[i] ?? 0) < (load[target] ?? 0)) target = i;
    load[target] = (load[target] ?? 0) + ms;
    if (target === shard.index - 1) mine.push(file);
  }
  return mine.toSorted();
}

/** Reads a timings file `{ "<test path>": <ms> }`; paths are repository-relative. */
export async function readTimings(root: string, file: string): Promise<Timings> {
  const absolute = path.resolve(root, file);
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(absolute, 'utf8')) as unknown;
  } catch (error) {
    throw new ImpactedError('FILE', `cannot read timings file ${file}: ${(error as Error).message}. Fix or remove it.`, { cause: error });
  }
  const valid =
    raw !== null &&
    typeof raw === 'object' &&
    !Array.isArray(raw) &&
    Object.values(raw).every((ms) => typeof ms === 'number' && Number.isFinite(ms) && ms >= 0);
  if (!valid) {
    throw new ImpactedError('FILE', `timings file ${file} must be a JSON object of { "<test path>": <milliseconds> }.`);
  }
  return raw as Timings;
}
