// Asks the repository's installed playwright for each project's testDir, testMatch and testIgnore (`test --list --reporter=json`).
import path from 'node:path';
import { probeCwd } from '../probe/probe-cwd.js';
import { repoPaths } from '../probe/probe-paths.js';
import type { ListOutcome, ProbeOutcome, ProbeRequest, RunnerProbe } from '../probe/probe-types.js';
import { binOf, resolveRunnerPackage } from '../probe/resolve-runner-package.js';
import { runProbeProcess } from '../probe/run-probe-process.js';
import type { RunnerProject } from '../types.js';

/** The output schema (with zod): imported once playwright is started, awaited once it has answered. */
let schemas: Promise<typeof import('./output-schema.js')> | undefined;
const outputSchemas = () => (schemas ??= import('./output-schema.js'));

/** The JSON reporter writes a RegExp as its source between slashes; a glob never ends that way. */
const serializedRegExp = /^\/(.+)\/[dgimsuvy]*$/;

/** playwright matches a glob that does not start with `**\/` or `/` anywhere below testDir, as if it did. */
function anchoredGlob(glob: string): string {
  return glob.startsWith('**/') || path.isAbsolute(glob) ? glob : `**/${glob}`;
}

function split(values: readonly string[]): { globs: string[]; regExps: string[] } {
  const globs: string[] = [];
  const regExps: string[] = [];
  for (const value of values) {
    const source = serializedRegExp.exec(value)?.[1];
    if (source === undefined) globs.push(anchoredGlob(value));
    else regExps.push(source);
  }
  return { globs, regExps };
}

export async function probePlaywright(request: ProbeRequest): Promise<ProbeOutcome> {
  const listed = await listPlaywright(request);
  return listed.ok ? { ok: true, version: listed.version, projects: listed.projects } : listed;
}

/** The projects and the test files playwright lists (`playwright test --list`), from one run. */
export async function listPlaywright(request: ProbeRequest): Promise<ListOutcome> {
  const cwd = probeCwd(request);
  const playwright = resolveRunnerPackage('@playwright/test', cwd, request.root);
  const bin = playwright && binOf(playwright, 'playwright');
  if (!playwright || !bin) return { ok: false, reason: '@playwright/test is not installed' };
  const configArgs = request.configFile === '' ? [] : ['--config', path.join(request.root, request.configFile)];
  const running = runProbeProcess({ args: [bin, 'test', '--list', '--reporter=json', ...configArgs], cwd, timeoutMs: request.timeoutMs });
  outputSchemas().catch(() => undefined);
  const ran = await running;
  if (!ran.ok) return { ok: false, reason: `playwright ${playwright.version} could not be asked: ${ran.reason}` };
  const report = (await outputSchemas()).reportSchema.safeParse(ran.value);
  if (!report.success) return { ok: false, reason: `playwright ${playwright.version} answered --list in an unknown shape` };
  const paths = repoPaths(request.root);
  const { config } = report.data;
  const global = [config.globalSetup, config.globalTeardown].filter((file): file is string => typeof file === 'string');
  const projects = config.projects.map((project): RunnerProject => {
    const match = split(project.testMatch);
    const ignore = split(project.testIgnore);
    return {
      runner: 'playwright',
      ...(project.name ? { name: project.name } : {}),
      configFile: (config.configFile === undefined ? undefined : paths.relative(config.configFile)) ?? request.configFile,
      dir: paths.relative(project.testDir) ?? '',
      include: match.globs,
      exclude: ignore.globs,
      // Matched against absolute paths, as playwright matches them.
      testRegex: match.regExps,
      ignorePatterns: ignore.regExps,
      roots: [],
      ...paths.setup(global),
      aliases: [],
      origin: 'probe',
    };
  });
  const files = report.data.suites.map((suite) => paths.relative(path.resolve(config.rootDir, suite.file))).filter((file): file is string => file !== undefined);
  return { ok: true, version: playwright.version, projects, files: [...new Set(files)] };
}

/** How impacted asks playwright: the probe and the listing above. */
export const playwrightProbe: RunnerProbe = { probe: probePlaywright, list: listPlaywright };
