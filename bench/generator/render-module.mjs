// Turns a planned module into TypeScript source with a realistic body (interfaces, classes, functions).
import { fieldNames, fieldTypes, kebab, pascal } from './words.mjs';

/** @typedef {import('./plan-package.mjs').ModulePlan} ModulePlan */
/** @typedef {import('./plan-package.mjs').ImportPlan} ImportPlan */
/** @typedef {import('./plan-package.mjs').ImportedName} ImportedName */
/** @typedef {import('./random.mjs').Random} Random */

/** npm and node: packages whose bindings the kind templates use themselves. */
const externalSpecifiers = new Set(['zod', 'lodash', 'node:fs', 'node:crypto']);

/**
 * @param {ModulePlan} module
 * @param {Random} random
 * @returns {string}
 */
export function renderModule(module, random) {
  const { values, types, jsonLocal, lodash, uuid } = bindings(module);
  /** @type {string[]} */
  const parts = [renderImports(module.imports)];
  if (types.length > 0 && module.kind !== 'model') {
    parts.push(['interface Related {', ...types.map((type, i) => `  link${i}?: ${type};`), '}'].join('\n'));
  }
  parts.push(bodyOf(module, { values, types, jsonLocal, lodash, uuid }, random));
  for (const lazy of module.lazy) {
    parts.push(
      [
        `export async function ${module.main}Lazy() {`,
        `  const loaded = await import('${lazy.specifier}');`,
        `  return loaded.${lazy.name};`,
        '}',
      ].join('\n'),
    );
  }
  const helperCount = random.int(0, module.kind === 'model' ? 1 : 3);
  for (let i = 0; i < helperCount; i++) parts.push(renderHelper(i, random));
  return `${parts.filter((part) => part.length > 0).join('\n\n')}\n`;
}

/**
 * @param {readonly ImportPlan[]} imports
 * @returns {string}
 */
export function renderImports(imports) {
  return imports
    .toSorted((a, b) => importRank(a) - importRank(b))
    .map((plan) => {
      if (plan.defaultName) return `import ${plan.defaultName} from '${plan.specifier}' with { type: 'json' };`;
      if (plan.namespace) return `import * as ${plan.namespace} from '${plan.specifier}';`;
      const names = plan.names.map((entry) => {
        const binding = entry.local === entry.name ? entry.name : `${entry.name} as ${entry.local}`;
        return entry.typeOnly && !plan.typeOnly ? `type ${binding}` : binding;
      });
      return `import ${plan.typeOnly ? 'type ' : ''}{ ${names.join(', ')} } from '${plan.specifier}';`;
    })
    .join('\n');
}

/** Builtins first, then packages, then relative files, as people order imports. @param {ImportPlan} plan */
function importRank(plan) {
  return plan.specifier.startsWith('node:') ? 0 : plan.specifier.startsWith('.') ? 2 : 1;
}

/**
 * @typedef {object} Bindings
 * @property {ImportedName[]} values    imported values the body calls
 * @property {string[]} types           imported types the body mentions
 * @property {string | undefined} jsonLocal
 * @property {string | undefined} lodash
 * @property {boolean} uuid
 */

/**
 * @param {ModulePlan} module
 * @returns {Bindings}
 */
function bindings(module) {
  /** @type {Bindings} */
  const found = { values: [], types: [], jsonLocal: undefined, lodash: undefined, uuid: false };
  for (const plan of module.imports) {
    if (plan.defaultName) {
      found.jsonLocal = plan.defaultName;
      continue;
    }
    if (plan.specifier === 'lodash') found.lodash = plan.names[0]?.local;
    if (plan.specifier === 'node:crypto') found.uuid = true;
    if (externalSpecifiers.has(plan.specifier)) continue;
    for (const entry of plan.names) {
      if (entry.typeOnly || plan.typeOnly) found.types.push(entry.local);
      else found.values.push(entry);
    }
  }
  return found;
}

/**
 * How the body uses an imported value, by the shape of its name.
 * @param {ImportedName} entry
 */
