// `impacted audit --fix`: accepts missed edges as `implicitDependencies` rules in the config the audit read.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { escape } from 'minimatch';
import { readConfigText, type Config } from '../config/load-config.js';
import { ImpactedError } from '../errors.js';
import type { AuditedTest } from './types.js';

export interface AcceptedEdges {
  /** Repository-relative path of the file written. */
  file: string;
  /** Test files that got new dependencies. */
  tests: number;
  /** Dependencies added over all tests. */
  edges: number;
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

async function readJsonObject(file: string, label: string): Promise<{ value: JsonObject; indent: string } | undefined> {
  const text = await readConfigText(file, label);
  if (text === undefined) return undefined;
  const value: unknown = JSON.parse(text);
  if (!isObject(value)) throw new ImpactedError('CONFIG', `${label} does not hold a JSON object. Fix it, then run --fix again.`);
  // Keep the file's own indentation so that the diff shows only the new rules.
  const indent = /^\{\r?\n([ \t]+)"/.exec(text)?.[1] ?? '  ';
  return { value, indent };
}

/**
 * Adds `{ "<test>": ["<missed file>", ...] }` to `implicitDependencies`, merged with the rules already there: existing
 * keys and entries keep their order, new ones follow in sorted order. Writes the config file the audit read
 * (package.json "impacted" included), or creates impacted.config.json.
 */
export async function acceptMissedEdges(config: Pick<Config, 'root' | 'source'>, tests: readonly AuditedTest[]): Promise<AcceptedEdges> {
  const inManifest = config.source === 'package.json';
  const relative = config.source ?? 'impacted.config.json';
  const file = path.resolve(config.root, relative);
  const label = inManifest ? 'package.json "impacted"' : relative;
  const existing = await readJsonObject(file, relative);
  const document = existing?.value ?? {};
  if (inManifest && !isObject(document.impacted)) throw new ImpactedError('CONFIG', `${label} is not an object. Fix it, then run --fix again.`);
  const target = inManifest ? (document.impacted as JsonObject) : document;
  const rules = isObject(target.implicitDependencies) ? target.implicitDependencies : {};
  if (target.implicitDependencies !== undefined && !isObject(target.implicitDependencies)) {
    throw new ImpactedError('CONFIG', `${label}: "implicitDependencies" is not an object. Fix it, then run --fix again.`);
  }

  let testCount = 0;
  let edgeCount = 0;
  const additions = tests.filter((test) => test.missed.length > 0).toSorted((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const test of additions) {
    // Keys and entries are globs: paths with [ ] ( ) * ? must match only themselves.
    const key = escape(test.path);
    const current = Array.isArray(rules[key]) ? (rules[key] as unknown[]).filter((entry): entry is string => typeof entry === 'string') : [];
    const added = test.missed.map((missed) => escape(missed)).filter((glob) => !current.includes(glob)).toSorted();
    if (added.length === 0) continue;
    rules[key] = [...current, ...added];
    testCount++;
    edgeCount += added.length;
  }
  if (edgeCount > 0) {
    target.implicitDependencies = rules;
    await writeFile(file, `${JSON.stringify(document, null, existing?.indent ?? '  ')}\n`);
  }
  return { file: relative, tests: testCount, edges: edgeCount };
}
