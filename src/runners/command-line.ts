// How runner commands are shown to people and how file arguments are written, shared by every adapter.
import path from 'node:path';
import type { RunCommand } from '../run/types.js';

/** A file argument relative to the runner's cwd that no runner can take for an option. */
export function fileArgument(cwd: string, file: string): string {
  const relative = path.relative(cwd, file).split(path.sep).join('/');
  return relative.startsWith('-') ? `./${relative}` : relative;
}

/** Quotes an argument for display the way a POSIX shell would need it. */
export function quoteArgument(arg: string): string {
  if (arg !== '' && /^[\w@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

function displayName(bin: string): string {
  if (bin === process.execPath) return 'node';
  return bin.includes(`node_modules${path.sep}.bin`) ? path.basename(bin).replace(/\.cmd$/, '') : bin;
}

/** The command as spawned, and as shown: the runner's name instead of its path, arguments quoted. */
export function runCommand(argv: string[]): RunCommand {
  const [program = '', ...args] = argv;
  return { argv, display: [displayName(program), ...args.map(quoteArgument)].join(' ') };
}
