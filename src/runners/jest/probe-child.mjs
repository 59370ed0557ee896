// Run by node as a child process: resolves jest configs with the repository's own jest-config (the one its jest CLI
// loads) exactly as `jest --showConfig [--config <file>]` does (`readConfigs` with that argv and the working directory
// as the project), without loading the rest of jest, and prints what `--showConfig` prints ({ configs, globalConfig })
// as one JSON line after a marker. Works with jest 27 to 30.
//
// It answers one config after another, each asked as one JSON line ({ cwd, configFile }) on file descriptor 3, so that
// node and jest-config start once for several configs. Before each config the process is put back as it started: the
// environment, the working directory and `process.argv`, and every module loaded since (the repository's configs and
// helpers, which run again) leaves the require cache. What cannot be put back ends the process after that answer
// (`reusable: false`), and the next config gets a new one: a global, a built-in or a loaded module's exports that a
// config changed or left changed, a require hook, an ES module (node cannot unload one), a timer or handle left open.
// The first config that fails ends the process as it would end one of its own (its error's stack on stderr, exit 1);
// a later one, read in the state the process started in, is answered `failed` with that stack.
import { createRequire } from 'node:module';
import net from 'node:net';
import { createInterface } from 'node:readline';

const [jestConfigEntry, marker] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const Module = require('node:module');
// The require hooks and node's cache of resolved requests.
// oxlint-disable-next-line no-underscore-dangle
const { _extensions: requireExtensions, _pathCache: resolvedRequests } = Module;

// jest's bin sets it before any config loads.
if (process.env.NODE_ENV === undefined) process.env.NODE_ENV = 'test';

/** What the jest CLI prints of an error: its stack. */
function stackOf(error) {
  return error instanceof Error && error.stack ? error.stack : String(error);
}

/** As the jest CLI reports a config it cannot read: the error's stack on stderr, exit 1. */
async function fail(error) {
  await new Promise((resolve) => process.stderr.write(`${stackOf(error)}\n`, resolve));
  process.exit(1);
}

/** Writes one line and resolves once it is out: a pipe takes only so much at once. */
function writeLine(line) {
  return new Promise((resolve) => process.stdout.write(line, resolve));
}

const ids = new WeakMap();
let lastId = 0;
/** A value as text: primitives as themselves, objects and functions by identity. */
function idOf(value) {
  if ((typeof value !== 'object' || value === null) && typeof value !== 'function') return typeof value === 'symbol' ? String(value) : `${typeof value}:${String(value)}`;
  if (!ids.has(value)) ids.set(value, `#${++lastId}`);
  return ids.get(value);
}

function inheritsGetter(value, key) {
  for (let proto = Object.getPrototypeOf(value); proto !== null; proto = Object.getPrototypeOf(proto)) {
    const descriptor = Reflect.getOwnPropertyDescriptor(proto, key);
    if (descriptor) return descriptor.get !== undefined;
  }
  return false;
}

/** Every own property of `value` with what it holds, and of the plain objects and arrays it holds, `depth` levels down. */
function describeInto(out, path, value, depth, seen) {
  if ((typeof value !== 'object' || value === null) && typeof value !== 'function') return;
  if (seen.has(value)) return;
  seen.add(value);
  for (const key of Reflect.ownKeys(value)) {
    const descriptor = Reflect.getOwnPropertyDescriptor(value, key);
    // A getter that keeps what it made as the object's own value (chalk's colours) changes nothing.
    if ('value' in descriptor && inheritsGetter(value, key)) continue;
    const held = 'value' in descriptor ? idOf(descriptor.value) : `${idOf(descriptor.get)}/${idOf(descriptor.set)}`;
    out.push(`${path}.${String(key)}=${held}`);
    const inner = descriptor.value;
    const plain = Array.isArray(inner) || (typeof inner === 'object' && inner !== null && [Object.prototype, null].includes(Object.getPrototypeOf(inner)));
    if (depth > 0 && plain) describeInto(out, `${path}.${String(key)}`, inner, depth - 1, seen);
  }
}

/** The globals that were getters at the start. */
const globalGetters = new Map();

/**
 * Every global with what it holds. Node defines some on first read (AbortController, fetch, ...: the getter replaces
 * itself with the value): one that holds what its getter at the start gives counts as that getter still.
 */
function globalsInto(out) {
  for (const key of Reflect.ownKeys(globalThis)) {
    const descriptor = Reflect.getOwnPropertyDescriptor(globalThis, key);
    const atStart = globalGetters.get(key);
    let lazy = false;
    if ('value' in descriptor && atStart) {
      try {
        lazy = atStart.get.call(globalThis) === descriptor.value;
      } catch {
        // A getter that throws gives nothing to compare.
      }
    }
    const held = lazy ? atStart : descriptor;
    out.push(`globalThis.${String(key)}=${'value' in held ? idOf(held.value) : `${idOf(held.get)}/${idOf(held.set)}`}`);
  }
}

const builtins = ['fs', 'fs/promises', 'path', 'os', 'util', 'events', 'child_process', 'module', 'url', 'crypto', 'stream', 'worker_threads'];
const intrinsics = { Object, Function, Array, String, Number, Boolean, Symbol, BigInt, Promise, RegExp, Date, Error, Map, Set, WeakMap, WeakSet, JSON, Math, Reflect, Proxy };

