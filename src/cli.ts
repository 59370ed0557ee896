// The command-line interface: argv -> options -> pipeline -> output -> exit code. The only place that prints.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Command, CommanderError } from 'commander';
import type { AffectedTestsOptions } from './affected-tests.js';
import type { AuditFlags } from './audit/audit-command.js';
import type { RecordFlags } from './record/record-command.js';
import { ignoreClosedPipes } from './closed-pipes.js';
import { ImpactedError, isImpactedError } from './errors.js';
import { readAhead } from './git/git-ahead.js';
import { defaultCacheDir } from './graph/cache-dir.js';
import { listUntrackedAhead } from './git/untracked-ahead.js';
import { findRepoRoot, toRepoPath } from './repo-root.js';
import { plural } from './report/plural.js';
import { jsonText, writeJson } from './report/json-text.js';
import { timingsText } from './report/progress-text.js';
import { problemLines } from './report/problems-text.js';
import { explanationMermaid, explanationText, recordedNote, selectionSummary } from './report/selection-text.js';
import type { RunEvent, RunGroup } from './run/types.js';
import type { Selection } from './types.js';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

/** Where a run prints, and what it knows of the process the user started: this one, or a client of `impacted serve`. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stdout is a terminal: `--json` is indented there, one line elsewhere. */
  terminal: boolean;
  /** Whether stderr is a terminal: progress is drawn there. */
  stderrTerminal: boolean;
  /** Milliseconds since the user's process started (`--verbose` calls what came before the pipeline its start-up). */
  now: () => number;
  /**
   * A long-lived process (`impacted serve`), whose pipeline modules are loaded: no git process is started ahead of
   * them, which a later run could take.
   */
  longLived: boolean;
}

const processIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  terminal: process.stdout.isTTY === true,
  stderrTerminal: process.stderr.isTTY === true,
  now: () => performance.now(),
  longLived: false,
};

