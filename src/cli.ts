// The command-line interface: argv -> options -> pipeline -> output -> exit code. The only place that prints.
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { isImpactedError } from './errors.js';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const processIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

function buildProgram(io: Io, setExitCode: (code: number) => void): Command {
  const program = new Command('impacted')
    .description('Change-aware test selection for TypeScript monorepos: run only the tests a change can break.')
    .version(version, '-v, --version')
    .option('--debug', 'show stack traces for errors')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  program.showHelpAfterError('(run impacted --help for usage)');
  void setExitCode;
  return program;
}

/** Runs the CLI and returns the process exit code. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  let exitCode = 0;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version exit through here with code 0.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (isImpactedError(error)) {
      io.stderr(`impacted: ${error.message}\n`);
      if (program.opts().debug) io.stderr(`${error.stack ?? ''}\n`);
      return 2;
    }
    io.stderr(`impacted: internal error: ${(error as Error).message}\n${(error as Error).stack ?? ''}\n`);
    return 70;
  }
}