function useOf(entry) {
  const { name, local } = entry;
  if (/^[A-Z]/.test(name) && /(Service|Repository)$/.test(name)) return `new ${local}({})`;
  if (/^[A-Z]/.test(name)) return `${local}({ title: 'related', items: [] })`;
  if (name.endsWith('Schema')) return `${local}.safeParse(input)`;
  if (name.endsWith('Defaults')) return `{ ...${local} }`;
  return `${local}(input as never)`;
}

/**
 * @param {Bindings} bound
 * @param {string} indent
 * @returns {string[]}
 */
function usageLines(bound, indent) {
  if (bound.values.length === 0) return [];
  return [`${indent}const related = [`, ...bound.values.map((entry) => `${indent}  ${useOf(entry)},`), `${indent}];`];
}

/**
 * @param {Random} random
 * @param {{ optional?: boolean, exclude?: string[], min?: number, max?: number }} options
 */
function fields(random, { optional = false, exclude = [], min = 2, max = 7 } = {}) {
  const names = random.sample(
    fieldNames.filter((name) => !exclude.includes(name)),
    random.int(min, max),
  );
  return names.map((name) => ({ name, type: random.pick(fieldTypes), optional: optional || random.chance(0.3) }));
}

/** @param {{ name: string, type: string, optional: boolean }[]} list */
function fieldLines(list) {
  return list.map((field) => `  ${field.name}${field.optional ? '?' : ''}: ${field.type};`);
}

/** @param {string} type */
function defaultFor(type) {
  if (type === 'string') return "''";
  if (type === 'number') return '0';
  if (type === 'boolean') return 'false';
  if (type === 'Date') return 'new Date(0)';
  if (type.endsWith('[]')) return '[]';
  if (type.startsWith('Record')) return '{}';
  if (type.startsWith("'")) return "'active'";
  return 'null';
}

/**
 * @param {ModulePlan} module
 * @param {Bindings} bound
 * @param {Random} random
 * @returns {string}
 */
