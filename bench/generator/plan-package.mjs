// Decides one workspace package's modules, exports, imports, assets and tests; writes nothing.
import path from 'node:path';
import {
  featureAreas,
  featureLayers,
  featureVerbs,
  kebab,
  pascal,
  qualifiers,
  subjects,
  utilVerbs,
} from './words.mjs';

/**
 * @typedef {'util' | 'model' | 'service' | 'feature' | 'db' | 'component' | 'config'} ModuleKind
 *
 * @typedef {object} ImportedName
 * @property {string} name      the exported name
 * @property {string} local     how the importing file refers to it (an alias, or `ns.name`)
 * @property {boolean} typeOnly
 *
 * @typedef {object} ImportPlan
 * @property {string} specifier
 * @property {string} [target]      the repository-relative file it resolves to (none for npm and node: packages)
 * @property {ImportedName[]} names
 * @property {boolean} typeOnly       `import type { ... }`
 * @property {string} [namespace]     `import * as ns`
 * @property {string} [defaultName]   `import x from` (JSON data)
 * @property {boolean} [json]         adds `with { type: 'json' }`
 *
 * @typedef {object} ModulePlan
 * @property {string} path        src-relative, without extension: `util/format-invoice`
 * @property {'.ts' | '.tsx'} ext
 * @property {ModuleKind} kind
 * @property {string} subject     PascalCase noun: `RecurringInvoice`
 * @property {string} main        the main value export
 * @property {string[]} values    every exported value
 * @property {string[]} types     every exported type
 * @property {boolean} isPublic   re-exported by the package barrel
 * @property {boolean} barrelTypeOnly  re-exported with `export type *`, so its values are not
 * @property {ImportPlan[]} imports
 * @property {{ specifier: string, name: string, target: string }[]} lazy   dynamic `import()`s
 * @property {{ specifier: string, target: string }[]} assets  `new URL(specifier, import.meta.url)`s
 * @property {string[]} externals npm packages it imports (for package.json)
 * @property {number} importers   how many files import it (picks the benchmark change)
 *
 * @typedef {object} TestPlan
 * @property {string} path        package-relative: `test/format-invoice.test.ts`
 * @property {ModulePlan} subject
 * @property {ImportPlan[]} imports
 * @property {{ specifier: string, target: string }[]} mocks  `vi.mock()`s
 *
 * @typedef {object} PackagePlan
 * @property {number} index
 * @property {string} name        `@bench/p3`
 * @property {string} dir         repo-relative: `packages/p3` or `apps/p9`
 * @property {boolean} isApp
 * @property {'nodenext' | 'bundler'} resolution
 * @property {PackagePlan[]} deps workspace packages it depends on (all lower-numbered)
 * @property {string | undefined} alias  `@alias/p1` when the root tsconfig maps it
 * @property {boolean} utilBarrel has `src/util/index.ts` and the `./util` subpath export
 * @property {ModulePlan[]} modules
 * @property {TestPlan[]} tests
 * @property {{ path: string, subject: string }[]} sql   package-relative: `migrations/001-invoice.sql`
 * @property {{ path: string, subject: string }[]} json  src-relative: `data/invoice.json`
 */
/** @typedef {import('./random.mjs').Random} Random */

/** Files every package has besides its modules, assets and tests: package.json, tsconfig.json, src/index.ts. */
export const fixedFilesPerPackage = 3;
/** The smallest budget planPackage accepts: the fixed files, one module and one test. */
export const minFilesPerPackage = fixedFilesPerPackage + 2;

/** @type {Record<ModuleKind, number>} */
const libraryKindWeights = { util: 20, model: 15, service: 30, feature: 20, db: 5, component: 4, config: 6 };
/** @type {Record<ModuleKind, number>} */
const appKindWeights = { util: 10, model: 10, service: 20, feature: 30, db: 5, component: 20, config: 5 };

/** How likely a module of each kind imports another workspace package. */
/** @type {Record<ModuleKind, number>} */
const crossPackageChance = { util: 0.1, model: 0.15, service: 0.45, feature: 0.5, db: 0.2, component: 0.4, config: 0.2 };

