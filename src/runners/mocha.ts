// The mocha adapter: detection, .mocharc and package.json "mocha", the test script's spec arguments, defaults, commands.
import path from 'node:path';
import { stripJsonComments } from '../graph/read-jsonc.js';
import { yaml } from '../lazy-dependencies.js';
import { addSetupEntry, repoPath, stringList, type Widening } from './config-values.js';
import { type ConfigValue, evaluateConfig, fromJson, property } from './evaluate-config.js';
import { hasFileBelow } from './files-below.js';
import { dirOf, emptyProject } from './project.js';
import { findInScript, mentionsInScript, programWord } from './script-words.js';
import { testScriptOf } from './test-script.js';
import type { ConfigSource, RunnerAdapter, RunnerProject } from './types.js';

/** mocha's default `spec` (relative to the directory it runs from) and `extension`. */
const defaultSpec = ['./test'];
const defaultExtensions = ['js', 'cjs', 'mjs'];
const configName = /^\.mocharc(\.(c?js|json|jsonc|ya?ml))?$/;
/** mocha options that take a value, so that the value is not read as a spec. */
const optionsWithValue = new Set(['--require', '-r', '--config', '--reporter', '-R', '--reporter-option', '--reporter-options', '-O', '--timeout', '-t', '--slow', '-s', '--ui', '-u', '--file', '--ignore', '--exclude', '--extension', '--grep', '-g', '--fgrep', '-f', '--retries', '--jobs', '-j', '--package', '--spec', '--node-option', '-n', '--loader']);

function configValue(source: ConfigSource, configFile: string): ConfigValue {
  const name = path.posix.basename(configFile);
  if (name === 'package.json') return property(fromJson(JSON.parse(source.read(configFile) ?? '{}')), 'mocha');
  if (/\.ya?ml$/.test(name)) return fromJson(yaml().parse(source.read(configFile) ?? '') as unknown);
  if (/\.jsonc?$/.test(name) || name === '.mocharc') {
    try {
      return fromJson(JSON.parse(stripJsonComments(source.read(configFile) ?? '')));
    } catch {
      return { kind: 'unknown', reason: `${configFile} is not valid JSON`, literals: [] };
    }
  }
  return evaluateConfig(source, configFile).value;
}

/** The spec arguments and options of the `mocha` commands in a package's test script (and the scripts it runs). */
function scriptArguments(source: ConfigSource, dir: string): { specs: string[]; options: Map<string, string[]> } {
  const options = new Map<string, string[]>();
  const specs: string[] = [];
  const manifest = source.read(dir === '' ? 'package.json' : `${dir}/package.json`);
  let script: string | undefined;
  try {
    script = testScriptOf((JSON.parse(manifest ?? '{}') as { scripts?: Record<string, string> }).scripts);
  } catch {
    script = undefined;
  }
  // Every mocha command of the script counts (`mocha 'test/**/*.test.ts' && mocha 'test/**/*.test.mjs'`).
  for (const { args } of script ? mentionsInScript(script, programWord('mocha')) : []) {
    for (let i = 0; i < args.length; i++) {
      const word = args[i] ?? '';
      const [flag = '', inline] = word.split(/=(.*)/s);
      if (word.startsWith('-')) {
        const value = inline ?? (optionsWithValue.has(flag) ? args[++i] : 'true');
        options.set(flag, [...(options.get(flag) ?? []), value ?? '']);
      } else specs.push(word);
    }
  }
  return { specs: [...specs, ...(options.get('--spec') ?? [])], options };
}

/** Whether a path is a directory that holds a scanned file. */
function isDirectory(files: ReadonlySet<string>, dir: string): boolean {
  return hasFileBelow(files, dir === '' ? '' : `${dir}/`) && !files.has(dir);
}

function mochaProject(source: ConfigSource, config: ConfigValue, configFile: string, dir: string): RunnerProject {
  const widening: Widening = { reasons: [] };
  const script = scriptArguments(source, dir);
  const project = emptyProject('mocha', configFile, dir, configFile === '' ? 'defaults' : 'static');
  const extensions = [...stringList(property(config, 'extension'), defaultExtensions, widening, 'extension'), ...(script.options.get('--extension') ?? [])].map((ext) => ext.replace(/^\./, ''));
  const recursive = property(config, 'recursive') === true || script.options.has('--recursive');
  // Spec arguments in the test script take the place of the config's `spec`.
  const specs = script.specs.length > 0 ? script.specs : stringList(property(config, 'spec'), defaultSpec, widening, 'spec');
  const extensionGlob = extensions.length === 1 ? extensions[0] : `{${extensions.join(',')}}`;
  project.include = specs.map((spec) => {
    const target = repoPath(source.root, dir, spec);
    const relative = target === undefined ? spec : path.posix.relative(dir, target) || '.';
    if (target !== undefined && isDirectory(source.files, target)) return `${relative === '.' ? '' : `${relative}/`}${recursive ? '**/' : ''}*.${extensionGlob}`;
    return relative;
  });
  project.exclude = [...stringList(property(config, 'ignore'), [], widening, 'ignore'), ...(script.options.get('--ignore') ?? []), ...(script.options.get('--exclude') ?? [])];
  for (const entry of [...stringList(property(config, 'require'), [], widening, 'require'), ...(script.options.get('--require') ?? []), ...(script.options.get('-r') ?? []), ...stringList(property(config, 'file'), [], widening, 'file')]) {
    addSetupEntry(project, source.files, entry, repoPath(source.root, dir, entry));
  }
  if (widening.reasons.length > 0) project.widened = widening.reasons[0];
  return project;
}

export const mocha: RunnerAdapter = {
  name: 'mocha',
  bin: { name: 'mocha', install: 'mocha' },
  inScript: (script) => findInScript(script, programWord('mocha'))?.at,
  testPatternsKey: 'spec',
  dependencies: ['mocha'],
  ownsConfig: (name) => configName.test(name),
  configIn: (names, manifest) => names.find((name) => configName.test(name)) ?? (manifest?.mocha !== undefined ? 'package.json' : undefined),
  defaults: (source, dir) => mochaProject(source, undefined, '', dir),
  readConfig: (source, configFile) => [mochaProject(source, configValue(source, configFile), configFile, dirOf(configFile))],
  command: ({ bin, extraArgs, files }) => [bin, ...extraArgs, ...files],
};