function bodyOf(module, bound, random) {
  const S = module.subject;
  const camel = S.charAt(0).toLowerCase() + S.slice(1);
  const [firstType = ''] = module.types;
  switch (module.kind) {
    case 'util': {
      const main = module.main;
      return [
        `export interface ${firstType} {`,
        ...fieldLines(fields(random, { optional: true })),
        '}',
        '',
        `const LIMIT = ${random.int(8, 200)};`,
        '',
        `export function ${main}(input: string | number, options: ${firstType} = {}): string {`,
        ...usageLines(bound, '  '),
        ...(bound.lodash ? [`  const shaped = ${bound.lodash}([3, 1, 2]);`] : []),
        "  const text = typeof input === 'number' ? input.toFixed(2) : input.trim();",
        '  if (text.length > LIMIT && Object.keys(options).length === 0) {',
        '    return text.slice(0, LIMIT);',
        '  }',
        '  return text.toLowerCase();',
        '}',
        '',
        `export function ${main}All(inputs: readonly (string | number)[], options?: ${firstType}): string[] {`,
        `  return inputs.map((input) => ${main}(input, options));`,
        '}',
      ].join('\n');
    }
    case 'model':
      return [
        `export type ${S}Status = ${random.sample(["'draft'", "'active'", "'archived'", "'pending'", "'failed'"], 3).join(' | ')};`,
        '',
        `export interface ${S} {`,
        '  id: string;',
        `  status: ${S}Status;`,
        ...fieldLines(fields(random, { exclude: ['id', 'status'], min: 2, max: 10 })),
        ...bound.types.map((type, i) => `  link${i}?: ${type};`),
        '}',
        '',
        `export interface ${S}Summary {`,
        '  id: string;',
        '  total: number;',
        `  statuses: readonly ${S}Status[];`,
        '}',
        '',
        `export function is${S}(value: unknown): value is ${S} {`,
        "  return typeof value === 'object' && value !== null && 'id' in value && 'status' in value;",
        '}',
      ].join('\n');
    case 'service': {
      const methods = random.sample(serviceMethods(S), random.int(1, 3));
      return [
        `export interface ${S}ServiceOptions {`,
        ...fieldLines(fields(random, { optional: true })),
        '}',
        '',
        `export const ${camel}ServiceSchema = z.object({`,
        '  name: z.string(),',
        '  limit: z.number().int().positive(),',
        '});',
        '',
        `export class ${S}Service {`,
        `  readonly #options: ${S}ServiceOptions;`,
        '  readonly #cache = new Map<string, unknown>();',
        '',
        `  constructor(options: ${S}ServiceOptions) {`,
        '    this.#options = options;',
        '  }',
        '',
        '  get size(): number {',
        '    return this.#cache.size;',
        '  }',
        '',
        '  run(input: Record<string, unknown>): unknown[] {',
        ...usageLines(bound, '    '),
        `    const parsed = ${camel}ServiceSchema.safeParse(input);`,
        '    if (!parsed.success) {',
        '      return [];',
        '    }',
        '    this.#cache.set(parsed.data.name, parsed.data);',
        '    return [...this.#cache.values()];',
        '  }',
        ...methods.flatMap((method) => ['', ...method]),
        '}',
        '',
        `export function create${S}Service(options: ${S}ServiceOptions = {}): ${S}Service {`,
        `  return new ${S}Service(options);`,
        '}',
      ].join('\n');
    }
    case 'feature': {
      const [request = '', result = ''] = module.types;
      const requestFields = fields(random, { exclude: ['id'], min: 1, max: 6 });
      return [
        `export interface ${request} {`,
        '  id: string;',
        ...fieldLines(requestFields),
        '}',
        '',
        `export interface ${result} {`,
        '  ok: boolean;',
        '  errors: string[];',
        '  requestId: string;',
        '}',
        '',
        `export async function ${module.main}(request: ${request}): Promise<${result}> {`,
        '  const errors: string[] = [];',
        '  const input: Record<string, unknown> = { ...request };',
        ...usageLines(bound, '  '),
        '  if (!request.id) {',
        "    errors.push('id is required');",
        '  }',
        ...requestFields
          .filter((field) => !field.optional)
          .flatMap((field) => [
            `  if (request.${field.name} === undefined) {`,
            `    errors.push('${field.name} is required');`,
            '  }',
          ]),
        `  return { ok: errors.length === 0, errors, requestId: ${bound.uuid ? 'randomUUID()' : 'request.id'} };`,
        '}',
      ].join('\n');
    }
    case 'db': {
      const [asset] = module.assets;
      return [
        ...(asset ? [`const migrationUrl = new URL('${asset.specifier}', import.meta.url);`, ''] : []),
        `export interface ${S}Row {`,
        '  id: string;',
        ...fieldLines(fields(random, { exclude: ['id'] })),
        '}',
        '',
        `export class ${S}Repository {`,
        `  readonly #rows = new Map<string, ${S}Row>();`,
        '',
        '  migrations(): string {',
        asset ? "    return readFileSync(migrationUrl, 'utf8');" : "    return '';",
        '  }',
        '',
        `  insert(row: ${S}Row): void {`,
        '    if (this.#rows.has(row.id)) {',
        `      throw new Error(\`duplicate ${kebab(S)} \${row.id}\`);`,
        '    }',
        '    this.#rows.set(row.id, row);',
        '  }',
        '',
        `  find(id: string): ${S}Row | undefined {`,
        '    return this.#rows.get(id);',
        '  }',
        '',
        `  all(): ${S}Row[] {`,
        '    return [...this.#rows.values()];',
        '  }',
        '}',
        '',
        `export function open${S}Repository(input: Record<string, unknown> = {}): ${S}Repository {`,
        ...usageLines(bound, '  '),
        `  return new ${S}Repository();`,
        '}',
      ].join('\n');
    }
    case 'component': {
      const main = module.main;
      return [
        `export interface ${firstType} {`,
        '  title: string;',
        '  items: readonly string[];',
        '  onSelect?: (item: string) => void;',
        '}',
        '',
        `export function ${main}({ title, items, onSelect }: ${firstType}) {`,
        '  const input: Record<string, unknown> = { title };',
        ...usageLines(bound, '  '),
        '  return (',
        `    <section className="${kebab(main)}">`,
        '      <h2>{title}</h2>',
        '      <ul>',
        '        {items.map((item) => (',
        '          <li key={item} onClick={() => onSelect?.(item)}>',
        '            {item}',
        '          </li>',
        '        ))}',
        '      </ul>',
        '    </section>',
        '  );',
        '}',
      ].join('\n');
    }
    case 'config': {
      const configFields = fields(random, {});
      const zod = module.imports.some((plan) => plan.specifier === 'zod');
      return [
        `export interface ${firstType} {`,
        ...fieldLines(configFields),
        '}',
        '',
        `export const ${camel}Defaults: ${firstType} = {`,
        ...configFields.map((field) => `  ${field.name}: ${defaultFor(field.type)},`),
        '};',
        ...(zod ? ['', 'const schema = z.object({ name: z.string().optional() }).passthrough();'] : []),
        '',
        `export function ${module.main}(overrides: Partial<${firstType}> = {}): ${firstType} {`,
        '  const input: Record<string, unknown> = { ...overrides };',
        ...usageLines(bound, '  '),
        ...(zod ? ['  schema.parse(input);'] : []),
        `  return { ...${camel}Defaults, ${bound.jsonLocal ? `...${bound.jsonLocal}, ` : ''}...overrides };`,
        '}',
      ].join('\n');
    }
  }
}