/**
 * @param {object} options
 * @param {number} options.index
 * @param {string} options.dir
 * @param {boolean} options.isApp
 * @param {'nodenext' | 'bundler'} options.resolution
 * @param {PackagePlan[]} options.deps
 * @param {string | undefined} options.alias
 * @param {PackagePlan[]} options.aliased   lower packages reachable through a tsconfig `paths` alias
 * @param {number} options.budget           the exact number of files this package gets
 * @param {Random} options.random
 * @returns {PackagePlan}
 */
export function planPackage({ index, dir, isApp, resolution, deps, alias, aliased, budget, random }) {
  if (budget < minFilesPerPackage) throw new Error(`package budget ${budget} is below ${minFilesPerPackage}`);
  const variable = budget - fixedFilesPerPackage;
  const testCount = Math.max(1, Math.round(variable * 0.17));
  let rest = variable - testCount;
  const sqlCount = rest >= 15 ? Math.max(1, Math.round(rest * 0.02)) : 0;
  rest -= sqlCount;
  const jsonCount = rest >= 12 ? Math.max(1, Math.round(rest * 0.02)) : 0;
  rest -= jsonCount;
  const utilBarrel = rest >= 10;
  const moduleCount = rest - (utilBarrel ? 1 : 0);

  /** @type {PackagePlan} */
  const pkg = {
    index,
    name: `@bench/p${index}`,
    dir,
    isApp,
    resolution,
    deps,
    alias,
    utilBarrel,
    modules: [],
    tests: [],
    sql: [],
    json: [],
  };
  /** @type {Set<string>} every exported identifier and module path, so barrels never re-export a name twice */
  const taken = new Set();

  for (let i = 0; i < sqlCount; i++) {
    const subject = random.pick(subjects);
    pkg.sql.push({ path: `migrations/${String(i + 1).padStart(3, '0')}-${subject}.sql`, subject });
  }
  for (let i = 0; i < jsonCount; i++) {
    const subject = random.pick(subjects);
    pkg.json.push({ path: `data/${subject}-${i + 1}.json`, subject });
  }

  const kinds = planKinds(moduleCount, { isApp, utilBarrel, hasSql: sqlCount > 0, hasJson: jsonCount > 0 }, random);
  for (const kind of kinds) {
    const module = nameModule(kind, taken, random);
    module.isPublic = kind === 'util' ? true : random.chance(0.9);
    module.barrelTypeOnly = kind === 'model' && random.chance(0.3);
    planModuleImports(module, pkg, aliased, random);
    pkg.modules.push(module);
  }
  planTests(pkg, testCount, random);
  return pkg;
}

/**
 * @param {number} count
 * @param {{ isApp: boolean, utilBarrel: boolean, hasSql: boolean, hasJson: boolean }} shape
 * @param {Random} random
 * @returns {ModuleKind[]}
 */
function planKinds(count, shape, random) {
  const weights = shape.isApp ? appKindWeights : libraryKindWeights;
  const entries = /** @type {[ModuleKind, number][]} */ (Object.entries(weights)).filter(
    ([kind]) => (kind !== 'db' || shape.hasSql) && (kind !== 'config' || shape.hasJson),
  );
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  /** @type {ModuleKind[]} */
  const kinds = [];
  for (let i = 0; i < count; i++) {
    // Leaves first: the earliest modules lean to models and utils, which others build on.
    const early = i < count * 0.2;
    if (early && random.chance(0.6)) {
      kinds.push(random.chance(0.5) ? 'util' : 'model');
      continue;
    }
    let roll = random.next() * total;
    for (const [kind, weight] of entries) {
      roll -= weight;
      if (roll < 0) {
        kinds.push(kind);
        break;
      }
    }
    if (kinds.length === i) kinds.push('service');
  }
  // A util barrel needs utils to re-export; assets and JSON need a module that reads them.
  if (shape.utilBarrel) {
    for (let i = 0; i < Math.min(2, count); i++) kinds[i] = 'util';
  }
  if (shape.hasSql && !kinds.includes('db') && count > 2) kinds[random.int(2, count - 1)] = 'db';
  if (shape.hasJson && !kinds.includes('config') && count > 2) {
    const slot = kinds.findIndex((kind, i) => i >= 2 && kind !== 'db');
    if (slot >= 0) kinds[slot] = 'config';
  }
  return kinds;
}

