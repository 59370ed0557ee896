// Runs a plan: groups one after another (or n at a time), output streamed through, exit codes combined, signals honoured.
import { constants } from 'node:os';
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { execa } from 'execa';
import { planRun } from './plan-run.js';
import { prefixLines, type LinePrefixer } from './prefix-lines.js';
import { graceMs, stopProcessGroup } from './stop-process-group.js';
import { startWatchdog, type Watchdog } from './watchdog.js';
import type { GroupResult, RunCommand, RunEvent, RunGroup, RunResult, RunTestsOptions } from './types.js';

const isWindows = process.platform === 'win32';

interface CommandOutcome {
  exitCode: number;
  error?: string;
}

/** The abort reason when it names a signal (`controller.abort('SIGINT')`). */
function signalName(reason: unknown): NodeJS.Signals | undefined {
  return typeof reason === 'string' && reason in constants.signals ? (reason as NodeJS.Signals) : undefined;
}

/** The exit code of a run stopped by `--timeout`, as GNU timeout uses. */
export const timeoutExitCode = 124;

function signalExitCode(signal: NodeJS.Signals | undefined): number {
  return signal === undefined ? 130 : 128 + constants.signals[signal];
}

function startError(group: RunGroup, command: RunCommand, code: string | undefined, message: string): string {
  const program = command.argv[0] ?? '';
  if (group.runner === 'custom') {
    return `cannot start "${program}" (${code ?? message}): install it, or fix "runner.command" in impacted.config.json.`;
  }
  if (group.runner === 'script') {
    return `cannot start ${program} to run the test script of ${group.cwd || 'the repository root'} (${code ?? message}): install ${program}, or set "runner" in impacted.config.json.`;
  }
  return `cannot start ${group.runner} (${program}): ${code ?? message}. Reinstall it, or set "runner" in impacted.config.json.`;
}

async function runCommand(
  options: RunTestsOptions,
  group: RunGroup,
  command: RunCommand,
  emitOutput: (stream: 'stdout' | 'stderr', text: string) => void,
  inherit: boolean,
  watchdog: Watchdog | undefined,
): Promise<CommandOutcome> {
  const [program = '', ...args] = command.argv;
  const cwd = path.join(options.root, group.cwd);
  const child = execa(program, args, {
    cwd,
    env: options.env,
    reject: false,
    buffer: false,
    // A process group of its own lets a stop reach the runner's workers too, not just the runner.
    detached: !isWindows,
    stdin: 'ignore',
    stdout: inherit ? 'inherit' : 'pipe',
    stderr: inherit ? 'inherit' : 'pipe',
    preferLocal: group.runner === 'custom',
    localDir: cwd,
    windowsVerbatimArguments: group.shell && isWindows,
  });
  for (const stream of ['stdout', 'stderr'] as const) {
    const readable = child[stream];
    readable?.setEncoding('utf8');
    readable?.on('data', (text: string) => emitOutput(stream, text));
  }
  let stopping: Promise<void> | undefined;
  const stop = (): void => {
    // The runner is in a process group of its own, so a terminal's Ctrl-C does not reach it: pass the signal on.
    stopping ??= stopProcessGroup(child, child.pid, signalName(options.signal?.reason) ?? 'SIGTERM');
  };
  if (options.signal?.aborted) stop();
  options.signal?.addEventListener('abort', stop, { once: true });
  if (child.pid !== undefined && !isWindows) watchdog?.watch(child.pid);
  const result = await child;
  options.signal?.removeEventListener('abort', stop);
  await stopping;
  if (child.pid !== undefined && !isWindows) watchdog?.unwatch(child.pid);
  if (result.exitCode !== undefined) return { exitCode: result.exitCode };
  if (result.signal) return { exitCode: signalExitCode(result.signal) };
  return { exitCode: 2, error: startError(group, command, result.code, result.shortMessage ?? result.message ?? 'failed') };
}

interface GroupContext {
  index: number;
  total: number;
  /** Set when groups run in parallel: every line of the group's output starts with it. */
  prefix?: string;
  watchdog?: Watchdog;
}

