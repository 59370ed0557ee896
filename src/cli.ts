// The command-line interface: argv -> options -> pipeline -> output -> exit code. The only place that prints.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { resolveConfig } from './config/load-config.js';
import { ImpactedError, isImpactedError } from './errors.js';
import { buildGraph } from './graph/build-graph.js';
import { findRepoRoot, toRepoPath } from './repo-root.js';
import { graphFocus } from './report/graph-focus.js';
import { graphSummary, graphToDot, graphToJson } from './report/graph-formats.js';

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

  program
    .command('graph')
    .description('print the import graph (summary on stderr)')
    .option('--json', 'print the graph as JSON')
    .option('--dot', 'print the graph as Graphviz dot')
    .option('--focus <file>', 'show what a file imports and what imports it, transitively')
    .option('--cwd <dir>', 'repository to analyse', '.')
    .option('--config <file>', 'config file (default: impacted.config.json or package.json "impacted")')
    .action(async (options: { json?: boolean; dot?: boolean; focus?: string; cwd: string; config?: string }) => {
      if (options.json && options.dot) throw new ImpactedError('USAGE', '--json and --dot cannot be combined. Pick one.');
      const root = findRepoRoot(options.cwd);
      const config = await resolveConfig(root, { configFile: options.config });
      const graph = await buildGraph({ cwd: root, implicitDependencies: config.implicitDependencies });
      if (options.focus) {
        const file = toRepoPath(root, path.resolve(options.cwd), options.focus);
        if (!graph.files.includes(file)) throw new ImpactedError('FILE', `${file} is not a scanned file of this repository. Check the path.`);
        io.stdout(graphFocus(graph, file));
      } else if (options.json) io.stdout(graphToJson(graph));
      else if (options.dot) io.stdout(graphToDot(graph));
      else {
        for (const item of graph.unresolved) io.stdout(`unresolved: ${item.from}: ${item.specifier}\n`);
        for (const problem of graph.problems) io.stdout(`problem: ${problem.file}: ${problem.message}\n`);
      }
      io.stderr(`${graphSummary(graph)}\n`);
      setExitCode(0);
    });
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