/**
 * @param {ModuleKind} kind
 * @param {Set<string>} taken
 * @param {Random} random
 * @returns {ModulePlan}
 */
function nameModule(kind, taken, random) {
  for (let attempt = 0; ; attempt++) {
    let subject = pascal(random.pick(subjects));
    if (random.chance(0.5)) subject = pascal(random.pick(qualifiers)) + subject;
    // Past a few collisions, a numbered subject keeps big packages from looping.
    if (attempt >= 8) subject += String(attempt);
    const names = namesFor(kind, subject, random);
    const keys = [...names.values, ...names.types, `path:${names.path}`];
    if (keys.some((key) => taken.has(key))) continue;
    for (const key of keys) taken.add(key);
    return {
      ...names,
      kind,
      subject,
      isPublic: true,
      barrelTypeOnly: false,
      imports: [],
      lazy: [],
      assets: [],
      externals: [],
      importers: 0,
    };
  }
}

/**
 * @param {ModuleKind} kind
 * @param {string} subject
 * @param {Random} random
 * @returns {{ path: string, ext: '.ts' | '.tsx', main: string, values: string[], types: string[] }}
 */
function namesFor(kind, subject, random) {
  const camel = subject.charAt(0).toLowerCase() + subject.slice(1);
  switch (kind) {
    case 'util': {
      const verb = random.pick(utilVerbs);
      const main = verb + subject;
      return { path: `util/${kebab(main)}`, ext: '.ts', main, values: [main, `${main}All`], types: [`${pascal(verb)}${subject}Options`] };
    }
    case 'model':
      return { path: `model/${kebab(subject)}`, ext: '.ts', main: `is${subject}`, values: [`is${subject}`], types: [subject, `${subject}Status`, `${subject}Summary`] };
    case 'service':
      return {
        path: `services/${kebab(subject)}-service`,
        ext: '.ts',
        main: `create${subject}Service`,
        values: [`${subject}Service`, `create${subject}Service`, `${camel}ServiceSchema`],
        types: [`${subject}ServiceOptions`],
      };
    case 'feature': {
      const verb = random.pick(featureVerbs);
      const main = verb + subject;
      return {
        path: `features/${random.pick(featureAreas)}/${random.pick(featureLayers)}/${kebab(main)}`,
        ext: '.ts',
        main,
        values: [main],
        types: [`${pascal(main)}Request`, `${pascal(main)}Result`],
      };
    }
    case 'db':
      return { path: `db/${kebab(subject)}-repository`, ext: '.ts', main: `open${subject}Repository`, values: [`${subject}Repository`, `open${subject}Repository`], types: [`${subject}Row`] };
    case 'component': {
      const main = subject + random.pick(['Card', 'Panel', 'List', 'Badge', 'Form']);
      return { path: `components/${kebab(main)}`, ext: '.tsx', main, values: [main], types: [`${main}Props`] };
    }
    case 'config':
      return { path: `config/${kebab(subject)}-config`, ext: '.ts', main: `load${subject}Config`, values: [`load${subject}Config`, `${camel}Defaults`], types: [`${subject}Config`] };
  }
}

/**
 * The repository-relative path of a planned module.
 * @param {PackagePlan} pkg
 * @param {ModulePlan} module
 */
export function fileOf(pkg, module) {
  return `${pkg.dir}/src/${module.path}${module.ext}`;
}

/**
 * A relative specifier from one src-relative file to another, spelled as the package's resolution mode allows.
 * @param {string} fromDir   package-relative directory of the importing file
 * @param {string} target    package-relative path without extension
 * @param {PackagePlan} pkg
 * @param {Random} random
 */