async function runGroup(options: RunTestsOptions, group: RunGroup, context: GroupContext): Promise<GroupResult> {
  const emit = (event: RunEvent): void => options.onEvent?.(event);
  if (options.signal?.aborted) return { ...group, exitCode: 0, ms: 0, started: false, error: 'not started: the run was stopped' };
  const started = performance.now();
  const { prefix } = context;
  // Parallel groups stream whole lines, each marked with its group, so that nothing is held longer than a line.
  const prefixers: Partial<Record<'stdout' | 'stderr', LinePrefixer>> = {};
  const emitOutput = (stream: 'stdout' | 'stderr', text: string): void => {
    if (prefix === undefined) emit({ type: 'output', group, stream, text });
    else (prefixers[stream] ??= prefixLines(prefix, (lines) => emit({ type: 'output', group, stream, text: lines }))).push(text);
  };
  emit({ type: 'group-start', group, index: context.index, total: context.total });
  let exitCode = 0;
  let error: string | undefined;
  for (const command of group.commands) {
    if (options.signal?.aborted) break;
    emit({ type: 'command', group, command });
    const outcome = await runCommand(options, group, command, emitOutput, options.stdio === 'inherit' && prefix === undefined, context.watchdog);
    if (outcome.exitCode !== 0 && exitCode === 0) {
      exitCode = outcome.exitCode;
      error = outcome.error;
    }
    // A runner that cannot start will not start for the next chunk either.
    if (outcome.error) break;
  }
  prefixers.stdout?.end();
  prefixers.stderr?.end();
  const result: GroupResult = { ...group, exitCode, ms: Math.round(performance.now() - started), started: true, ...(error ? { error } : {}) };
  emit({ type: 'group-end', group, result });
  return result;
}

/** `[packages/db] `: the group's directory, and its runner where two groups share a directory. */
function groupPrefixes(groups: RunGroup[]): string[] {
  const dirs = groups.map((group) => group.cwd || '.');
  return groups.map((group, index) => {
    const dir = dirs[index] ?? '.';
    return dirs.indexOf(dir) === dirs.lastIndexOf(dir) ? `[${dir}] ` : `[${dir} ${group.runner}] `;
  });
}

/** Plans and runs the selected tests. Never prints: output and progress arrive through `onEvent` (or stdio `inherit`). */
export async function runTests(options: RunTestsOptions): Promise<RunResult> {
  const plan = await planRun(options);
  options.onEvent?.({ type: 'plan', plan });
  if (options.dryRun || plan.groups.length === 0) {
    return { exitCode: 0, aborted: false, groups: plan.groups.map((group) => ({ ...group, exitCode: 0, ms: 0, started: false })) };
  }
  const concurrency = Math.max(1, Math.min(options.concurrency ?? 1, plan.groups.length));
  const prefixes = concurrency > 1 ? groupPrefixes(plan.groups) : [];
  // One signal stops the run: the caller's, or the timeout's.
  const stopper = new AbortController();
  const forward = (): void => stopper.abort(options.signal?.reason);
  if (options.signal?.aborted) forward();
  options.signal?.addEventListener('abort', forward, { once: true });
  let timedOut = false;
  const timer =
    options.timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          stopper.abort('timeout');
        }, options.timeoutMs);
  const watchdog = isWindows ? undefined : startWatchdog(graceMs);
  const running = { ...options, signal: stopper.signal };
  const results: GroupResult[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < plan.groups.length) {
      const index = next++;
      const group = plan.groups[index];
      if (group) results[index] = await runGroup(running, group, { index, total: plan.groups.length, prefix: prefixes[index], watchdog });
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    clearTimeout(timer);
    watchdog?.close();
    options.signal?.removeEventListener('abort', forward);
  }

  const aborted = stopper.signal.aborted;
  const failed = results.find((result) => result.exitCode !== 0);
  const exitCode = timedOut ? timeoutExitCode : aborted ? signalExitCode(signalName(options.signal?.reason)) : (failed?.exitCode ?? 0);
  return { exitCode, aborted, groups: results, ...(timedOut ? { timedOut } : {}) };
}
