// Runs a plan: groups one after another (or n at a time), output streamed through, exit codes combined, signals honoured.
import { constants } from 'node:os';
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { execa } from 'execa';
import { planRun } from './plan-run.js';
import { stopProcessGroup } from './stop-process-group.js';
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

function signalExitCode(signal: NodeJS.Signals | undefined): number {
  return signal === undefined ? 130 : 128 + constants.signals[signal];
}

function startError(group: RunGroup, command: RunCommand, code: string | undefined, message: string): string {
  const program = command.argv[0] ?? '';
  if (group.runner === 'custom') {
    return `cannot start "${program}" (${code ?? message}): install it, or fix "runner.command" in impacted.config.json.`;
  }
  return `cannot start ${group.runner} (${program}): ${code ?? message}. Reinstall it, or set "runner" in impacted.config.json.`;
}

async function runCommand(
  options: RunTestsOptions,
  group: RunGroup,
  command: RunCommand,
  emitOutput: (stream: 'stdout' | 'stderr', text: string) => void,
  inherit: boolean,
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
  const result = await child;
  options.signal?.removeEventListener('abort', stop);
  await stopping;
  if (result.exitCode !== undefined) return { exitCode: result.exitCode };
  if (result.signal) return { exitCode: signalExitCode(result.signal) };
  return { exitCode: 2, error: startError(group, command, result.code, result.shortMessage ?? result.message ?? 'failed') };
}

async function runGroup(
  options: RunTestsOptions,
  group: RunGroup,
  index: number,
  total: number,
  buffered: boolean,
): Promise<GroupResult> {
  const emit = (event: RunEvent): void => options.onEvent?.(event);
  if (options.signal?.aborted) return { ...group, exitCode: 0, ms: 0, started: false, error: 'not started: the run was stopped' };
  const started = performance.now();
  const held: { stream: 'stdout' | 'stderr'; text: string }[] = [];
  const emitOutput = (stream: 'stdout' | 'stderr', text: string): void => {
    if (buffered) held.push({ stream, text });
    else emit({ type: 'output', group, stream, text });
  };
  emit({ type: 'group-start', group, index, total });
  let exitCode = 0;
  let error: string | undefined;
  for (const command of group.commands) {
    if (options.signal?.aborted) break;
    emit({ type: 'command', group, command });
    const outcome = await runCommand(options, group, command, emitOutput, options.stdio === 'inherit' && !buffered);
    if (outcome.exitCode !== 0 && exitCode === 0) {
      exitCode = outcome.exitCode;
      error = outcome.error;
    }
    // A runner that cannot start will not start for the next chunk either.
    if (outcome.error) break;
  }
  for (const { stream, text } of held) emit({ type: 'output', group, stream, text });
  const result: GroupResult = { ...group, exitCode, ms: Math.round(performance.now() - started), started: true, ...(error ? { error } : {}) };
  emit({ type: 'group-end', group, result });
  return result;
}

/** Plans and runs the selected tests. Never prints: output and progress arrive through `onEvent` (or stdio `inherit`). */
export async function runTests(options: RunTestsOptions): Promise<RunResult> {
  const plan = await planRun(options);
  options.onEvent?.({ type: 'plan', plan });
  if (options.dryRun || plan.groups.length === 0) {
    return { exitCode: 0, aborted: false, groups: plan.groups.map((group) => ({ ...group, exitCode: 0, ms: 0, started: false })) };
  }
  const concurrency = Math.max(1, Math.min(options.concurrency ?? 1, plan.groups.length));
  // Parallel groups would interleave their lines; each group's output is held and delivered whole when it ends.
  const buffered = concurrency > 1;
  const results: GroupResult[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < plan.groups.length) {
      const index = next++;
      const group = plan.groups[index];
      if (group) results[index] = await runGroup(options, group, index, plan.groups.length, buffered);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));

  const aborted = options.signal?.aborted ?? false;
  const failed = results.find((result) => result.exitCode !== 0);
  const exitCode = aborted ? signalExitCode(signalName(options.signal?.reason)) : (failed?.exitCode ?? 0);
  return { exitCode, aborted, groups: results };
}
