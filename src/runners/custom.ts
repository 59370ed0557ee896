// The custom command adapter: `runner: { "command": "... {files}" }`, with the files as separate arguments or "$@".
import { ImpactedError } from '../errors.js';
import type { RunCommand } from '../run/types.js';
import { splitCommandLine } from '../run/split-command-line.js';
import { quoteArgument, runCommand } from './command-line.js';

const isWindows = process.platform === 'win32';
const filesPlaceholder = '{files}';

export interface CustomCommand {
  command: string;
  shell: boolean;
  extraArgs: string[];
}

/** The command line for `files` (arguments relative to the repository root, where a custom command runs). */
export function customCommand(spec: CustomCommand, files: string[]): RunCommand {
  const line = spec.command;
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
  return runCommand(at === -1 ? [...words, ...passed] : [...words.slice(0, at), ...passed, ...words.slice(at + 1)]);
}
