// The adapters: the exact command each runner gets for a list of files (or for its own full run).
import path from 'node:path';
import { ImpactedError } from '../errors.js';
import { splitCommandLine } from './split-command-line.js';
import type { RunCommand, RunnerKind } from './types.js';

export interface CommandSpec {
  runner: RunnerKind;
  /** Absolute path of the runner's executable (node itself for `node`); unused by `custom`. */
  bin: string;
  /** Absolute working directory. */
  cwd: string;
  nodeFlags: string[];
  extraArgs: string[];
  /** For `custom`: the configured command line. */
  command?: string;
  shell?: boolean;
}

const isWindows = process.platform === 'win32';
const filesPlaceholder = '{files}';

/** A file argument relative to the runner's cwd that no runner can take for an option. */
function fileArgument(cwd: string, file: string): string {
  const relative = path.relative(cwd, file).split(path.sep).join('/');
  return relative.startsWith('-') ? `./${relative}` : relative;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Playwright reads positional arguments as regular expressions; `/^...$/` (no `g` flag) matches exactly one file. */
function playwrightFilter(file: string): string {
  const pattern = escapeRegExp(file);
  return `/^${isWindows ? pattern.replace(/\\\\/g, '[\\\\/]') : pattern}$/`;
}

/** Quotes an argument for display the way a POSIX shell would need it. */
function quoteArgument(arg: string): string {
  if (arg !== '' && /^[\w@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

function displayName(bin: string): string {
  if (bin === process.execPath) return 'node';
  return bin.includes(`node_modules${path.sep}.bin`) ? path.basename(bin).replace(/\.cmd$/, '') : bin;
}

function display(argv: string[]): string {
  const [program = '', ...args] = argv;
  return [displayName(program), ...args.map(quoteArgument)].join(' ');
}

function customCommand(spec: CommandSpec, files: string[]): RunCommand {
  const line = spec.command ?? '';
  const passed = [...spec.extraArgs, ...files];
  if (spec.shell) {
    // The shell gets the files as its own positional parameters ("$@"), so no file name is ever parsed as shell code.
    const script = line.includes(filesPlaceholder) ? line.split(filesPlaceholder).join('"$@"') : `${line} "$@"`;
    const shown = line.includes(filesPlaceholder)
      ? line.split(filesPlaceholder).join(passed.map(quoteArgument).join(' '))
      : [line, ...passed.map(quoteArgument)].join(' ');
    if (isWindows) {
      const quoted = passed.map((arg) => `"${arg}"`).join(' ');
      const windowsLine = line.includes(filesPlaceholder) ? line.split(filesPlaceholder).join(quoted) : `${line} ${quoted}`;
      return { argv: [process.env.ComSpec ?? 'cmd.exe', '/d', '/s', '/c', `"${windowsLine}"`], display: shown };
    }
    return { argv: ['/bin/sh', '-c', script, 'impacted', ...passed], display: shown };
  }
  const words = splitCommandLine(line);
  if (words.length === 0 || words[0] === filesPlaceholder) {
    throw new ImpactedError('CONFIG', `"runner.command" must start with a program, e.g. "node ./run-tests.mjs {files}".`);
  }
  const bad = words.find((word) => word !== filesPlaceholder && word.includes(filesPlaceholder));
  if (bad !== undefined) {
    throw new ImpactedError('CONFIG', `"runner.command": write {files} as a word of its own (found "${bad}"); each file becomes one argument.`);
  }
  const at = words.indexOf(filesPlaceholder);
  const argv = at === -1 ? [...words, ...passed] : [...words.slice(0, at), ...passed, ...words.slice(at + 1)];
  return { argv, display: display(argv) };
}

/** The command for `files` (absolute paths; empty for the runner's own full run). */
export function runnerCommand(spec: CommandSpec, files: string[]): RunCommand {
  const relative = files.map((file) => fileArgument(spec.cwd, file));
  const { bin, extraArgs } = spec;
  let argv: string[];
  switch (spec.runner) {
    case 'vitest':
      argv = [bin, 'run', ...extraArgs, ...relative];
      break;
    case 'jest':
      // --runTestsByPath takes each argument as a path, never as a regex that could match more files.
      argv = relative.length > 0 ? [bin, ...extraArgs, '--runTestsByPath', ...relative] : [bin, ...extraArgs];
      break;
    case 'node':
      argv = [bin, ...spec.nodeFlags, '--test', ...extraArgs, ...relative];
      break;
    case 'mocha':
      argv = [bin, ...extraArgs, ...relative];
      break;
    case 'playwright':
      argv = [bin, 'test', ...extraArgs, ...files.map(playwrightFilter)];
      break;
    case 'custom':
      return customCommand(spec, relative);
  }
  return { argv, display: display(argv) };
}
