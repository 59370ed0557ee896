// A JSON file of the cache dir that only impacted writes: its content's sha1, a newline, then the JSON, written aside
// and renamed. A file whose sum does not match (damaged, cut short, edited by hand) reads as missing: a cold cache.
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { makeCacheDir } from '../graph/cache-dir.js';

function checksum(json: string): string {
  return createHash('sha1').update(json).digest('hex');
}

/** The value written by `writeCheckedJson`, or undefined when the file is missing, unreadable or damaged. */
export function readCheckedJson(file: string): unknown {
  try {
    const text = readFileSync(file, 'utf8');
    const newline = text.indexOf('\n');
    const json = text.slice(newline + 1);
    if (newline === -1 || text.slice(0, newline) !== checksum(json)) return undefined;
    return JSON.parse(json) as unknown;
  } catch {
    return undefined;
  }
}

/** Writes `value` so that a concurrent run never reads half of it; a cache dir that cannot be written is no error. */
export function writeCheckedJson(file: string, value: unknown): void {
  const temp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    makeCacheDir(path.dirname(file));
    const json = JSON.stringify(value);
    writeFileSync(temp, `${checksum(json)}\n${json}`);
    renameSync(temp, file);
  } catch {
    rmSync(temp, { force: true });
  }
}
