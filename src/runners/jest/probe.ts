// Asks the repository's installed jest (27 to 30) for each project's resolved config, as `jest --showConfig` gives it.
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { probeCwd } from '../probe/probe-cwd.js';
import { repoPaths, type RepoPaths } from '../probe/probe-paths.js';
import type { ListOutcome, ProbeOutcome, ProbeRequest, RunnerProbe } from '../probe/probe-types.js';
import { binOf, resolveRunnerPackage, type RunnerPackage } from '../probe/resolve-runner-package.js';
import { askProbeServer } from '../probe/probe-server.js';
import { runProbeProcess } from '../probe/run-probe-process.js';
import type { RunnerAlias, RunnerProject } from '../types.js';
import type { JestProject } from './output-schema.js';

/** The output schemas (with zod): imported once a runner is started, awaited once it has answered. */
let schemas: Promise<typeof import('./output-schema.js')> | undefined;
const outputSchemas = () => (schemas ??= import('./output-schema.js'));

function displayName(value: JestProject['displayName']): string | undefined {
  return typeof value === 'string' ? value : (value?.name ?? undefined);
}

/** jest gives `testMatch` with `<rootDir>` replaced by an absolute path; a RunnerProject's globs are relative to its `dir`. */
function relativeGlob(rootDir: string, glob: string): string {
  const negated = glob.startsWith('!');
  const body = negated ? glob.slice(1) : glob;
  if (!path.isAbsolute(body)) return glob;
  const relative = path.relative(rootDir, body).split(path.sep).join('/');
  return (negated ? '!' : '') + relative;
}

/** `moduleNameMapper` entries, and `modulePaths` as a fallback mapping of bare specifiers into each directory. */
function aliasesOf(project: JestProject, paths: RepoPaths): RunnerAlias[] {
  const mapped = project.moduleNameMapper.flatMap(([find, replacements]) =>
    [replacements].flat().map((replacement) => paths.alias({ find, isRegExp: true, replacement })),
  );
  const modulePaths = project.modulePaths.map((dir) => paths.alias({ find: '^([^./].*)$', isRegExp: true, replacement: `${dir}/$1` }));
  return [...mapped, ...modulePaths];
}

/** The config extensions jest loads, in its order (jest 30's; 27-29 have no .mts/.cts). */
const configExtensions = ['.js', '.ts', '.mjs', '.mts', '.cjs', '.cts', '.json'];
const configNames = configExtensions.map((extension) => `jest.config${extension}`);

/** The config file jest loads for a `projects` path: the file itself (jest skips other files), or the one jest finds in that directory. */
function projectConfigFile(project: string): string | undefined {
  try {
    if (statSync(project).isFile()) return configExtensions.some((extension) => project.endsWith(extension)) ? project : undefined;
    const found = configNames.map((name) => path.join(project, name)).find((file) => statSync(file, { throwIfNoEntry: false })?.isFile());
    if (found) return found;
    const manifest = path.join(project, 'package.json');
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { jest?: unknown }).jest === undefined ? undefined : manifest;
  } catch {
    return undefined;
  }
}

/**
 * The repository config file of each project directory that the config's `projects` names by path (a config file, or
 * a directory holding one): a project whose rootDir is that file's directory was loaded from it, so that config is
 * included (not started on its own) and needs no probe of its own. Inline projects keep the config that holds them.
 */
function projectConfigsByDir(projects: readonly unknown[], cwd: string, paths: RepoPaths): Map<string, string> {
  const byDir = new Map<string, string>();
  for (const project of projects) {
    if (typeof project !== 'string') continue;
    // jest takes a relative path from the directory it runs in.
    const found = projectConfigFile(path.resolve(cwd, project));
    const file = found === undefined ? undefined : paths.relative(found);
    if (file !== undefined) byDir.set(path.posix.dirname(file) === '.' ? '' : path.posix.dirname(file), file);
  }
  return byDir;
}

type JestRun = { ok: true; version: string; value: unknown } | { ok: false; reason: string };

/** The child script sits beside this module in src/ and in dist/ (the build copies it). */
const childScript = fileURLToPath(new URL('./probe-child.mjs', import.meta.url));
const marker = '@@impacted-jest-probe@@';

/** The jest-config the installed jest's CLI loads (jest -> jest-cli -> jest-config), or undefined where it cannot be found. */
function jestConfigOf(jest: RunnerPackage): string | undefined {
  try {
    const cli = createRequire(path.join(jest.dir, 'package.json')).resolve('jest-cli/package.json');
    return createRequire(cli).resolve('jest-config');
  } catch {
    return undefined;
  }
}

