// The vitest adapter: detection, config files, defaults, static reading of its configs and commands.
import { emptyProject } from './project.js';
import { findInScript, programWord } from './script-words.js';
import type { ConfigSource, RunnerAdapter, RunnerProject } from './types.js';
import { readVitestConfig, vitestDefaultExclude, vitestDefaultInclude } from './vitest-config.js';

const configName = /^(vitest|vite)\.config\.[cm]?[jt]s$|^vitest\.(workspace|projects)\.([cm]?[jt]s|json)$/;
const ownName = /^vitest\.(config|workspace|projects)\.[cm]?[jt]s$|^vitest\.(workspace|projects)\.json$/;

function vitestDefaults(source: ConfigSource, dir: string): RunnerProject {
  return { ...emptyProject('vitest', '', dir, 'defaults'), include: [...vitestDefaultInclude], exclude: vitestDefaultExclude(source, dir) };
}

export const vitest: RunnerAdapter = {
  name: 'vitest',
  bin: { name: 'vitest', install: 'vitest' },
  inScript: (script) => findInScript(script, programWord('vitest'))?.at,
  testPatternsKey: 'include',
  dependencies: ['vitest'],
  ownsConfig: (name) => configName.test(name),
  configIn: (names, manifest) => {
    const own = names.find((name) => ownName.test(name));
    if (own) return own;
    const deps = { ...manifest?.dependencies, ...manifest?.devDependencies };
    // A vite config configures vitest only where vitest is installed.
    return 'vitest' in deps ? names.find((name) => configName.test(name)) : undefined;
  },
  defaults: vitestDefaults,
  readConfig: readVitestConfig,
  command: ({ bin, extraArgs, files }) => [bin, 'run', ...extraArgs, ...files],
};