export function relativeSpecifier(fromDir, target, pkg, random) {
  let specifier = path.posix.relative(fromDir, target);
  if (!specifier.startsWith('.')) specifier = `./${specifier}`;
  // Bundler packages sometimes drop the extension, as real ones do.
  const extensionless = pkg.resolution === 'bundler' && random.chance(0.3);
  return extensionless ? specifier : `${specifier}.js`;
}

/**
 * @param {ModulePlan} module
 * @param {PackagePlan} pkg       the package being planned; its modules so far are the candidates
 * @param {PackagePlan[]} aliased
 * @param {Random} random
 */
function planModuleImports(module, pkg, aliased, random) {
  const fromDir = path.posix.dirname(`src/${module.path}`);
  /** @type {Set<string>} locals already bound in this file */
  const locals = new Set([...module.values, ...module.types]);
  const earlier = pkg.modules;
  const candidates = earlier.filter((other) =>
    module.kind === 'model' ? other.kind === 'model' : module.kind === 'util' ? other.kind === 'util' || other.kind === 'model' : true,
  );

  let internalCount = 0;
  if (candidates.length > 0) {
    if (module.kind === 'model') internalCount = random.chance(0.4) ? 1 : 0;
    else if (module.kind === 'util') internalCount = random.chance(0.5) ? random.int(1, 2) : 0;
    else internalCount = random.int(1, 4);
  }
  /** @type {Set<ModulePlan>} */
  const targets = new Set();
  for (let i = 0; i < internalCount * 3 && targets.size < Math.min(internalCount, candidates.length); i++) {
    // Half the time a recent module, so chains inside a package get long.
    const pool = random.chance(0.5) ? candidates.slice(-6) : candidates;
    targets.add(random.pick(pool));
  }
  for (const target of targets) {
    target.importers++;
    const specifier = relativeSpecifier(fromDir, `src/${target.path}`, pkg, random);
    const file = fileOf(pkg, target);
    const canBeLazy = (module.kind === 'service' || module.kind === 'feature') && target.kind !== 'model';
    if (canBeLazy && module.lazy.length === 0 && random.chance(0.15)) {
      module.lazy.push({ specifier, name: target.main, target: file });
      continue;
    }
    if (target.kind === 'model') {
      const names = random.sample(target.types, random.int(1, 2)).filter((name) => !locals.has(name));
      if (names.length === 0) continue;
      for (const name of names) locals.add(name);
      module.imports.push({ specifier, target: file, typeOnly: true, names: names.map((name) => ({ name, local: name, typeOnly: true })) });
      continue;
    }
    if (locals.has(target.main)) continue;
    locals.add(target.main);
    const names = [{ name: target.main, local: target.main, typeOnly: false }];
    const type = target.types[0];
    if (type && !locals.has(type) && random.chance(0.3)) {
      locals.add(type);
      names.push({ name: type, local: type, typeOnly: true });
    }
    module.imports.push({ specifier, target: file, typeOnly: false, names });
  }

  if (pkg.deps.length > 0 && random.chance(crossPackageChance[module.kind])) {
    const deps = random.sample(pkg.deps, random.chance(0.2) ? 2 : 1);
    for (const dep of deps) {
      const plan = crossPackageImport(module.kind, dep, locals, random);
      if (plan) module.imports.push(plan);
    }
  }
  const aliasTargets = aliased.filter((other) => other.index < pkg.index);
  if (aliasTargets.length > 0 && module.kind !== 'model' && random.chance(0.12)) {
    const target = random.pick(aliasTargets);
    const source = random.pick(target.modules);
    const name = bindName(source.main, target, locals);
    source.importers++;
    module.imports.push({
      specifier: `${target.alias}/${source.path}.js`,
      target: fileOf(target, source),
      typeOnly: false,
      names: [{ name: source.main, local: name, typeOnly: false }],
    });
  }

  planExternals(module, pkg, locals, random);
}

/**
 * @param {ModuleKind} kind
 * @param {PackagePlan} dep
 * @param {Set<string>} locals
 * @param {Random} random
 * @returns {ImportPlan | undefined}
 */
