// The git commands a run asks first, started by the CLI before the pipeline's modules load (each is taken by the
// first identical call: git-process.ts), so that git works while Node reads and compiles impacted.
import type { Environment } from './ci-env.js';
import { explicitBase } from './chosen-base.js';
import { gitAhead } from './git-process.js';

/**
 * The repository state in one process: root, shallowness, HEAD as a sha and as a name, and with a chosen base its sha
 * and the merge base. --symbolic-full-name applies to the arguments after it, so HEAD is asked twice. `<base>...HEAD`
 * prints HEAD, the base and `^<merge base>` lines: the base and the merge base without two more processes.
 */
export const stateArgs = (base?: string): string[] => ['rev-parse', '--show-toplevel', '--is-shallow-repository', 'HEAD', ...(base ? [`${base}^{commit}...HEAD`] : []), '--symbolic-full-name', 'HEAD'];

/** The base a state is read with: a chosen base that is no option. */
export function stateBase(base: string | undefined): string | undefined {
  return base !== undefined && !base.startsWith('-') ? base : undefined;
}

/** The merge bases a state read with a base names, from its output lines (`^<sha>` after root, shallowness, HEAD, HEAD and the base). */
export function stateMergeBases(lines: readonly string[]): string[] {
  return lines.slice(5).filter((line) => line.startsWith('^')).map((line) => line.slice(1));
}

const nameStatus = ['diff', '--name-status', '-M', '-z', '--no-color', '--no-ext-diff'];

/** The changes between a commit and the work tree (tracked files), or another commit: `--name-status` with renames. */
export const nameStatusArgs = (...revisions: string[]): string[] => [...nameStatus, ...revisions, '--'];

/** The paths whose index entry differs from a commit (staged changes). */
export const stagedArgs = (base: string): string[] => ['diff', '--cached', '--name-only', '--no-renames', '-z', '--no-ext-diff', base, '--'];

/** The index entries with their modes, hashes, stages and tags, as the scan reads them. */
export const indexArgs = ['ls-files', '-s', '-v', '-z'];

/** Starts the repository state (with the base chosen by `--base` or the environment, if any) and the index listing of the work tree at `root`. */
export function readAhead(root: string, base: string | undefined, env: Environment): void {
  const chosen = stateBase(explicitBase({ base, env })?.ref);
  const state = gitAhead(root, stateArgs(chosen));
  gitAhead(root, indexArgs);
  if (chosen === undefined) return;
  // With one merge base (as change detection takes it from the state), the work tree's diffs against it start as soon
  // as it is known: change detection asks for exactly these when it gets there.
  state.then(
    (answer) => {
      const lines = answer.stdout.toString('utf8').split('\n');
      const mergeBases = answer.exitCode === 0 ? stateMergeBases(lines) : [];
      if (mergeBases.length !== 1 || lines[0] !== root) return;
      gitAhead(root, stagedArgs(mergeBases[0]!));
      gitAhead(root, nameStatusArgs(mergeBases[0]!));
    },
    () => undefined,
  );
}
