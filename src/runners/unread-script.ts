// Whether a package's test script runs something no runner adapter reads (`make test`, `./test.sh`, `nx test`): the
// tests it runs are then unknown, and impacted's default globs stand in for them.
import { testCommandsOf } from './test-script.js';

type Scripts = Readonly<Record<string, string>>;

/** Programs that run no test whatever their arguments: npm's default `echo "Error: no test specified" && exit 1`, `exit 0`, `true`. */
const runsNothing = new Set(['echo', 'printf', 'true', 'false', 'exit', ':']);

/** Programs that start the program named after them: `npx turbo`, `cross-env CI=1 turbo`. */
const launchers = new Set(['npx', 'bunx', 'cross-env']);

/** Package managers' subcommands that start a program rather than a script: `pnpm exec turbo`, `yarn dlx turbo`. */
const execSubcommands = new Set(['exec', 'dlx', 'x']);

/** Workspace tools a package manager can start by name (`pnpm turbo run test`, `yarn lerna run test`). */
const workspaceTools = new Set(['turbo', 'lerna', 'nx', 'wsrun', 'ultra']);

const packageManagers = new Set(['npm', 'pnpm', 'yarn', 'bun']);

/** `NODE_ENV=test` before a command: an environment assignment, not the program. */
function isAssignment(word: string): boolean {
  const at = word.indexOf('=');
  return at > 0 && /^[A-Za-z_][A-Za-z0-9_]*$/.test(word.slice(0, at));
}

/** A command's program (its base name) and arguments, past environment assignments and the launchers that start it. */
function programOf(words: readonly string[]): { program: string; args: readonly string[] } {
  let at = 0;
  for (;;) {
    while (isAssignment(words[at] ?? '')) at++;
    const program = (words[at] ?? '').split('/').at(-1) ?? '';
    const next = words[at + 1] ?? '';
    if (launchers.has(program)) at++;
    else if (packageManagers.has(program) && (execSubcommands.has(next) || workspaceTools.has(next))) at += execSubcommands.has(next) ? 2 : 1;
    else return { program, args: words.slice(at + 1) };
  }
}

/**
 * Whether a command runs the workspace packages' own scripts and nothing else (`turbo run test`, `nx run-many -t
 * test`, `lerna run test`, `pnpm -r test`, `npm test --workspaces`, `yarn workspaces foreach run test`): at the
 * repository root it runs no test of the root's own files, and each package's script is read on its own.
 */
function runsPackageScripts(program: string, args: readonly string[]): boolean {
  const has = (...flags: string[]) => args.some((word) => flags.includes(word) || flags.some((flag) => flag.startsWith('--') && word.startsWith(`${flag}=`)));
  switch (program) {
    case 'turbo':
    case 'wsrun':
      return true;
    case 'lerna':
      return args[0] === 'run';
    case 'nx':
      return args[0] === 'run-many' || args[0] === 'affected' || (args[0] ?? '').startsWith('affected:');
    case 'ultra':
      return has('-r', '--recursive');
    case 'pnpm':
      return has('-r', '--recursive', '--filter', '-F');
    case 'bun':
      return has('--filter', '-F');
    case 'npm':
      return has('--workspaces', '-ws', '--workspace', '-w');
    case 'yarn':
      return args[0] === 'workspaces' || args[0] === 'workspace';
    default:
      return false;
  }
}

/**
 * Whether a package's `test` script (the scripts it starts inlined) runs a command that neither runs nothing
 * (`echo`, `exit`, `true`) nor, at a workspace root, only the packages' own scripts. Call it for a script that names
 * no runner an adapter reads. A script that cannot be split into words (an unclosed quote) runs something unread.
 */
export function isUnreadTestScript(scripts: Scripts | undefined, options: { workspaceRoot: boolean }): boolean {
  const commands = testCommandsOf(scripts);
  if (commands === undefined) return false;
  // Nothing to run: an empty script. No words from a script that has some: it could not be split.
  if (commands.length === 0) return (scripts?.test ?? '').trim() !== '';
  return commands.some((words) => {
    const { program, args } = programOf(words);
    if (program === '' || runsNothing.has(program)) return false;
    return !(options.workspaceRoot && runsPackageScripts(program, args));
  });
}