function crossPackageImport(kind, dep, locals, random) {
  const barrel = `${dep.dir}/src/index.ts`;
  const barrelValues = dep.modules.filter((other) => other.isPublic && !other.barrelTypeOnly);
  const barrelTypes = dep.modules.filter((other) => other.isPublic && other.types.length > 0);
  if (kind === 'model') {
    if (barrelTypes.length === 0) return undefined;
    const source = random.pick(barrelTypes);
    const type = /** @type {string} */ (source.types[0]);
    source.importers++;
    return { specifier: dep.name, target: barrel, typeOnly: true, names: [{ name: type, local: bindName(type, dep, locals), typeOnly: true }] };
  }
  const roll = random.next();
  if (roll < 0.15 && dep.utilBarrel) {
    const source = random.pick(dep.modules.filter((other) => other.kind === 'util'));
    source.importers++;
    return named(`${dep.name}/util`, `${dep.dir}/src/util/index.ts`, source.main, dep, locals);
  }
  if (roll < 0.35) {
    const source = random.pick(dep.modules);
    source.importers++;
    // The wildcard subpath export "./*" -> "./dist/*.js" reaches any module without the barrel.
    return named(`${dep.name}/${source.path}`, fileOf(dep, source), source.main, dep, locals);
  }
  if (barrelValues.length === 0) return undefined;
  const source = random.pick(barrelValues);
  source.importers++;
  const namespace = `p${dep.index}`;
  if (roll < 0.5 && !locals.has(namespace)) {
    locals.add(namespace);
    return { specifier: dep.name, target: barrel, typeOnly: false, namespace, names: [{ name: source.main, local: `${namespace}.${source.main}`, typeOnly: false }] };
  }
  const plan = named(dep.name, barrel, source.main, dep, locals);
  const type = source.types[0];
  if (type && random.chance(0.25)) plan.names.push({ name: type, local: bindName(type, dep, locals), typeOnly: true });
  return plan;
}

/**
 * @param {string} specifier
 * @param {string} target
 * @param {string} name
 * @param {PackagePlan} dep
 * @param {Set<string>} locals
 * @returns {ImportPlan}
 */
function named(specifier, target, name, dep, locals) {
  return { specifier, target, typeOnly: false, names: [{ name, local: bindName(name, dep, locals), typeOnly: false }] };
}

/**
 * The local name for an imported binding: the name itself, or `nameP3` when this file already has one.
 * @param {string} name
 * @param {PackagePlan} dep
 * @param {Set<string>} locals
 */
function bindName(name, dep, locals) {
  let local = name;
  if (locals.has(local)) local = `${name}P${dep.index}`;
  for (let n = 2; locals.has(local); n++) local = `${name}P${dep.index}x${n}`;
  locals.add(local);
  return local;
}

/**
 * @param {ModulePlan} module
 * @param {PackagePlan} pkg
 * @param {Set<string>} locals
 * @param {Random} random
 */
function planExternals(module, pkg, locals, random) {
  const fromDir = path.posix.dirname(`src/${module.path}`);
  /** @param {string} specifier @param {string} name */
  const add = (specifier, name) => {
    if (locals.has(name)) return;
    locals.add(name);
    module.imports.push({ specifier, typeOnly: false, names: [{ name, local: name, typeOnly: false }] });
    if (!specifier.startsWith('node:')) module.externals.push(specifier);
  };
  if (module.kind === 'util' && random.chance(0.15)) add('lodash', random.pick(['groupBy', 'sortBy', 'uniq', 'chunk']));
  if (module.kind === 'service') add('zod', 'z');
  if (module.kind === 'config' && random.chance(0.6)) add('zod', 'z');
  if (module.kind === 'feature' && random.chance(0.1)) add('node:crypto', 'randomUUID');
  if (module.kind === 'component') module.externals.push('react');
  if (module.kind === 'db' && pkg.sql.length > 0) {
    add('node:fs', 'readFileSync');
    const asset = random.pick(pkg.sql);
    module.assets.push({ specifier: path.posix.relative(fromDir, asset.path), target: `${pkg.dir}/${asset.path}` });
  }
  if (module.kind === 'config' && pkg.json.length > 0) {
    const data = random.pick(pkg.json);
    const local = `${data.subject}Data`;
    if (!locals.has(local)) {
      locals.add(local);
      let specifier = path.posix.relative(fromDir, `src/${data.path}`);
      if (!specifier.startsWith('.')) specifier = `./${specifier}`;
      module.imports.push({ specifier, target: `${pkg.dir}/src/${data.path}`, typeOnly: false, defaultName: local, json: true, names: [] });
    }
  }
}

