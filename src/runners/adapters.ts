// Every runner adapter, by name, and the questions the rest of impacted asks them.
import path from 'node:path';
import type { RunnerName } from '../config/schema.js';
import type { RunCommand } from '../run/types.js';
import { fileArgument, runCommand } from './command-line.js';
import { jest } from './jest.js';
import { mocha } from './mocha.js';
import { node } from './node.js';
import { playwright } from './playwright.js';
import type { RunnerAdapter } from './types.js';
import { vitest } from './vitest.js';

export const adapters: Record<RunnerName, RunnerAdapter> = { vitest, jest, node, mocha, playwright };

/** Adapters in detection order: the unit runners first, playwright (which runs beside them) last. */
export const adapterList: RunnerAdapter[] = [vitest, jest, mocha, node, playwright];

/** Whether a repository file is a runner's config file (by its name). */
export function isRunnerConfig(file: string): boolean {
  const name = path.posix.basename(file);
  return adapterList.some((adapter) => adapter.ownsConfig(name));
}

export interface CommandSpec {
  runner: RunnerName;
  /** Absolute path of the runner's executable (node itself for `node`). */
  bin: string;
  /** Absolute working directory. */
  cwd: string;
  nodeFlags: string[];
  extraArgs: string[];
}

/** The command for `files` (absolute paths; empty for the runner's own full run). */
export function runnerCommand(spec: CommandSpec, files: string[]): RunCommand {
  const relative = files.map((file) => fileArgument(spec.cwd, file));
  return runCommand(adapters[spec.runner].command({ ...spec, files: relative, absoluteFiles: files }));
}