/** @param {string} S */
function serviceMethods(S) {
  return [
    ['  clear(): void {', '    this.#cache.clear();', '  }'],
    [
      '  async refresh(keys: readonly string[]): Promise<number> {',
      '    let refreshed = 0;',
      '    for (const key of keys) {',
      '      if (this.#cache.has(key)) {',
      '        this.#cache.delete(key);',
      '        refreshed++;',
      '      }',
      '    }',
      '    return refreshed;',
      '  }',
    ],
    ['  describe(): string {', `    return \`${S}Service(\${Object.keys(this.#options).join(', ')})\`;`, '  }'],
    [
      '  snapshot(): Record<string, unknown> {',
      '    const entries: Record<string, unknown> = {};',
      '    for (const [key, value] of this.#cache) {',
      '      entries[key] = value;',
      '    }',
      '    return entries;',
      '  }',
    ],
  ];
}

/**
 * A private helper so files vary in length and shape as real ones do.
 * @param {number} n
 * @param {Random} random
 */
export function renderHelper(n, random) {
  const name = `step${n}${pascal(random.pick(['total', 'pairs', 'counts', 'retry', 'window']))}`;
  switch (random.int(0, 3)) {
    case 0:
      return [
        `function ${name}(values: readonly number[]): number {`,
        '  let total = 0;',
        '  for (const value of values) {',
        `    if (value > ${random.int(1, 100)}) {`,
        `      total += value * ${random.int(2, 9)};`,
        '    } else {',
        '      total -= value;',
        '    }',
        '  }',
        '  return total;',
        '}',
      ].join('\n');
    case 1:
      return [
        `function ${name}(entries: Record<string, string>): string[] {`,
        '  return Object.entries(entries)',
        "    .filter(([key]) => !key.startsWith('_'))",
        '    .map(([key, value]) => `${key}=${value}`)',
        '    .sort();',
        '}',
      ].join('\n');
    case 2:
      return [
        `function ${name}(text: string): Map<string, number> {`,
        '  const counts = new Map<string, number>();',
        '  for (const word of text.split(/\\s+/)) {',
        '    counts.set(word, (counts.get(word) ?? 0) + 1);',
        '  }',
        '  return counts;',
        '}',
      ].join('\n');
    default:
      return [
        `async function ${name}(attempts: number, run: () => Promise<boolean>): Promise<boolean> {`,
        '  for (let attempt = 0; attempt < attempts; attempt++) {',
        '    try {',
        '      if (await run()) return true;',
        '    } catch (error) {',
        '      if (attempt === attempts - 1) throw error;',
        '    }',
        '  }',
        '  return false;',
        '}',
      ].join('\n');
  }
}