function buildProgram(io: Io, setExitCode: (code: number) => void): Command {
  const program = new Command('impacted')
    .description('Change-aware test selection for TypeScript monorepos: run only the tests a change can break.')
    .version(version, '-v, --version')
    .option('--debug', 'show stack traces for errors')
    .option('--quiet', 'no summary lines, detection notes or progress on stderr')
    .option('--verbose', 'print the time each stage took')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  program.showHelpAfterError('(run impacted --help for usage)');
  // The pipeline loads with the first command that needs it: --version and --help load none of it.
  const feedback = async () => {
    const { createFeedback } = await import('./onboard/cli-feedback.js');
    return createFeedback(io.stderr, program.opts<{ quiet?: boolean; verbose?: boolean }>(), io.stderrTerminal, io.now);
  };

  withSelectionOptions(program.command('list'))
    .description('print the test files affected by the changes on this branch')
    .option('--json', 'print the selection as JSON')
    .action(async (options: SelectionFlags & { json?: boolean }) => {
      const pipeline = pipelineOptions(options, !io.longLived);
      const out = await feedback();
      const { selection } = await out.analyze(pipeline);
      await writeGithubReport(selection);
      if (options.json) writeJson(selection, io.terminal, io.stdout);
      // One write: a line per write is a system call per test (13,000 of them at 100,000 files).
      else if (selection.tests.length > 0) io.stdout(selection.tests.map((test) => `${listLine(test.path)}
`).join(''));
      for (const line of problemLines(selection.problems)) out.note(line);
      out.note(selectionSummary(selection));
      const recorded = recordedNote(selection);
      if (recorded) out.note(recorded);
      out.done();
      setExitCode(0);
    });

  withSelectionOptions(program.command('why'))
    .description('explain why a test is (or is not) selected, or which tests a file reaches')
    .argument('<file>', 'a test or source file')
    .option('--mermaid', 'draw the chains as a Mermaid flowchart')
    .action(async (file: string, options: SelectionFlags & { mermaid?: boolean }) => {
      const pipeline = pipelineOptions(options, !io.longLived);
      const out = await feedback();
      // An explanation counts what a file imports, whether or not a test reaches it: the whole graph.
      const analysis = await out.analyze({ ...pipeline, wholeGraph: true }, { detectionNote: false });
      const target = toRepoPath(analysis.graph.root, path.resolve(options.cwd), file);
      if (!analysis.graph.files.includes(target) && !analysis.changes.changed.some((c) => c.path === target || c.from === target)) {
        throw new ImpactedError('FILE', `${target} is not a file of this repository. Check the path.`);
      }
      const { explain } = await import('./select/explain.js');
      const explanation = explain(analysis, target);
      io.stdout(options.mermaid ? explanationMermaid(explanation) : explanationText(explanation));
      out.done();
      setExitCode(0);
    });

  withSelectionOptions(program.command('run'))
    .description("run the affected tests with each package's own runner (the full suite on the default branch)")
    .argument('[runnerArgs...]', 'extra arguments for the runner, after --')
    .option('--all', 'run the full suite')
    .option('--dry-run', 'print the commands instead of running them')
    .option('--shard <index/total>', 'run one part of the selected tests, e.g. --shard 1/3 on the first of three CI machines')
    .option('--timings <file>', 'JSON { "<test path>": <ms> } that balances --shard by duration')
    .option('--concurrency <n>', 'run up to n runner groups at once', '1')
    .option('--timeout <duration>', 'stop the runners after this long, e.g. 30m (exit 124)')
    .action(async (runnerArgs: string[], options: RunFlags) => {
      const concurrency = Number(options.concurrency);
      if (!Number.isInteger(concurrency) || concurrency < 1) {
        throw new ImpactedError('USAGE', `invalid --concurrency "${options.concurrency}": use a whole number >= 1.`);
      }
      const [{ parseShard }, { parseDuration }] = await Promise.all([import('./run/shard-files.js'), import('./run/parse-duration.js')]);
      const shard = options.shard === undefined ? undefined : parseShard(options.shard);
      const timeoutMs = options.timeout === undefined ? undefined : parseDuration(options.timeout, '--timeout');
      const pipeline = pipelineOptions(options, !io.longLived);
      const out = await feedback();
      const analysis = await out.analyze(pipeline);
      const { config, graph, discovery, selection } = analysis;
      await writeGithubReport(selection);
      const mode = options.all ? 'all' : selection.mode;
      const tests = options.all ? discovery.tests : selection.tests.map((test) => test.path);
      for (const line of problemLines(selection.problems)) out.note(line);
      out.note(options.all ? `impacted: --all: running every test` : selectionSummary(selection));
      const recorded = options.all ? undefined : recordedNote(selection);
      if (recorded) out.note(recorded);
      const controller = new AbortController();
      const release = abortOnSignals(controller);
      try {
        // execa loads only for commands that start runners.
        const { runTests } = await import('./run/run-tests.js');
        const result = await runTests({
          root: graph.root,
          mode,
          tests,
          packages: graph.packages,
          runner: config.runner,
          dryRun: options.dryRun,
          shard,
          concurrency,
          extraArgs: runnerArgs,
          timingsFile: options.timings,
          unreadScripts: discovery.unreadScripts,
          stdio: 'inherit',
          signal: controller.signal,
          timeoutMs,
          onEvent: (event) => printRunEvent(io, event, options.dryRun ?? false),
        });
        if (result.groups.length === 0) io.stderr(shard ? 'No tests in this shard.\n' : 'No affected tests.\n');
        if (result.timedOut) io.stderr(`impacted: the run did not finish within --timeout ${options.timeout}: stopped the runners (exit ${result.exitCode}).\n`);
        out.done({ run: true });
        setExitCode(result.exitCode);
      } finally {
        release();
      }
      // A run of every test read no import: the graph of what the tests reach is cached once they have run (not
      // meanwhile: the runners keep the CPU and this thread's event loop), for the next selection, such as a pull
      // request's CI job restoring this cache. It never changes the run's outcome, and a signal now ends the process
      // at once (the cache file is replaced whole, or not at all).
      if (!options.dryRun && !controller.signal.aborted) {
        const { cacheTestGraph } = await import('./affected-tests.js');
        await cacheTestGraph(pipeline, analysis).catch(() => undefined);
      }
    });

  program
    .command('audit')
    .description('run test files alone under coverage; report files they load that selection would miss (exit 1 if any)')
    .argument('[tests...]', 'test files to audit (default: every test file)')
    .option('--sample <n>', 'audit n test files, spread evenly over the sorted list')
    .option('--concurrency <n>', 'test files run at once (default: 2)')
    .option('--fix', 'accept the missed edges as implicitDependencies rules in the config')
    .option('--json', 'print the report as JSON')
    .option('--config <file>', 'config file (default: impacted.config.json or package.json "impacted")')
    .option('--cwd <dir>', 'repository to audit', '.')
    .option('--no-probe', probeHelp)
    .action(async (tests: string[], options: Omit<AuditFlags, 'tests'>) => {
      const controller = new AbortController();
      const release = abortOnSignals(controller);
      try {
        const { auditCommand } = await import('./audit/audit-command.js');
        setExitCode(await auditCommand({ ...options, tests }, io, controller.signal));
      } finally {
        release();
      }
    });

  program
    .command('record')
    .description("record what each test really executes and reads, for selection to union with the static graph")
    .argument('[tests...]', 'test files to record (default: every test file)')
    .option('--from-coverage <dir>', "make the map from a NODE_V8_COVERAGE directory of your own test run (with impacted's preload); run nothing")
    .option('--out <file>', 'where to write the map (default: "recorded" in the config, else node_modules/.cache/impacted/recorded.json)')
    .option('--merge', 'keep the tests of the existing map that this recording does not cover')
    .option('--sample <n>', 'record n test files, spread evenly over the sorted list')
    .option('--concurrency <n>', 'test files run at once (default: 2)')
    .option('--explain', 'print the recorded dependencies the static graph does not see, from the existing map; record nothing')
    .option('--top <n>', 'how many of them to print (default: 10)')
    .option('--config <file>', 'config file (default: impacted.config.json or package.json "impacted")')
    .option('--cwd <dir>', 'repository to record', '.')
    .action(async (tests: string[], options: Omit<RecordFlags, 'tests'>) => {
      const controller = new AbortController();
      const stop = (signal: NodeJS.Signals): void => controller.abort(signal);
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      try {
        const { recordCommand } = await import('./record/record-command.js');
        setExitCode(await recordCommand({ ...options, tests }, io, controller.signal));
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
      }
    });

  withCacheOptions(program.command('graph'))
    .description('print the import graph (summary on stderr)')
    .option('--json', 'print the graph as JSON')
    .option('--dot', 'print the graph as Graphviz dot')
    .option('--focus <file>', 'show what a file imports and what imports it, transitively')
    .option('--problems', 'list what the graph could not read or resolve, and so widens the selection for')
    .option('--html <file>', 'write an interactive page of the package graph, with the changed files and affected tests marked')
    .option('--base <ref>', 'with --html: compare against this ref')
    .option('--head <ref>', 'with --html: compare this ref instead of the work tree')
    .option('--cwd <dir>', 'repository to analyse', '.')
    .option('--config <file>', 'config file (default: impacted.config.json or package.json "impacted")')
    .action(async (options: SelectionFlags & { json?: boolean; dot?: boolean; focus?: string; html?: string; problems?: boolean }) => {
      const formats = (['json', 'dot', 'problems'] as const).filter((flag) => options[flag]).map((flag) => `--${flag}`);
      if (formats.length > 1) throw new ImpactedError('USAGE', `${formats.join(' and ')} cannot be combined. Pick one.`);
      if (options.html !== undefined) {
        if (options.json || options.dot || options.focus) throw new ImpactedError('USAGE', '--html cannot be combined with --json, --dot or --focus. Pick one.');
        const pipeline = pipelineOptions(options, !io.longLived);
        const out = await feedback();
        const { graph, discovery, selection } = await out.analyze({ ...pipeline, wholeGraph: true }, { detectionNote: false });
        const { graphHtml } = await import('./report/graph-html.js');
        try {
          writeFileSync(path.resolve(options.html), graphHtml({ graph, tests: discovery.tests, selection }));
        } catch (error) {
          throw new ImpactedError('FILE', `cannot write ${options.html}: ${(error as Error).message}`, { cause: error });
        }
        out.note(`impacted: wrote ${options.html} (${graph.packages.length} packages; ${selection.reason})`);
        out.done();
        setExitCode(0);
        return;
      }
      const started = io.now();
      const [{ resolveConfig }, { buildGraph }, { graphSummary, graphToDot, graphToJson }, { graphFocus }, { graphProblems }, { problemsText }] = await Promise.all([
        import('./config/load-config.js'),
        import('./graph/build-graph.js'),
        import('./report/graph-formats.js'),
        import('./report/graph-focus.js'),
        import('./graph/graph-problems.js'),
        import('./report/problems-text.js'),
      ]);
      const root = findRepoRoot(options.cwd);
      const config = await resolveConfig(root, { configFile: options.config });
      const graph = await buildGraph({ cwd: root, implicitDependencies: config.implicitDependencies, ...cacheSettings(options) });
      if (options.focus) {
        const file = toRepoPath(root, path.resolve(options.cwd), options.focus);
        if (!graph.files.includes(file)) throw new ImpactedError('FILE', `${file} is not a scanned file of this repository. Check the path.`);
        io.stdout(graphFocus(graph, file));
      } else if (options.problems) io.stdout(problemsText(graphProblems(graph)));
      else if (options.json) io.stdout(graphToJson(graph, io.terminal));
      else if (options.dot) io.stdout(graphToDot(graph));
      else {
        for (const item of graph.unresolved) {
          const whole = item.package === undefined ? '' : ` (depending on the whole package ${item.package || '.'})`;
          io.stdout(`unresolved: ${item.from}: ${item.specifier}${whole}\n`);
        }
        for (const problem of graph.problems) io.stdout(`problem: ${problem.file}: ${problem.message}\n`);
      }
      (await feedback()).note(graphSummary(graph));
      if (program.opts<{ verbose?: boolean }>().verbose) {
        const { ms: graphMs, files, edges, stages: graphStages, extractedBeside } = graph.stats;
        io.stderr(`${timingsText({ totalMs: Math.round(io.now()), startupMs: Math.round(started), graphMs, files, edges, graphStages, extractedBeside })}\n`);
      }
      setExitCode(0);
    });

  program
    .command('doctor')
    .description("run each runner's own listing of its tests and compare it with impacted's test set (exit 1 if they differ)")
    .option('--json', 'print the comparison as JSON')
    .option('--config <file>', 'config file (default: impacted.config.json or package.json "impacted")')
    .option('--cwd <dir>', 'repository to check', '.')
    .option('--no-probe', "compare with the test set static reading gives (the runners are still asked for their listing)")
    .option('--cache-dir <dir>', 'where the probe cache is kept (default: node_modules/.cache/impacted)')
    .action(async (options: { json?: boolean; config?: string; cwd: string; probe: boolean; cacheDir?: string }) => {
      const { doctor } = await import('./doctor/doctor.js');
      const { doctorText } = await import('./report/doctor-text.js');
      const report = await doctor({ cwd: findRepoRoot(options.cwd), configFile: options.config, probe: options.probe, cacheDir: options.cacheDir === undefined ? undefined : path.resolve(options.cacheDir) });
      if (options.json) {
        io.stdout(jsonText(report, io.terminal));
      } else {
        const text = doctorText(report);
        io.stdout(text.stdout);
        io.stderr(text.stderr);
      }
      setExitCode(report.missing.length > 0 || report.extra.length > 0 ? 1 : 0);
    });

  program
    .command('serve')
    .description('keep one process running that answers impacted list, why and graph, for every repository, without starting Node.js and loading impacted again (for editors and frequent local runs)')
    .option('--idle <minutes>', 'stop after this many minutes without a request', '30')
    .option('--stop', 'stop the running server (once it has answered what it is answering)')
    .action(async (options: { idle: string; stop?: boolean }) => {
      const quiet = program.opts<{ quiet?: boolean }>().quiet === true;
      if (options.stop) {
        const { stopServer } = await import('./serve/client.js');
        const stopping = await stopServer();
        if (!quiet) io.stderr(stopping ? 'impacted: the server stops\n' : 'impacted: no server is running\n');
        return setExitCode(0);
      }
      const minutes = Number(options.idle);
      if (!Number.isFinite(minutes) || minutes <= 0) throw new ImpactedError('USAGE', `--idle must be a number of minutes above 0, not "${options.idle}"`);
      const { serve } = await import('./serve/server.js');
      await serve({ run: main, idleMs: minutes * 60_000, log: (line) => quiet || io.stderr(`${line}\n`) });
      setExitCode(0);
    });

  program
    .command('init')
    .description('write impacted.config.json from what impacted detects (test globs, runner, runAll, ignore)')
    .option('--force', 'overwrite an existing impacted.config.json')
    .option('--cwd <dir>', 'repository to set up', '.')
    .action(async (options: { force?: boolean; cwd: string }) => {
      const [{ initConfig }, { initText }] = await Promise.all([import('./onboard/init-config.js'), import('./onboard/init-text.js')]);
      io.stdout(initText(await initConfig({ cwd: findRepoRoot(options.cwd), force: options.force })));
      setExitCode(0);
    });

  const hook = program.command('hook').description('install or remove a git pre-push hook that runs the affected tests');
  for (const action of ['install', 'uninstall'] as const) {
    hook
      .command(action)
      .description(action === 'install' ? 'add the pre-push hook (or print the line for husky, lefthook or simple-git-hooks)' : 'remove the pre-push hook impacted added')
      .option('--cwd <dir>', 'repository', '.')
      .action(async (options: { cwd: string }) => {
        const [{ installHook, uninstallHook }, { hookText }] = await Promise.all([import('./onboard/git-hook.js'), import('./onboard/hook-text.js')]);
        const root = findRepoRoot(options.cwd);
        io.stdout(hookText((action === 'install' ? installHook : uninstallHook)(root), root));
        setExitCode(0);
      });
  }
  return program;
}

