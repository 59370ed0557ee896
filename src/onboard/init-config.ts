// `impacted init`: turns what detection found into an impacted.config.json, and writes it unless one exists.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { minimatch } from 'minimatch';
import { defaultIgnore, defaultRunAll } from '../config/defaults.js';
import type { RunnerName, UserConfig } from '../config/schema.js';
import { ImpactedError } from '../errors.js';
import { detectSetup, type SetupDetection } from './detect-setup.js';

export const configFileName = 'impacted.config.json';

/** The config `init` writes, and the detection behind each key (for the printed explanation). */
export interface InitPlan {
  config: UserConfig;
  detection: SetupDetection;
  /** Root runner configs listed in `runAll` beyond the default globs. */
  extraRunAll: string[];
  /** Documentation folders listed in `ignore` beyond the defaults. */
  docFolders: string[];
}

export interface InitResult extends InitPlan {
  /** Absolute path of the written file. */
  file: string;
  /** Whether an existing config file was replaced (`force`). */
  overwritten: boolean;
}

export interface InitOptions {
  /** The repository root (absolute). */
  cwd: string;
  /** Replace an existing impacted.config.json. */
  force?: boolean;
}

const docFolderNames = new Set(['doc', 'docs', 'documentation', 'website']);
const codeFile = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const matchOptions = { dot: true };

/** Root runner configs the default runAll globs do not already cover (`.mocharc.yml`, ...). */
function extraRunAll(detection: SetupDetection): string[] {
  return detection.runnerConfigs
    .map((config) => config.file)
    .filter((file) => !file.includes('/') && !defaultRunAll.some((glob) => minimatch(file, glob, matchOptions)));
}

/** The outermost folders named like documentation that hold no code, and that the default ignore globs miss. */
function docFolders(files: readonly string[]): string[] {
  const candidates = new Set<string>();
  for (const file of files) {
    const segments = file.split('/');
    const at = segments.findIndex((segment, index) => index < segments.length - 1 && docFolderNames.has(segment));
    if (at !== -1) candidates.add(segments.slice(0, at + 1).join('/'));
  }
  return [...candidates]
    .filter((dir) => !files.some((file) => file.startsWith(`${dir}/`) && codeFile.test(file)))
    .filter((dir) => !defaultIgnore.some((glob) => minimatch(`${dir}/x`, glob, matchOptions)))
    .sort();
}

/** The runner every test-owning package uses, when they agree; mixed repositories keep per-package detection. */
function sharedRunner(detection: SetupDetection): RunnerName | undefined {
  const names = new Set(detection.packages.map((pkg) => pkg.runner?.name));
  const [only] = names;
  return names.size === 1 && only !== undefined ? only : undefined;
}

/** Plans the config from a detection; writes nothing. */
function planInit(detection: SetupDetection & { files: readonly string[] }): InitPlan {
  const runAllExtra = extraRunAll(detection);
  const docs = docFolders(detection.files);
  const runner = sharedRunner(detection);
  const config: UserConfig = {
    runAll: [...defaultRunAll, ...runAllExtra],
    ignore: [...defaultIgnore, ...docs.map((dir) => `${dir}/**`)],
    ...(runner ? { runner } : {}),
  };
  return { config, detection, extraRunAll: runAllExtra, docFolders: docs };
}

function hasPackageJsonConfig(root: string): boolean {
  try {
    const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as unknown;
    return manifest !== null && typeof manifest === 'object' && 'impacted' in manifest;
  } catch {
    return false;
  }
}

/** Detects the setup of the repository at `cwd` and writes impacted.config.json; refuses to replace one without `force`. */
export async function initConfig(options: InitOptions): Promise<InitResult> {
  const file = path.join(options.cwd, configFileName);
  const exists = existsSync(file);
  if (exists && !options.force) {
    throw new ImpactedError('CONFIG', `${configFileName} already exists. Use impacted init --force to overwrite it.`);
  }
  if (!options.force && hasPackageJsonConfig(options.cwd)) {
    throw new ImpactedError(
      'CONFIG',
      `package.json already has an "impacted" config. Use impacted init --force to write ${configFileName}, which then takes precedence.`,
    );
  }
  const plan = planInit(await detectSetup(options.cwd));
  try {
    writeFileSync(file, `${JSON.stringify(plan.config, null, 2)}\n`);
  } catch (error) {
    throw new ImpactedError('FILE', `cannot write ${configFileName}: ${(error as Error).message}`, { cause: error });
  }
  return { ...plan, file, overwritten: exists };
}