/** The ES module loader's cache, through node's internals where they are exposed (this process runs with --expose-internals). */
function esModuleCount() {
  try {
    const size = require('internal/modules/esm/loader').getOrInitializeCascadedLoader().loadCache.size;
    return typeof size === 'number' ? size : null;
  } catch {
    return null;
  }
}

/** The timers, handles and requests that keep the process going. */
function activeResources() {
  return process.getActiveResourcesInfo().sort().join();
}

/** Everything a config could change that the next config would see: compared before and after each config. */
function processState(modulesAtStart) {
  // First: a global's getter asked below may leave an immediate of its own.
  const out = [`resources=${activeResources()}`];
  const seen = new Set();
  globalsInto(out);
  for (const [name, intrinsic] of Object.entries(intrinsics)) {
    describeInto(out, name, intrinsic, 0, seen);
    if (intrinsic.prototype) describeInto(out, `${name}.prototype`, intrinsic.prototype, 0, seen);
  }
  describeInto(out, 'Module', Module, 0, seen);
  describeInto(out, 'Module.prototype', Module.prototype, 0, seen);
  describeInto(out, 'extensions', requireExtensions, 0, seen);
  for (const name of builtins) describeInto(out, name, require(name), 1, seen);
  describeInto(out, 'process', process, 0, seen);
  describeInto(out, 'process.versions', process.versions, 0, seen);
  for (const file of modulesAtStart) {
    // Some modules define `exports` as a getter that makes a new object each time (ansi-styles): the getter is what counts.
    const exports = require.cache[file] && Reflect.getOwnPropertyDescriptor(require.cache[file], 'exports');
    if (exports && !('value' in exports)) out.push(`${file}=${idOf(exports.get)}`);
    else describeInto(out, file, exports?.value, 3, seen);
  }
  // Where node does not tell, no two states are the same: no config is read after another.
  const esModules = esModuleCount();
  out.push(esModules === null ? `esm=unknown ${++lastId}` : `esm=${esModules}`);
  return out.join('\n');
}

/** Empties the file-system caches of jest-config's own jest-resolve (where it has them), before each config. */
function resolverCacheClearer() {
  try {
    const resolver = createRequire(jestConfigEntry)('jest-resolve');
    const Resolver = resolver.default ?? resolver;
    if (typeof Resolver.clearDefaultResolverCache === 'function') return () => Resolver.clearDefaultResolverCache();
  } catch {
    // Not found: jest-config loads it itself.
  }
  return () => {};
}

try {
  const { readConfigs } = require(jestConfigEntry);
  const clearResolverCache = resolverCacheClearer();
  // Node makes the standard streams on first use: used once now, they do not change later.
  for (const stream of [process.stdout, process.stderr]) void stream.fd;
  for (const key of Reflect.ownKeys(globalThis)) {
    const descriptor = Reflect.getOwnPropertyDescriptor(globalThis, key);
    if (descriptor.get) globalGetters.set(key, descriptor);
  }
  const requests = createInterface({ input: new net.Socket({ fd: 3, readable: true, writable: false }), crlfDelay: Infinity });
  const startedWith = { env: { ...process.env }, argv: [...process.argv], modules: new Set(Object.keys(require.cache)), paths: new Set(Object.keys(resolvedRequests)) };
  // What starting left in flight (a file being closed) is done.
  await new Promise((resolve) => setImmediate(resolve));
  const atStart = processState(startedWith.modules);
  const resourcesAtStart = activeResources();
  let asked = 0;
  for await (const line of requests) {
    asked++;
    const { cwd, configFile } = JSON.parse(line);
    for (const key of Object.keys(process.env)) if (!(key in startedWith.env)) delete process.env[key];
    Object.assign(process.env, startedWith.env);
    process.chdir(cwd);
    // As a process started for this config alone has it.
    process.argv.splice(0, process.argv.length, startedWith.argv[0], startedWith.argv[1], jestConfigEntry, configFile, marker);
    for (const file of Object.keys(require.cache)) if (!startedWith.modules.has(file)) delete require.cache[file];
    for (const key of Object.keys(resolvedRequests)) if (!startedWith.paths.has(key)) delete resolvedRequests[key];
    clearResolverCache();
    const argv = { _: [], $0: 'jest', showConfig: true, ...(configFile ? { config: configFile } : {}) };
    let answer;
    let failed;
    try {
      answer = await readConfigs(argv, [process.cwd()]);
    } catch (error) {
      // The first config fails as in a process of its own; a later one's error is its answer.
      if (asked === 1) await fail(error);
      failed = stackOf(error);
    }
    // Whatever the config started in promise callbacks has run, and what jest or the config left for the next turns
    // (an immediate, a file being closed) is done: a few turns at most.
    for (let turn = 0; turn < 5; turn++) {
      await new Promise((resolve) => setImmediate(resolve));
      if (activeResources() === resourcesAtStart) break;
    }
    const now = processState(startedWith.modules);
    const reusable = now === atStart;
    const answered = answer ? { configs: answer.configs, globalConfig: answer.globalConfig } : { failed };
    await writeLine(`\n${marker}${JSON.stringify({ ...answered, reusable })}\n`);
    // A config may leave handles open.
    if (!reusable) process.exit(0);
  }
  process.exit(0);
} catch (error) {
  await fail(error);
}
