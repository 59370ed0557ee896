// A package's test script as it runs: the package scripts it starts through the package manager (`npm run test:cjs`,
// `yarn test:unit`, `pnpm run e2e`, `run-s test:*`) inlined, so that the runners they start count as the test script's.
import { minimatch } from 'minimatch';
import { scriptCommands } from './script-words.js';

type Scripts = Readonly<Record<string, string>>;

/** A word as the shell would read it back: quoted unless it is plain. */
function quoted(word: string): string {
  return /^[\w/.:=@%+,-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}

/** The flags of a package manager that can stand before a script name and still run this package's script. */
const quietFlags = new Set(['-s', '--silent', '-q', '--quiet', '--if-present']);

/** The names of package scripts that one command runs, with the words passed on to the last; undefined when none. */
function scriptsRun(words: readonly string[], scripts: Scripts): { names: string[]; rest: string[] } | undefined {
  const [program = '', ...args] = words;
  const after = (index: number) => {
    while (quietFlags.has(args[index] ?? '')) index++;
    return index;
  };
  const at = after(0);
  const named = (start: number) => {
    const index = after(start);
    const name = args[index];
    return name !== undefined && Object.hasOwn(scripts, name) ? { names: [name], rest: args.slice(index + 1).filter((word, i) => i > 0 || word !== '--') } : undefined;
  };
  if (program === 'npm') {
    if (['run', 'run-script', 'rum', 'urn'].includes(args[at] ?? '')) return named(at + 1);
    return ['test', 't', 'tst'].includes(args[at] ?? '') ? { names: ['test'], rest: [] } : undefined;
  }
  if (program === 'yarn' || program === 'pnpm' || program === 'bun') return args[at] === 'run' ? named(at + 1) : program === 'bun' ? undefined : named(at);
  // npm-run-all and its run-s / run-p: script names, or globs where `*` stays within one `:` segment.
  if (program === 'run-s' || program === 'run-p' || program === 'npm-run-all') {
    const patterns = args.filter((word) => !word.startsWith('-'));
    const names = Object.keys(scripts).filter((name) => patterns.some((pattern) => minimatch(name.replaceAll(':', '/'), pattern.replaceAll(':', '/'))));
    return names.length > 0 ? { names, rest: [] } : undefined;
  }
  return undefined;
}

function expand(name: string, scripts: Scripts, seen: ReadonlySet<string>): (readonly string[])[] {
  const script = scripts[name];
  if (script === undefined) return [];
  const within = new Set(seen).add(name);
  const commands: (readonly string[])[] = [];
  for (const words of scriptCommands(script)) {
    const run = scriptsRun(words, scripts);
    const names = run?.names.filter((other) => !within.has(other)) ?? [];
    if (names.length === 0) {
      commands.push(words);
      continue;
    }
    for (const other of names) {
      // npm runs a script's pre- and post- scripts around it.
      const hooks = words[0] === 'npm' ? [`pre${other}`, other, `post${other}`] : [other];
      const inlined = hooks.flatMap((hook) => (within.has(hook) ? [] : expand(hook, scripts, within)));
      if (run && run.rest.length > 0 && inlined.length > 0) inlined[inlined.length - 1] = [...(inlined.at(-1) ?? []), ...run.rest];
      commands.push(...inlined);
    }
  }
  return commands;
}

/** The words of each command the package's `test` script runs, the scripts it starts inlined; undefined when there is none. */
export function testCommandsOf(scripts: Scripts | undefined): (readonly string[])[] | undefined {
  if (scripts?.test === undefined) return undefined;
  return expand('test', scripts, new Set());
}

/** The package's `test` script with the scripts it runs inlined, as one script; undefined when there is none. */
export function testScriptOf(scripts: Scripts | undefined): string | undefined {
  return testCommandsOf(scripts)
    ?.map((words) => words.map(quoted).join(' '))
    .join(' && ');
}