/** One path per line: a name with a newline, another control character, `"` or `\` is printed JSON-quoted, as git quotes it. */
function listLine(file: string): string {
  const quoted = JSON.stringify(file);
  return quoted.slice(1, -1) === file ? file : quoted;
}

interface SelectionFlags {
  base?: string;
  head?: string;
  config?: string;
  cwd: string;
  cache: boolean;
  cacheDir?: string;
  /** `--no-probe`: commander sets false. */
  probe: boolean;
}

/** The options of the commands that run the whole pipeline: what to compare, where, and the cache. */
function withSelectionOptions(command: Command): Command {
  return withCacheOptions(
    command
      .option('--base <ref>', 'compare against this ref (default: IMPACTED_BASE, CI variables, then the default branch)')
      .option('--head <ref>', 'compare this ref instead of the work tree')
      .option('--config <file>', 'config file (default: impacted.config.json or package.json "impacted")')
      .option('--cwd <dir>', 'repository to analyse', '.'),
  );
}

const probeHelp = 'read runner configs statically instead of asking the installed runners (which loads the configs, as running tests does)';

/** --cache-dir, --no-cache and --no-probe, for every command that builds the graph. */
function withCacheOptions(command: Command): Command {
  return command
    .option('--cache-dir <dir>', 'where the graph and probe caches are kept (default: node_modules/.cache/impacted)')
    .option('--no-cache', 'build the graph without reading or writing the cache')
    .option('--no-probe', probeHelp);
}

