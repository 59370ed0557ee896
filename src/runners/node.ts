// The node:test adapter: `node --test` in a test script, its default test patterns, the flags it keeps, commands.
import { hasFileBelow } from './files-below.js';
import { emptyProject } from './project.js';
import { findInScript, mentionsInScript, type ScriptMention } from './script-words.js';
import { testScriptOf } from './test-script.js';
import type { ConfigSource, RunnerAdapter, RunnerProject } from './types.js';

/** `node --test` with no file arguments runs these (Node 20 and later), relative to its working directory. */
export const nodeDefaultPatterns = [
  '**/*.test.?(c|m)js',
  '**/*-test.?(c|m)js',
  '**/*_test.?(c|m)js',
  '**/test-*.?(c|m)js',
  '**/test.?(c|m)js',
  '**/test/**/*.?(c|m)js',
];

/** Node flags worth keeping from a `node --test` script: the ones that make TypeScript or setup work. */
const nodeFlagsWithValue = new Set(['--import', '--loader', '--experimental-loader', '--require', '-r', '--conditions', '-C']);
const nodeFlagsAlone = /^--(experimental-strip-types|experimental-transform-types|no-experimental-strip-types|enable-source-maps|experimental-vm-modules|no-warnings|(import|loader|experimental-loader|require|conditions)=.+)$/;

function nodeTest(words: readonly string[], index: number): number | undefined {
  const word = words[index] ?? '';
  if (word !== 'node' && !word.endsWith('/node')) return undefined;
  return words.slice(index + 1).some((w) => w === '--test') ? index + 1 : undefined;
}

function mentionOf(script: string): ScriptMention | undefined {
  return findInScript(script, nodeTest);
}

/** The flags of the script's `node --test` command that the runs impacted starts keep. */
export function nodeFlagsOf(script: string): string[] {
  const words = mentionOf(script)?.args ?? [];
  const flags: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    const value = words[i + 1];
    if (nodeFlagsWithValue.has(word) && value !== undefined) {
      flags.push(word, value);
      i++;
    } else if (nodeFlagsAlone.test(word)) {
      flags.push(word);
    }
  }
  return flags;
}

/** The file and glob arguments of the package's `node --test` script, else node's default patterns. */
function nodeProject(source: ConfigSource, dir: string): RunnerProject {
  let script: string | undefined;
  try {
    script = testScriptOf((JSON.parse(source.read(dir === '' ? 'package.json' : `${dir}/package.json`) ?? '{}') as { scripts?: Record<string, string> }).scripts);
  } catch {
    script = undefined;
  }
  // Every `node --test` command of the script counts.
  const words = script ? mentionsInScript(script, nodeTest).flatMap((mention) => mention.args) : [];
  const specs: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    if (nodeFlagsWithValue.has(word) || /^--test-(reporter|reporter-destination|name-pattern|skip-pattern|concurrency|timeout|shard)$/.test(word)) i++;
    else if (!word.startsWith('-')) specs.push(word.replace(/^\.\//, ''));
  }
  const include = specs.flatMap((spec) => {
    const prefix = spec === '.' ? '' : `${spec.replace(/\/$/, '')}/`;
    const isDirectory = hasFileBelow(source.files, dir === '' ? prefix : `${dir}/${prefix}`) && !/[*?{[]/.test(spec);
    return isDirectory ? nodeDefaultPatterns.map((pattern) => prefix + pattern) : [spec];
  });
  return { ...emptyProject('node', '', dir, 'defaults'), include: include.length > 0 ? include : [...nodeDefaultPatterns], exclude: ['**/node_modules/**'] };
}

export const node: RunnerAdapter = {
  name: 'node',
  inScript: (script) => mentionOf(script)?.at,
  testPatternsKey: 'patterns',
  dependencies: [],
  ownsConfig: () => false,
  configIn: () => undefined,
  defaults: nodeProject,
  command: ({ bin, nodeFlags, extraArgs, files }) => [bin, ...nodeFlags, '--test', ...extraArgs, ...files],
};
