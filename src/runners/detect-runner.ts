// Finds a workspace package's test runner from its test script, its runner config files and its dependencies.
import path from 'node:path';
import type { DetectedRunner } from '../run/types.js';
import type { WorkspacePackage } from '../types.js';
import { adapterList } from './adapters.js';
import { nodeFlagsOf } from './node.js';
import { createDirectoryReader, type DirectoryReader } from './package-files.js';
import { testScriptOf } from './test-script.js';
import type { RunnerAdapter, RunnerManifest } from './types.js';

function found(adapter: RunnerAdapter, source: string, script = ''): DetectedRunner {
  return { name: adapter.name, source, nodeFlags: adapter.name === 'node' ? nodeFlagsOf(script) : [] };
}

/** The runner a test script runs first (usually the unit tests), or undefined. */
function fromScript(script: string): DetectedRunner | undefined {
  let best: { adapter: RunnerAdapter; at: number } | undefined;
  for (const adapter of adapterList) {
    const at = adapter.inScript(script);
    if (at !== undefined && (best === undefined || at < best.at)) best = { adapter, at };
  }
  return best && found(best.adapter, 'test script', script);
}

/** A config file name as detection reports it: `package.json "jest"` for a manifest key. */
function configLabel(adapter: RunnerAdapter, file: string): string {
  return file === 'package.json' ? `package.json "${adapter.name}"` : file;
}

/** The runner a directory's listing and manifest name: configs first, then dependencies; playwright only when alone. */
export function runnerOfDirectory(names: readonly string[], manifest: RunnerManifest | undefined): DetectedRunner | undefined {
  const deps = { ...manifest?.dependencies, ...manifest?.devDependencies };
  for (const secondary of [false, true]) {
    const candidates = adapterList.filter((adapter) => (adapter.secondary ?? false) === secondary);
    for (const adapter of candidates) {
      const config = adapter.configIn(names, manifest);
      if (config) return found(adapter, configLabel(adapter, config));
    }
    for (const adapter of candidates) {
      if (adapter.dependencies.some((dep) => dep in deps)) return found(adapter, 'devDependencies');
    }
  }
  return undefined;
}

/** The runner of the package at `root/pkg.dir`, or undefined when nothing there names one. */
export async function detectRunner(
  root: string,
  pkg: WorkspacePackage,
  reader: DirectoryReader = createDirectoryReader(),
): Promise<DetectedRunner | undefined> {
  const dir = path.join(root, pkg.dir);
  const [manifest, names] = await Promise.all([reader.manifest(dir), reader.names(dir)]);
  const script = testScriptOf(manifest?.scripts);
  return (script ? fromScript(script) : undefined) ?? runnerOfDirectory(names, manifest);
}