/**
 * Runs jest where it would run, for `--showConfig` (through its own jest-config in a child script, a third of the
 * CLI's start-up; the CLI where that is not found) or `--listTests --json`, and reads the JSON it prints.
 */
async function runJest(request: ProbeRequest, mode: 'showConfig' | 'listTests'): Promise<JestRun> {
  const cwd = probeCwd(request);
  const jest = resolveRunnerPackage('jest', cwd, request.root);
  const bin = jest && binOf(jest, 'jest');
  if (!jest || !bin) return { ok: false, reason: 'jest is not installed' };
  const config = request.configFile === '' || path.posix.basename(request.configFile) === 'package.json' ? '' : path.join(request.root, request.configFile);
  const jestConfig = mode === 'showConfig' ? jestConfigOf(jest) : undefined;
  // The child script answers config after config; node's internals tell it whether a config loaded an ES module.
  const asking = jestConfig
    ? askProbeServer({ args: ['--expose-internals', childScript, jestConfig, marker], marker, timeoutMs: request.timeoutMs }, { cwd, configFile: config })
    : runProbeProcess({ args: [bin, ...(mode === 'showConfig' ? ['--showConfig'] : ['--listTests', '--json']), ...(config === '' ? [] : ['--config', config])], cwd, timeoutMs: request.timeoutMs });
  // The process is started (or the request sent): what checks its answer loads while jest works.
  outputSchemas().catch(() => undefined);
  const ran = await asking;
  if (!ran.ok) return { ok: false, reason: `jest ${jest.version} could not be asked: ${ran.reason}` };
  return { ok: true, version: jest.version, value: ran.value };
}

/** The test files jest itself finds (`jest --listTests --json`). */
export async function listJest(request: ProbeRequest): Promise<ListOutcome> {
  const [probed, listed] = [await probeJest(request), await runJest(request, 'listTests')];
  if (!probed.ok) return probed;
  if (!listed.ok) return listed;
  const files = (await outputSchemas()).listTestsSchema.safeParse(listed.value);
  if (!files.success) return { ok: false, reason: `jest ${listed.version} answered --listTests in an unknown shape` };
  const paths = repoPaths(request.root);
  return { ...probed, files: files.data.map((file) => paths.relative(file)).filter((file): file is string => file !== undefined) };
}

export async function probeJest(request: ProbeRequest): Promise<ProbeOutcome> {
  const ran = await runJest(request, 'showConfig');
  if (!ran.ok) return ran;
  const jest = { version: ran.version };
  const output = (await outputSchemas()).showConfigSchema.safeParse(ran.value);
  if (!output.success) return { ok: false, reason: `jest ${jest.version} answered --showConfig in an unknown shape` };
  const paths = repoPaths(request.root);
  const global = output.data.globalConfig;
  const loadedFrom = projectConfigsByDir(global?.projects ?? [], probeCwd(request), paths);
  const projects = output.data.configs.map((project): RunnerProject => {
    const setup = [...project.setupFiles, ...project.setupFilesAfterEnv, project.globalSetup, project.globalTeardown, global?.globalSetup, global?.globalTeardown];
    const { setupFiles, missingSetup } = paths.setup(setup.filter((file): file is string => typeof file === 'string'));
    const name = displayName(project.displayName);
    const projectDir = paths.relative(project.rootDir) ?? '';
    return {
      runner: 'jest',
      ...(name === undefined ? {} : { name }),
      configFile: loadedFrom.get(projectDir) ?? request.configFile,
      dir: projectDir,
      include: project.testMatch.map((glob) => relativeGlob(project.rootDir, glob)),
      exclude: [],
      testRegex: [project.testRegex ?? []].flat(),
      // Matched, as jest matches them, against absolute paths.
      ignorePatterns: project.testPathIgnorePatterns,
      roots: project.roots.map((dir) => paths.relative(dir)).filter((dir): dir is string => dir !== undefined),
      setupFiles,
      missingSetup,
      aliases: aliasesOf(project, paths),
      origin: 'probe',
    };
  });
  return { ok: true, version: jest.version, projects };
}

/** Several configs of one jest, one after the other: one runner slot, and the probe process they share. */
export async function probeJestMany(requests: readonly ProbeRequest[]): Promise<ProbeOutcome[]> {
  const outcomes: ProbeOutcome[] = [];
  for (const request of requests) outcomes.push(await probeJest(request));
  return outcomes;
}

/** How impacted asks jest: the probe and the listing above. */
export const jestProbe: RunnerProbe = { probe: probeJest, probeMany: probeJestMany, list: listJest };
