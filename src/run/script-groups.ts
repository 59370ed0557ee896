// The groups that run a package's own test script, for the tests only that script is known to run: a package whose
// `test` script names no runner impacted reads (`make test`) cannot be handed files, so its script runs, once.
import { runCommand } from '../runners/command-line.js';
import type { UnreadScriptTests, WorkspacePackage } from '../types.js';
import type { PackageManagerName } from './package-manager.js';
import type { RunGroup } from './types.js';

export interface ScriptGroups {
  groups: RunGroup[];
  /** The files of this run that the scripts cover (whichever shard runs them): no runner group gets them. */
  covered: Set<string>;
}

/**
 * A group per unread script with a selected test: `<manager> run test` in its package. `selected` is the whole
 * selection, `files` this run's share of it: under `--shard`, a script runs in the shard that holds the first of its
 * selected tests, so that the shards run it once between them.
 */
export function scriptGroups(
  scripts: readonly UnreadScriptTests[],
  selected: ReadonlySet<string>,
  files: readonly string[],
  packages: readonly WorkspacePackage[],
  manager: PackageManagerName,
): ScriptGroups {
  const inRun = new Set(files);
  const nameOf = new Map(packages.map((pkg) => [pkg.dir, pkg.name]));
  const covered = new Set<string>();
  const groups: RunGroup[] = [];
  for (const { dir, script, tests } of scripts) {
    const chosen = tests.filter((test) => selected.has(test)).toSorted();
    const first = chosen[0];
    if (first === undefined) continue;
    for (const test of chosen) if (inRun.has(test)) covered.add(test);
    if (!inRun.has(first)) continue;
    groups.push({
      runner: 'script',
      cwd: dir,
      packages: [nameOf.get(dir) ?? (dir === '' ? '(root)' : dir)],
      files: chosen,
      commands: [runCommand([manager, 'run', 'test'])],
      shell: false,
      script,
    });
  }
  return { groups, covered };
}
