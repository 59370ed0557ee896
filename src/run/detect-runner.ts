// Finds a workspace package's test runner from its test script, its runner config files and its dependencies.
import path from 'node:path';
import type { RunnerName } from '../config/schema.js';
import type { WorkspacePackage } from '../types.js';
import { createDirectoryReader, type DirectoryReader } from './package-files.js';
import type { DetectedRunner } from './types.js';

const nodeTestPattern = /(^|\s)node\s(.*\s)?--test(\s|=|$)/;

const scriptPatterns: [RunnerName, RegExp][] = [
  ['vitest', /(^|[\s/])vitest(\s|$)/],
  ['jest', /(^|[\s/])jest(\s|$)/],
  ['mocha', /(^|[\s/])mocha(\s|$)/],
  ['playwright', /(^|[\s/])playwright\s+test(\s|$)/],
  ['node', nodeTestPattern],
];

/** Node flags worth keeping from a `node --test` script: the ones that make TypeScript or setup work. */
const nodeFlagsWithValue = new Set(['--import', '--loader', '--experimental-loader', '--require', '-r', '--conditions', '-C']);
const nodeFlagsAlone = /^--(experimental-strip-types|experimental-transform-types|no-experimental-strip-types|enable-source-maps|experimental-vm-modules|no-warnings|(import|loader|experimental-loader|require|conditions)=.+)$/;

export function nodeFlagsOf(script: string): string[] {
  const segment = script.split(/&&|\|\||[;|]/).find((part) => nodeTestPattern.test(part));
  if (!segment) return [];
  const words = segment.trim().split(/\s+/);
  const flags: string[] = [];
  for (let i = words.indexOf('node') + 1; i < words.length; i++) {
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

function fromScript(script: string): DetectedRunner | undefined {
  let best: { name: RunnerName; at: number } | undefined;
  for (const [name, pattern] of scriptPatterns) {
    const at = pattern.exec(script)?.index;
    // The first runner a script names is the one it runs first, usually the unit tests.
    if (at !== undefined && (best === undefined || at < best.at)) best = { name, at };
  }
  if (!best) return undefined;
  return { name: best.name, source: 'test script', nodeFlags: best.name === 'node' ? nodeFlagsOf(script) : [] };
}

function found(name: RunnerName, source: string): DetectedRunner {
  return { name, source, nodeFlags: [] };
}

/** The runner of the package at `root/pkg.dir`, or undefined when nothing there names one. */
export async function detectRunner(
  root: string,
  pkg: WorkspacePackage,
  reader: DirectoryReader = createDirectoryReader(),
): Promise<DetectedRunner | undefined> {
  const dir = path.join(root, pkg.dir);
  const [manifest, configs] = await Promise.all([reader.manifest(dir), reader.configs(dir)]);
  const script = manifest?.scripts?.test;
  const byScript = script ? fromScript(script) : undefined;
  if (byScript) return byScript;

  const deps = { ...manifest?.dependencies, ...manifest?.devDependencies };
  if (configs.vitest) return found('vitest', configs.vitest[0] ?? 'vitest config');
  if (configs.vite && 'vitest' in deps) return found('vitest', configs.vite[0] ?? 'vite config');
  if (configs.jest) return found('jest', configs.jest[0] ?? 'jest config');
  if (manifest?.jest !== undefined) return found('jest', 'package.json "jest"');
  if (configs.mocha) return found('mocha', configs.mocha[0] ?? '.mocharc');
  if ('vitest' in deps) return found('vitest', 'devDependencies');
  if ('jest' in deps) return found('jest', 'devDependencies');
  if ('mocha' in deps) return found('mocha', 'devDependencies');
  if (configs.playwright) return found('playwright', configs.playwright[0] ?? 'playwright config');
  if ('@playwright/test' in deps) return found('playwright', 'devDependencies');
  return undefined;
}
