// Finds a runner's command in a package's test script: which word starts it, and the arguments that follow it.
import { splitCommandLine } from '../run/split-command-line.js';

/**
 * Each script's commands, split once per process: every adapter asks about every package's script, and a monorepo's
 * packages mostly share a few scripts. Read only (the mentions slice them).
 */
const commandsOf = new Map<string, readonly (readonly string[])[]>();

/** The words of each command of a script (`a && b; c | d` is three commands). */
export function scriptCommands(script: string): readonly (readonly string[])[] {
  let commands = commandsOf.get(script);
  if (!commands) commandsOf.set(script, (commands = splitCommands(script)));
  return commands;
}

function splitCommands(script: string): string[][] {
  const commands: string[][] = [[]];
  let all: string[];
  try {
    all = splitCommandLine(script);
  } catch {
    // A script with an unclosed quote names no runner we can read.
    return [];
  }
  for (const word of all) {
    if (['&&', '||', ';', '|', '&'].includes(word)) commands.push([]);
    else if (word.endsWith(';')) {
      commands.at(-1)?.push(word.slice(0, -1));
      commands.push([]);
    } else commands.at(-1)?.push(word);
  }
  return commands.filter((words) => words.length > 0);
}

export interface ScriptMention {
  /** The order of the mention in the script: lower runs first. */
  at: number;
  /** The words after the runner's own name (and subcommand). */
  args: string[];
  /** The words before it in the same command (`node --import tsx` before `--test`). */
  before: string[];
}

/**
 * Where a script runs a program: a word that is the program or a path ending in `/program`, followed by `subcommand`
 * when given (`playwright test`). `matches` decides on words that are not a plain program name (`node ... --test`).
 */
export function findInScript(script: string, matches: (words: readonly string[], index: number) => number | undefined): ScriptMention | undefined {
  return mentionsInScript(script, matches)[0];
}

/** Every command of a script that runs a program (`mocha a && mocha b`), in the order they run. */
export function mentionsInScript(script: string, matches: (words: readonly string[], index: number) => number | undefined): ScriptMention[] {
  const mentions: ScriptMention[] = [];
  let at = 0;
  for (const words of scriptCommands(script)) {
    for (let i = 0; i < words.length; i++, at++) {
      const end = matches(words, i);
      if (end === undefined) continue;
      mentions.push({ at, args: words.slice(end), before: words.slice(0, i) });
      at += words.length - i;
      break;
    }
  }
  return mentions;
}

/** A matcher for a program name, optionally followed by a subcommand. */
export function programWord(program: string, subcommand?: string): (words: readonly string[], index: number) => number | undefined {
  return (words, index) => {
    const word = words[index] ?? '';
    if (word !== program && !word.endsWith(`/${program}`)) return undefined;
    if (subcommand === undefined) return index + 1;
    return words[index + 1] === subcommand ? index + 2 : undefined;
  };
}