function cacheSettings(flags: SelectionFlags): { cache: boolean; cacheDir?: string } {
  return { cache: flags.cache, cacheDir: flags.cacheDir === undefined ? undefined : path.resolve(flags.cacheDir) };
}

/**
 * The pipeline's options; for a work tree, with `ahead`, the untracked files, the repository state and the index start
 * being listed now, while the pipeline's modules load.
 */
function pipelineOptions(flags: SelectionFlags, ahead: boolean): AffectedTestsOptions {
  const options = { cwd: findRepoRoot(flags.cwd), base: flags.base, head: flags.head, configFile: flags.config, probe: flags.probe, ...cacheSettings(flags) };
  if (ahead && options.head === undefined) {
    listUntrackedAhead(options.cwd, options.cache === false ? undefined : path.resolve(options.cwd, options.cacheDir ?? defaultCacheDir(options.cwd)));
    readAhead(path.resolve(options.cwd), options.base, process.env);
  }
  return options;
}

/** In GitHub Actions, the selection also goes to the job summary and the step outputs. */
async function writeGithubReport(selection: Selection): Promise<void> {
  const { GITHUB_STEP_SUMMARY: summaryFile, GITHUB_OUTPUT: outputFile } = process.env;
  if (!summaryFile && !outputFile) return;
  const { githubOutputs, githubSummary } = await import('./report/github.js');
  try {
    if (summaryFile) appendFileSync(summaryFile, githubSummary(selection));
    if (outputFile) appendFileSync(outputFile, githubOutputs(selection));
  } catch (error) {
    throw new ImpactedError('FILE', `cannot write the GitHub Actions summary or outputs: ${(error as Error).message}`, { cause: error });
  }
}

