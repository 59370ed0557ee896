// Loads impacted.config.json or package.json "impacted", validates it, and fills in defaults.
import { readRegularFile } from '../files/read-regular-file.js';
import path from 'node:path';
import type { z } from 'zod';
import { closestName } from '../closest-name.js';
import { ImpactedError } from '../errors.js';
import { defaultIgnore, defaultRunAll } from './defaults.js';
import type { RunnerSpec, UserConfig } from './schema.js';

/** The resolved configuration every stage reads. */
export interface Config {
  /** Absolute path of the repository root (where the config lives). */
  root: string;
  /** The config file that was read, if any (repository-relative). */
  source?: string;
  /** Test globs; undefined means "detect from runner configs, else the defaults". */
  tests?: string[];
  runAll: string[];
  ignore: string[];
  /** Patterns added to the known-inert list (`!pattern`: an exception), or `false`: no file is known inert. */
  inert: string[] | false;
  implicitDependencies: Record<string, string[]>;
  typeOnly: 'include' | 'ignore';
  /** What the files of a package whose test script names no runner impacted reads are (default `widen`: tests by the default globs). */
  unreadTestScripts: 'widen' | 'ignore';
  runner?: RunnerSpec;
  /** The recorded dependency map selection unions in, when there is one; `configured` when the config named it. */
  recorded?: { file: string; configured: boolean };
  /** Whether the installed runners are asked for their resolved configs (default true; `--no-probe` or `"probe": false`). */
  probe: boolean;
}

export interface ConfigOverrides {
  /** An explicit config file (absolute, or relative to root). */
  configFile?: string;
}

/** A config file's text; undefined when it does not exist, an error naming it when it cannot be read. */
export async function readConfigText(file: string, label: string): Promise<string | undefined> {
  try {
    return readRegularFile(file).toString('utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ImpactedError('FILE', `cannot read ${label}: ${(error as Error).message}`, { cause: error });
  }
}

async function readJson(file: string, label: string): Promise<unknown | undefined> {
  const text = await readConfigText(file, label);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ImpactedError('CONFIG', `${label} is not valid JSON: ${(error as Error).message}. Fix the file and retry.`, {
      cause: error,
    });
  }
}

/** What is wrong with one key, with the key it was probably meant to be. */
function describeIssue(issue: z.core.$ZodIssue, keysAt: (path: PropertyKey[]) => readonly string[]): string[] {
  if (issue.code === 'unrecognized_keys') {
    const knownKeys = keysAt(issue.path);
    return issue.keys.map((key) => {
      const suggestion = closestName(key, knownKeys);
      const name = [...issue.path, key].join('.');
      if (suggestion) return `unknown key "${name}": did you mean "${suggestion}"?`;
      return knownKeys.length > 0 ? `unknown key "${name}". Known keys: ${knownKeys.join(', ')}.` : `unknown key "${name}".`;
    });
  }
  const key = issue.path.length > 0 ? issue.path.join('.') : '(root)';
  return [`invalid value for "${key}": ${issue.message}.`];
}

/** Validates a config object, reporting every problem at once; zod loads only here, since most repositories have no config file. */
async function validateConfig(raw: unknown, label: string): Promise<UserConfig> {
  const { customRunner, userConfigSchema } = await import('./schema.js');
  const parsed = userConfigSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const topKeys = Object.keys(userConfigSchema.shape).filter((key) => key !== '$schema');
  const keysAt = (at: PropertyKey[]): readonly string[] => (at.length === 0 ? topKeys : at.join('.') === 'runner' ? Object.keys(customRunner.shape) : []);
  const problems = parsed.error.issues.flatMap((issue) => describeIssue(issue, keysAt));
  if (problems.length <= 1) throw new ImpactedError('CONFIG', `${label}: ${problems[0] ?? 'invalid'}`);
  throw new ImpactedError('CONFIG', `${label} has ${problems.length} problems:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
}

async function findUserConfig(root: string, overrides: ConfigOverrides): Promise<{ config: UserConfig; source?: string }> {
  if (overrides.configFile) {
    const file = path.resolve(root, overrides.configFile);
    const label = path.relative(root, file) || file;
    const raw = await readJson(file, label);
    if (raw === undefined) throw new ImpactedError('CONFIG', `config file ${label} does not exist. Check --config.`);
    return { config: await validateConfig(raw, label), source: label };
  }
  const configFile = 'impacted.config.json';
  const raw = await readJson(path.join(root, configFile), configFile);
  if (raw !== undefined) return { config: await validateConfig(raw, configFile), source: configFile };
  const manifest = await readJson(path.join(root, 'package.json'), 'package.json');
  if (manifest && typeof manifest === 'object' && 'impacted' in manifest) {
    const label = 'package.json "impacted"';
    return { config: await validateConfig((manifest as { impacted: unknown }).impacted, label), source: 'package.json' };
  }
  return { config: {} };
}

/** Where `impacted record` writes and selection looks for the map when the config names none: beside the graph cache. */
export const defaultRecordedMap = 'node_modules/.cache/impacted/recorded.json';

function recordedMap(root: string, recorded: UserConfig['recorded']): Config['recorded'] {
  if (recorded === false) return undefined;
  return { file: path.resolve(root, recorded ?? defaultRecordedMap), configured: recorded !== undefined };
}

/** Reads and validates the repository's config; flags given here win over the file. */
export async function resolveConfig(root: string, overrides: ConfigOverrides = {}): Promise<Config> {
  const { config, source } = await findUserConfig(root, overrides);
  const recorded = recordedMap(root, config.recorded);
  // The map itself is never a change: restoring it from a CI cache must not select anything.
  const mapInRepo = recorded ? path.relative(root, recorded.file).split(path.sep).join('/') : '..';
  const ignore = config.ignore ?? defaultIgnore;
  return {
    root,
    source,
    tests: config.tests,
    runAll: config.runAll ?? defaultRunAll,
    ignore: mapInRepo.startsWith('..') || path.isAbsolute(mapInRepo) ? ignore : [...ignore, mapInRepo],
    inert: config.inert ?? [],
    implicitDependencies: config.implicitDependencies ?? {},
    typeOnly: config.typeOnly ?? 'include',
    unreadTestScripts: config.unreadTestScripts ?? 'widen',
    runner: config.runner,
    recorded,
    probe: config.probe ?? true,
  };
}
