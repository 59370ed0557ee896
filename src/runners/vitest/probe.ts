// Asks the repository's installed vitest (1 to 4) for each project's resolved config, and for its own list of test
// files, in a child process.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { probeCwd } from '../probe/probe-cwd.js';
import { repoPaths, type RepoPaths } from '../probe/probe-paths.js';
import type { ListOutcome, ProbeOutcome, ProbeRequest, RunnerProbe } from '../probe/probe-types.js';
import { exportOf, resolveRunnerPackage } from '../probe/resolve-runner-package.js';
import { runProbeProcess } from '../probe/run-probe-process.js';
import type { RunnerProject } from '../types.js';
import type { VitestProject } from './output-schema.js';
import { keepViteTempFilesOut } from './vite-temp-files.js';

/** The child script sits beside this module in src/ and in dist/ (the build copies it). */
const childScript = fileURLToPath(new URL('./probe-child.mjs', import.meta.url));
const marker = '@@impacted-vitest-probe@@';

/** The output schemas (with zod): imported once a runner is started, awaited once it has answered. */
let schemas: Promise<typeof import('./output-schema.js')> | undefined;
const outputSchemas = () => (schemas ??= import('./output-schema.js'));

function toProject(project: VitestProject, request: ProbeRequest, paths: RepoPaths): RunnerProject {
  const { setupFiles, missingSetup } = paths.setup([...project.setupFiles, ...project.globalSetup]);
  return {
    runner: 'vitest',
    ...(project.name === '' ? {} : { name: project.name }),
    configFile: (project.configFile === null ? undefined : paths.relative(project.configFile)) ?? request.configFile,
    dir: paths.relative(project.dir) ?? '',
    // In-source tests (`includeSource`) and type tests (with typecheck on) are test files to vitest as much as `include` ones.
    include: [...new Set([...project.include, ...project.includeSource, ...project.typecheckInclude])],
    exclude: project.exclude,
    testRegex: [],
    ignorePatterns: [],
    roots: [],
    setupFiles,
    missingSetup,
    aliases: project.aliases.map((alias) => paths.alias(alias)),
    origin: 'probe',
  };
}

type ChildResult = { ok: true; version: string; projects: RunnerProject[]; files?: string[] } | { ok: false; reason: string };

/** The installed vitest a request's config runs with, and its Node API entry. */
function vitestOf(request: ProbeRequest): { version: string; entry: string } | undefined {
  const vitest = resolveRunnerPackage('vitest', probeCwd(request), request.root);
  const entry = vitest && exportOf(vitest, './node');
  return vitest && entry ? { version: vitest.version, entry } : undefined;
}

function configPathOf(request: ProbeRequest): string {
  return request.configFile === '' ? '' : path.join(request.root, request.configFile);
}

/** The directory of the config vitest loads: the given one's, else the one it finds where it runs. */
function configDirOf(request: ProbeRequest): string {
  return request.configFile === '' ? probeCwd(request) : path.dirname(configPathOf(request));
}

/** What the child printed for one config, as an outcome. */
function resultOf(value: unknown, request: ProbeRequest, version: string, { outputSchema }: Awaited<ReturnType<typeof outputSchemas>>): ChildResult {
  const output = outputSchema.safeParse(value);
  if (!output.success) return { ok: false, reason: `vitest ${version} answered in an unknown shape` };
  if ('error' in output.data) return { ok: false, reason: `vitest ${version} could not load the config: ${output.data.error}` };
  const paths = repoPaths(request.root);
  const files = output.data.files?.map((file) => paths.relative(file)).filter((file): file is string => file !== undefined);
  const projects = output.data.projects.map((project) => toProject(project, request, paths));
  return { ok: true, version, projects, ...(files ? { files } : {}) };
}

async function askVitest(request: ProbeRequest, mode: 'config' | 'list'): Promise<ChildResult> {
  const cwd = probeCwd(request);
  const vitest = vitestOf(request);
  if (!vitest) return { ok: false, reason: 'vitest is not installed' };
  const args = [childScript, mode, vitest.entry, cwd, configPathOf(request), marker];
  const cleanUp = keepViteTempFilesOut([configDirOf(request)]);
  const running = runProbeProcess({ args, cwd, marker, timeoutMs: request.timeoutMs });
  // The process is started: what checks its answer loads while vitest works.
  outputSchemas().catch(() => undefined);
  const ran = await running;
  cleanUp();
  if (!ran.ok) return { ok: false, reason: `vitest ${vitest.version} could not be asked: ${ran.reason}` };
  return resultOf(ran.value, request, vitest.version, await outputSchemas());
}

/**
 * Several configs of one vitest in one process (vitest's import is most of a probe's time), one after the other, each
 * in its own directory and with the process's starting environment, as vitest itself loads a workspace's projects in
 * one process. The configs it answered keep that answer; one it did not answer, or could not load after another one
 * (which might have left something behind), is asked in a process of its own, so every answer is the one a process of
 * its own gives.
 */
export async function probeVitestMany(requests: readonly ProbeRequest[]): Promise<ProbeOutcome[]> {
  const vitest = requests.length > 1 ? vitestOf(requests[0]!) : undefined;
  const answered = new Map<number, ChildResult>();
  if (vitest && requests.every((request) => vitestOf(request)?.entry === vitest.entry)) {
    const pairs = requests.map((request) => [probeCwd(request), configPathOf(request)]);
    const args = [childScript, 'many', vitest.entry, marker, JSON.stringify(pairs)];
    const timeoutMs = requests[0]!.timeoutMs;
    const cleanUp = keepViteTempFilesOut(requests.map(configDirOf));
    const running = runProbeProcess({ args, cwd: probeCwd(requests[0]!), marker, everyMarkedLine: true, timeoutMs });
    outputSchemas().catch(() => undefined);
    const ran = await running;
    cleanUp();
    const loaded = await outputSchemas();
    for (const value of ran.ok && Array.isArray(ran.value) ? ran.value : []) {
      const line = loaded.indexedSchema.safeParse(value);
      const request = line.success ? requests[line.data.index] : undefined;
      const result = request && resultOf(value, request, vitest.version, loaded);
      // The first config ran as in a process of its own (its directory, the starting environment): its failure stands.
      if (result?.ok || (result && line.data!.index === 0)) answered.set(line.data!.index, result);
    }
  }
  // One after the other: the caller gave this one runner slot.
  const outcomes: ProbeOutcome[] = [];
  for (const [index, request] of requests.entries()) {
    const result = answered.get(index) ?? (await askVitest(request, 'config'));
    outcomes.push(result.ok ? { ok: true, version: result.version, projects: result.projects } : result);
  }
  return outcomes;
}

export async function probeVitest(request: ProbeRequest): Promise<ProbeOutcome> {
  const asked = await askVitest(request, 'config');
  return asked.ok ? { ok: true, version: asked.version, projects: asked.projects } : asked;
}

/** The test files vitest itself finds (its `globTestSpecifications`, what `vitest list --filesOnly` prints). */
export async function listVitest(request: ProbeRequest): Promise<ListOutcome> {
  const asked = await askVitest(request, 'list');
  return asked.ok ? { ok: true, version: asked.version, projects: asked.projects, files: asked.files ?? [] } : asked;
}

/** How impacted asks vitest: the probe and the listing above. */
export const vitestProbe: RunnerProbe = { probe: probeVitest, probeMany: probeVitestMany, list: listVitest };