/** The signals that end a run (Ctrl-C, kill, a closed terminal or SSH session, Ctrl-\\). */
const terminatingSignals = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'] as const;

/** Turns a terminating signal into an abort (so the runners' process groups are stopped); returns the undo. */
function abortOnSignals(controller: AbortController): () => void {
  const stop = (signal: NodeJS.Signals): void => controller.abort(signal);
  for (const signal of terminatingSignals) process.once(signal, stop);
  return () => {
    for (const signal of terminatingSignals) process.off(signal, stop);
  };
}

interface RunFlags extends SelectionFlags {
  all?: boolean;
  dryRun?: boolean;
  shard?: string;
  timings?: string;
  concurrency: string;
  timeout?: string;
}

/** Why a group runs a package's own test script rather than the selected files. */
function printScriptNote(io: Io, group: RunGroup): void {
  if (group.runner !== 'script') return;
  const owner = group.cwd === '' ? 'the repository root' : group.cwd;
  io.stderr(`impacted: running ${owner}'s own test script: ${group.script ?? ''}, impacted cannot pass it files\n`);
}

/** Headers and runner errors go to stderr (progress); runner output keeps its own stream. */
function printRunEvent(io: Io, event: RunEvent, dryRun: boolean): void {
  switch (event.type) {
    case 'plan': {
      const { shard, groups } = event.plan;
      if (shard) io.stderr(`impacted: shard ${shard.index}/${shard.total}: ${plural(groups.reduce((n, g) => n + g.files.length, 0), 'test file')}\n`);
      if (dryRun) for (const group of groups) for (const command of group.commands) io.stdout(`(cd ${group.cwd || '.'} && ${command.display})\n`);
      if (dryRun) for (const group of groups) printScriptNote(io, group);
      break;
    }
    case 'group-start': {
      const { group, index, total } = event;
      const what = group.files.length > 0 ? plural(group.files.length, 'test file') : 'full suite';
      io.stderr(`\n[${index + 1}/${total}] ${group.runner} in ${group.cwd || '.'}: ${what}\n`);
      printScriptNote(io, group);
      break;
    }
    case 'output':
      (event.stream === 'stdout' ? io.stdout : io.stderr)(event.text);
      break;
    case 'group-end':
      if (event.result.error) io.stderr(`impacted: ${event.result.error}\n`);
      break;
    case 'command':
      break;
  }
}

/** Runs the CLI and returns the process exit code. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  let exitCode = 0;
  if (io === processIo) ignoreClosedPipes();
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
    if ((error as NodeJS.ErrnoException).syscall === 'uv_cwd') {
      io.stderr('impacted: the current directory no longer exists (deleted or moved). cd into the repository again.\n');
      return 2;
    }
    io.stderr(`impacted: internal error: ${(error as Error).message}\n${(error as Error).stack ?? ''}\n`);
    return 70;
  }
}
