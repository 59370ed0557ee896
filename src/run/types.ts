// The plain-object types of the run stage: options in, a plan of runner commands, results and events out.
import type { RunnerName, RunnerSpec } from '../config/schema.js';
import type { UnreadScriptTests, WorkspacePackage } from '../types.js';

/** A named runner, `custom` for a `{ "command": ... }` from the config, `script` for a package's own test script. */
export type RunnerKind = RunnerName | 'custom' | 'script';

/** `--shard <index>/<total>`, 1-based like vitest, jest and playwright. */
export interface Shard {
  index: number;
  total: number;
}

export interface RunOptions {
  /** Absolute path of the repository root. */
  root: string;
  /** `affected` runs `tests`; `all` runs each runner's own full suite (or the shard's files with `shard`). */
  mode: 'affected' | 'all';
  /** Repository-relative test files. In mode `all` they decide which runners run, and what a shard holds. */
  tests: string[];
  packages: WorkspacePackage[];
  /** `config.runner`: used for every group instead of detection. */
  runner?: RunnerSpec;
  shard?: Shard;
  /** How many groups may run at once (default 1). */
  concurrency?: number;
  /** Passed to every runner after its own arguments and before the files. */
  extraArgs?: string[];
  /** A JSON file `{ "<test path>": <ms> }` (repository-relative or absolute) that balances shards by duration. */
  timingsFile?: string;
  /** Bytes of file arguments per command before a group is split into several commands (default: 100 KB, 8 KB on Windows). */
  maxArgumentBytes?: number;
  /** Plan only: report the commands through `onEvent`, start nothing; a runner need not be installed. */
  dryRun?: boolean;
  /**
   * `discovery.unreadScripts`: packages whose test script names no runner impacted reads, with the tests only that
   * script is known to run. When one of them is in `tests`, the package's own `test` script runs (`npm run test`,
   * through the repository's package manager, from the package's directory), once, without files or `extraArgs`,
   * instead of a runner; ignored when `runner` is set.
   */
  unreadScripts?: readonly UnreadScriptTests[];
}

export interface RunTestsOptions extends RunOptions {
  /**
   * `inherit`: runners write to this process's stdout/stderr (when groups run in parallel, their output arrives as
   * `output` events instead, line by line, each line prefixed with the group's directory). `pipe` (default): all
   * output arrives as `output` events (line-prefixed when groups run in parallel).
   */
  stdio?: 'inherit' | 'pipe';
  onEvent?: (event: RunEvent) => void;
  /** Aborting stops every runner (and its process group); abort with reason `'SIGINT'`/`'SIGTERM'` for exit 130/143. */
  signal?: AbortSignal;
  /** Extra environment for the runners. */
  env?: Record<string, string | undefined>;
  /** Stops every runner after this many milliseconds; the result then has `timedOut` and exit code 124. */
  timeoutMs?: number;
}

/** How a package's runner was found, for messages and `--dry-run`. */
export interface DetectedRunner {
  name: RunnerName;
  /** What gave it away: `test script`, a config file name, `devDependencies`, ... */
  source: string;
  /** Node flags from the package's test script that the node runner keeps (`--import tsx`, ...). */
  nodeFlags: string[];
}

export interface RunCommand {
  /** The program and its arguments, exactly as spawned (never through a shell unless `runner.shell`). */
  argv: string[];
  /** For people: the runner's name instead of its path, arguments quoted like a POSIX shell would need. */
  display: string;
}

/** The tests one runner runs from one directory. */
export interface RunGroup {
  runner: RunnerKind;
  /** Repository-relative working directory, `''` for the root. */
  cwd: string;
  /** Names of the workspace packages whose tests are in the group. */
  packages: string[];
  /** Repository-relative test files; empty for a runner's own full run. */
  files: string[];
  /** One command, or several when the file list would be longer than the OS allows. */
  commands: RunCommand[];
  /** Run `commands` through a shell (only for a custom command with `shell: true`). */
  shell: boolean;
  /** For runner `script`: the package's `test` script that the command runs, as written. */
  script?: string;
}

export interface RunPlan {
  mode: 'affected' | 'all';
  groups: RunGroup[];
  /** Set when the run is one shard of the selection: the groups then hold only that shard's files. */
  shard?: Shard;
}

export interface GroupResult extends RunGroup {
  /** 0 when every command passed, else the first failing command's exit code (128 + n for a signal). */
  exitCode: number;
  ms: number;
  /** Why the runner could not be started, or that it was stopped. */
  error?: string;
  /** False when the run was aborted before this group started. */
  started: boolean;
}

export interface RunResult {
  /** 0 when everything passed or nothing was selected, else the first failing group's code; 128 + n when aborted by signal n; 124 on timeout. */
  exitCode: number;
  groups: GroupResult[];
  aborted: boolean;
  /** The run was stopped by `timeoutMs`. */
  timedOut?: boolean;
}

export type RunEvent =
  | { type: 'plan'; plan: RunPlan }
  | { type: 'group-start'; group: RunGroup; index: number; total: number }
  | { type: 'command'; group: RunGroup; command: RunCommand }
  | { type: 'output'; group: RunGroup; stream: 'stdout' | 'stderr'; text: string }
  | { type: 'group-end'; group: RunGroup; result: GroupResult };
