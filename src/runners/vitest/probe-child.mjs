// Run by node as a child process: loads the repository's own vitest, resolves its config and every project without
// running a test, and prints as one JSON line after a marker each project's resolved config and, in `list` mode,
// the test files vitest itself finds (what `vitest list --filesOnly` prints). Works with vitest 1 to 4.
// `many` mode resolves several configs of this vitest, one after the other, each in its own directory and with the
// environment the process started with (as one process per config would have them), one marked line each.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { firstLine } from '../probe/first-line.mjs';

const [mode, vitestNodePath, ...rest] = process.argv.slice(2);

/** vite's own aliases (`/@vite/client`, `/@vite/env`) are not the repository's. */
function isViteInternal(alias) {
  return alias.find instanceof RegExp && /@vite/.test(alias.find.source);
}

function aliasesOf(project) {
  const viteConfig = project.vite?.config ?? project.server?.config;
  const list = viteConfig?.resolve?.alias ?? [];
  return list
    .filter((alias) => !isViteInternal(alias) && typeof alias.replacement === 'string')
    .map((alias) => ({
      find: alias.find instanceof RegExp ? alias.find.source : String(alias.find),
      isRegExp: alias.find instanceof RegExp,
      replacement: alias.replacement,
    }));
}

function nameOf(project) {
  if (typeof project.name === 'string') return project.name;
  if (typeof project.getName === 'function') return project.getName();
  return project.config?.name ?? '';
}

function strings(value) {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).filter((entry) => typeof entry === 'string');
}

function describe(project) {
  const config = project.config;
  return {
    name: nameOf(project),
    configFile: (project.vite?.config ?? project.server?.config)?.configFile ?? null,
    // vitest globs a relative `dir` from the directory it runs in, not from the project's root.
    dir: path.resolve(config.dir || config.root),
    include: strings(config.include),
    includeSource: strings(config.includeSource),
    // With typecheck on, vitest also lists (and runs) the type tests `typecheck.include` matches.
    typecheckInclude: config.typecheck?.enabled ? strings(config.typecheck.include) : [],
    exclude: strings(config.exclude),
    setupFiles: strings(config.setupFiles),
    globalSetup: strings(config.globalSetup),
    aliases: aliasesOf(project),
  };
}

function projectsOf(vitest) {
  const projects = vitest.projects?.length ? vitest.projects : [vitest.getCoreWorkspaceProject?.() ?? vitest.getRootProject?.()];
  return projects.filter(Boolean);
}

/** vitest 3-4 `globTestSpecifications`, 2.1 `globTestSpecs`, 1-2.0 `globTestFiles` (pairs of project and file). */
async function listFiles(vitest) {
  const glob = vitest.globTestSpecifications ?? vitest.globTestSpecs ?? vitest.globTestFiles;
  const specs = await glob.call(vitest, []);
  return [...new Set(specs.map((spec) => spec.moduleId ?? spec[1]))];
}

async function probe(root, configFile, list) {
  const { createVitest } = await import(pathToFileURL(vitestNodePath).href);
  const options = { watch: false, run: true, root, config: configFile || undefined, reporters: [], api: false, ui: false };
  // No server, no file watcher: the config and the projects are all that is needed.
  const vitest = await createVitest('test', options, { server: { ws: false, watch: null }, clearScreen: false, logLevel: 'silent' });
  const result = { projects: projectsOf(vitest).map(describe), ...(list ? { files: await listFiles(vitest) } : {}) };
  await vitest.close();
  return result;
}

async function answer(root, configFile, list) {
  try {
    return await probe(root, configFile, list);
  } catch (error) {
    return { error: firstLine(error instanceof Error ? error.message : String(error)) };
  }
}

/** Writes one line and resolves once it is out: a pipe takes only so much at once. */
function writeLine(line) {
  return new Promise((resolve) => process.stdout.write(line, resolve));
}

if (mode === 'many') {
  const [marker, requests] = rest;
  const started = { cwd: process.cwd(), env: { ...process.env } };
  for (const [index, [root, configFile]] of JSON.parse(requests).entries()) {
    for (const key of Object.keys(process.env)) if (!(key in started.env)) delete process.env[key];
    Object.assign(process.env, started.env);
    process.chdir(root);
    await writeLine(`\n${marker}${JSON.stringify({ index, ...(await answer(root, configFile, false)) })}\n`);
  }
} else {
  const [root, configFile, marker] = rest;
  await writeLine(`\n${marker}${JSON.stringify(await answer(root, configFile, mode === 'list'))}\n`);
}
// vitest may leave handles open.
process.exit(0);
