// Asks the repository's installed mocha for its options (spec, ignore, extension, require, file) with its own loader.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Minimatch } from 'minimatch';
import { probeCwd } from '../probe/probe-cwd.js';
import { repoPaths } from '../probe/probe-paths.js';
import type { ListOutcome, ProbeOutcome, ProbeRequest, RunnerProbe } from '../probe/probe-types.js';
import { resolveRunnerPackage } from '../probe/resolve-runner-package.js';
import { runProbeProcess } from '../probe/run-probe-process.js';

const childScript = fileURLToPath(new URL('./probe-child.mjs', import.meta.url));
const marker = '@@impacted-mocha-probe@@';
/** mocha's own default when no spec is given. */
const defaultSpec = ['./test'];

/** The output schema (with zod): imported once mocha is started, awaited once it has answered. */
let schemas: Promise<typeof import('./output-schema.js')> | undefined;
const outputSchemas = () => (schemas ??= import('./output-schema.js'));

function isDirectory(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}

function extensionGlob(extensions: readonly string[]): string {
  const [only] = extensions;
  return extensions.length === 1 && only !== undefined ? only : `{${extensions.join(',')}}`;
}

/**
 * A mocha spec as a glob relative to `cwd`, the way mocha's lookupFiles reads it: a glob as written, a directory
 * as its files with one of the extensions (below it with `recursive`), a path without extension with one added.
 */
function specGlob(cwd: string, spec: string, extensions: readonly string[], recursive: boolean): string {
  const clean = spec.replace(/^\.\//, '').replace(/\/$/, '');
  if (new Minimatch(clean).hasMagic()) return clean;
  const ext = extensionGlob(extensions);
  if (isDirectory(path.join(cwd, clean))) return `${clean === '.' ? '' : `${clean}/`}${recursive ? '**/' : ''}*.${ext}`;
  return existsSync(path.join(cwd, clean)) ? clean : `${clean}.${ext}`;
}

/** `require` entries that name files (mocha loads an existing path as a file, anything else as a package). */
function localRequires(cwd: string, entries: readonly string[]): string[] {
  return entries.flatMap((entry) => {
    const candidates = [entry, `${entry}.js`].map((file) => path.resolve(cwd, file));
    const found = candidates.find((file) => existsSync(file));
    return found === undefined ? [] : [found];
  });
}

export async function probeMocha(request: ProbeRequest): Promise<ProbeOutcome> {
  const asked = await askMocha(request, 'config');
  return asked.ok ? { ok: true, version: asked.version, projects: asked.projects } : asked;
}

/** The spec files mocha itself collects (its own collect-files, which `mocha --dry-run` runs). */
export async function listMocha(request: ProbeRequest): Promise<ListOutcome> {
  const asked = await askMocha(request, 'list');
  return asked.ok ? { ok: true, version: asked.version, projects: asked.projects, files: asked.files ?? [] } : asked;
}

async function askMocha(request: ProbeRequest, mode: 'config' | 'list'): Promise<(ProbeOutcome & { files?: string[] }) | { ok: false; reason: string }> {
  const cwd = probeCwd(request);
  const mocha = resolveRunnerPackage('mocha', cwd, request.root);
  if (!mocha) return { ok: false, reason: 'mocha is not installed' };
  const configPath = request.configFile === '' || path.posix.basename(request.configFile) === 'package.json' ? '' : path.join(request.root, request.configFile);
  const running = runProbeProcess({ args: [childScript, mode, mocha.dir, configPath, marker], cwd, marker, timeoutMs: request.timeoutMs });
  outputSchemas().catch(() => undefined);
  const ran = await running;
  if (!ran.ok) return { ok: false, reason: `mocha ${mocha.version} could not be asked: ${ran.reason}` };
  const output = (await outputSchemas()).outputSchema.safeParse(ran.value);
  if (!output.success) return { ok: false, reason: `mocha ${mocha.version} answered in an unknown shape` };
  if ('error' in output.data) return { ok: false, reason: `mocha ${mocha.version} could not load its options: ${output.data.error}` };
  const options = output.data;
  // Without a spec, mocha takes it from its command line (a package's test script): the config alone does not say
  // which files are tests, and mocha's default ./test would claim too few.
  if (options.spec.length === 0 && mode === 'config') return { ok: false, reason: 'the mocha config names no spec (mocha takes it from the command line)' };
  const paths = repoPaths(request.root);
  const specs = options.spec.length > 0 ? options.spec : defaultSpec;
  const setup = [...localRequires(cwd, options.require), ...options.file.map((file) => path.resolve(cwd, file))];
  const files = options.files?.map((file) => paths.relative(file)).filter((file): file is string => file !== undefined);
  return {
    ok: true,
    version: mocha.version,
    ...(files ? { files } : {}),
    projects: [
      {
        runner: 'mocha',
        configFile: request.configFile,
        dir: paths.relative(cwd) ?? '',
        include: specs.map((spec) => specGlob(cwd, spec, options.extension, options.recursive)),
        exclude: options.ignore.map((glob) => glob.replace(/^\.\//, '')),
        testRegex: [],
        ignorePatterns: [],
        roots: [],
        ...paths.setup(setup),
        aliases: [],
        origin: 'probe',
      },
    ],
  };
}

/** How impacted asks mocha: the probe and the listing above. */
export const mochaProbe: RunnerProbe = { probe: probeMocha, list: listMocha };