/**
 * @param {PackagePlan} pkg
 * @param {number} count
 * @param {Random} random
 */
function planTests(pkg, count, random) {
  const modules = pkg.modules;
  const barrelValues = modules.filter((module) => module.isPublic && !module.barrelTypeOnly);
  /** @type {Set<string>} */
  const paths = new Set();
  for (let i = 0; i < count; i++) {
    // Walk the modules in order first, so most modules get a test before any gets two.
    const subject = /** @type {ModulePlan} */ (i < modules.length ? modules[(i * 7919) % modules.length] : random.pick(modules));
    const base = path.posix.basename(subject.path);
    const area = /** @type {string} */ (subject.path.split('/')[0]);
    const integration = random.chance(0.1);
    const candidates = integration
      ? [`test/integration/${base}.int.test.ts`, `test/integration/${area}-${base}.int.test.ts`]
      : [`test/${base}.test.ts`, `test/${area}/${base}.test.ts`];
    let testPath = candidates.find((candidate) => !paths.has(candidate));
    for (let n = 2; testPath === undefined; n++) {
      const candidate = `test/${base}-${n}.test.ts`;
      if (!paths.has(candidate)) testPath = candidate;
    }
    paths.add(testPath);
    const fromDir = path.posix.dirname(testPath);
    /** @type {Set<string>} */
    const locals = new Set(['describe', 'expect', 'it', 'vi']);
    /** @type {ImportPlan[]} */
    const imports = [];
    subject.importers++;
    const subjectSpecifier = relativeSpecifier(fromDir, `src/${subject.path}`, pkg, random);
    const subjectFile = fileOf(pkg, subject);
    const subjectValues = subject.values.slice(0, 2);
    for (const name of subjectValues) locals.add(name);
    imports.push({ specifier: subjectSpecifier, target: subjectFile, typeOnly: false, names: subjectValues.map((name) => ({ name, local: name, typeOnly: false })) });
    if (random.chance(0.3)) {
      const type = /** @type {string} */ (subject.types[0]);
      locals.add(type);
      imports.push({ specifier: subjectSpecifier, target: subjectFile, typeOnly: true, names: [{ name: type, local: type, typeOnly: true }] });
    }
    const other = barrelValues.length > 0 && random.chance(0.3) ? random.pick(barrelValues) : undefined;
    if (other && !locals.has(other.main)) {
      locals.add(other.main);
      other.importers++;
      const barrel = relativeSpecifier(fromDir, 'src/index', pkg, random);
      imports.push({ specifier: barrel, target: `${pkg.dir}/src/index.ts`, typeOnly: false, names: [{ name: other.main, local: other.main, typeOnly: false }] });
    }
    if (pkg.deps.length > 0 && random.chance(0.25)) {
      const dep = random.pick(pkg.deps);
      const depValues = dep.modules.filter((module) => module.isPublic && !module.barrelTypeOnly);
      if (depValues.length > 0) {
        const source = random.pick(depValues);
        source.importers++;
        imports.push(named(dep.name, `${dep.dir}/src/index.ts`, source.main, dep, locals));
      }
    }
    /** @type {{ specifier: string, target: string }[]} */
    const mocks = [];
    const mockable = modules.filter((module) => module !== subject && (module.kind === 'db' || module.kind === 'service'));
    if (mockable.length > 0 && random.chance(0.15)) {
      const mocked = random.pick(mockable);
      mocked.importers++;
      mocks.push({ specifier: relativeSpecifier(fromDir, `src/${mocked.path}`, pkg, random), target: fileOf(pkg, mocked) });
    }
    pkg.tests.push({ path: testPath, subject, imports, mocks });
  }
}
