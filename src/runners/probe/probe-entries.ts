// Which runner configs of a repository are probed, and with which runner: one entry per config the runner loads itself.
import type { RunnerName } from '../../config/schema.js';
import { comparePaths } from '../project.js';
import type { ProbeEntry } from './probe-projects.js';

const configRunners: [RegExp, RunnerName][] = [
  [/^vitest\.config\.[cm]?[jt]s$/, 'vitest'],
  [/^jest\.config\.(?:[cm]?[jt]s|json)$/, 'jest'],
  [/^playwright\.config\.[cm]?[jt]s$/, 'playwright'],
  [/^\.mocharc\.(?:[cm]?js|ya?ml|jsonc?)$/, 'mocha'],
];
const viteConfig = /^vite\.config\.[cm]?[jt]s$/;
const vitestWorkspace = /^vitest\.(?:workspace|projects)\.(?:[cm]?[jt]s|json)$/;

/** Any of the names above, in one expression: the only names that make entries. */
const configName = new RegExp([...configRunners.map(([pattern]) => pattern), viteConfig, vitestWorkspace].map((pattern) => `(?:${pattern.source})`).join('|'));

/**
 * The probe entries of a file list: every vitest, jest, playwright and mocha config; a vite config only where no
 * vitest config sits beside it (vitest then loads it); a vitest workspace file alone, through vitest's own lookup.
 */
export function probeEntries(files: readonly string[]): ProbeEntry[] {
  const entries: ProbeEntry[] = [];
  // Only config names matter: the others are skipped before their directory is even computed.
  const namesByDir = new Map<string, string[]>();
  for (const file of files) {
    const at = file.lastIndexOf('/');
    const name = file.slice(at + 1);
    if (!configName.test(name) || file.split('/').includes('node_modules')) continue;
    const dir = at < 0 ? '' : file.slice(0, at);
    const names = namesByDir.get(dir);
    if (names) names.push(name);
    else namesByDir.set(dir, [name]);
  }
  for (const [dir, names] of namesByDir) {
    const join = (name: string): string => (dir === '' ? name : `${dir}/${name}`);
    const workspace = names.find((name) => vitestWorkspace.test(name));
    let vitestFound = false;
    for (const name of names) {
      const runner = configRunners.find(([pattern]) => pattern.test(name))?.[1];
      if (!runner) continue;
      // vitest 1-3 take their projects from the workspace file beside the config: the answer is that file's, as static
      // reading has it (trpc: vitest.config.ts beside vitest.workspace.json).
      entries.push({ runner, configFile: join(name), ...(runner === 'vitest' && workspace ? { owner: join(workspace) } : {}) });
      if (runner === 'vitest') vitestFound = true;
    }
    if (vitestFound) continue;
    const vite = names.find((name) => viteConfig.test(name));
    if (vite) entries.push({ runner: 'vitest', configFile: join(vite), optional: true, ...(workspace ? { owner: join(workspace) } : {}) });
    else if (workspace) entries.push({ runner: 'vitest', configFile: '', cwd: dir, owner: join(workspace) });
  }
  return entries.sort((a, b) => comparePaths(a.owner ?? a.configFile, b.owner ?? b.configFile));
}
