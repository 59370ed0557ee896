// Evaluates a config module's syntax tree (never runs it): the literal value it exports, with what it could not read marked.
import path from 'node:path';
import { oxcParser } from '../lazy-dependencies.js';
import type { ConfigSource } from './types.js';

/** A value static reading cannot know (a call it cannot evaluate, `process.env`, a variable from outside). */
export interface Unknown {
  kind: 'unknown';
  /** Why, for the message: `process.env.TESTS in vitest.config.ts`. */
  reason: string;
  /** Every string literal written inside the expression, which widening adds to the runner's defaults. */
  literals: string[];
}

/** A regular expression literal or `new RegExp('...')`. */
export interface RegExpValue {
  kind: 'regexp';
  source: string;
  flags: string;
}

interface FunctionValue {
  kind: 'function';
  node: AstNode;
  scope: Scope;
}

export type ConfigValue = string | number | boolean | null | undefined | ConfigValue[] | ConfigObject | Unknown | RegExpValue | FunctionValue;

/** An object literal; `partial` says that a spread or computed key could not be read, so keys may be missing. */
export interface ConfigObject {
  kind: 'object';
  entries: Record<string, ConfigValue>;
  partial?: Unknown;
}

interface AstNode {
  type: string;
  [key: string]: unknown;
}

interface Scope {
  file: string;
  bindings: Map<string, () => ConfigValue>;
  parent?: Scope;
  /** The module's imports (on the module's own scope). */
  imports?: Map<string, ImportBinding>;
}

/** What evaluating a module needs: the files to read, and the modules read so far (the config's closure). */
interface Evaluation {
  source: ConfigSource;
  /** Repository-relative files read, the config itself first. */
  read: string[];
  /** Module exports already evaluated, by file (also stops import cycles). */
  modules: Map<string, Map<string, () => ConfigValue>>;
  /** Function calls evaluated so far: a recursive helper ends as unknown, not as a stack overflow or an endless run. */
  calls: number;
}

export function isUnknown(value: ConfigValue): value is Unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && value.kind === 'unknown';
}

export function isObject(value: ConfigValue): value is ConfigObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && value.kind === 'object';
}

function isFunction(value: ConfigValue): value is FunctionValue {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && value.kind === 'function';
}

export function isRegExp(value: ConfigValue): value is RegExpValue {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && value.kind === 'regexp';
}

function node(value: unknown): AstNode | undefined {
  return value && typeof value === 'object' && typeof (value as AstNode).type === 'string' ? (value as AstNode) : undefined;
}

function nodes(value: unknown): AstNode[] {
  return Array.isArray(value) ? value.flatMap((item) => (node(item) ? [item as AstNode] : [])) : [];
}

/** Calls `visit` on every node under `start` (arrays of nodes included), parents first. */
function walk(start: unknown, visit: (n: AstNode) => void): void {
  if (Array.isArray(start)) {
    for (const item of start) walk(item, visit);
    return;
  }
  const n = node(start);
  if (!n) return;
  visit(n);
  for (const [key, child] of Object.entries(n)) if (key !== 'type' && typeof child === 'object') walk(child, visit);
}

/** Every string literal under a node: what widening keeps of a value it cannot read. */
function literalsIn(start: AstNode | undefined): string[] {
  const found: string[] = [];
  walk(start, (n) => {
    if (n.type === 'Literal' && typeof n.value === 'string') found.push(n.value);
    if (n.type === 'TemplateLiteral') {
      for (const quasi of nodes(n.quasis)) {
        const cooked = (quasi.value as { cooked?: string } | undefined)?.cooked;
        if (cooked) found.push(cooked);
      }
    }
  });
  return found;
}

export function unknown(reason: string, at?: AstNode): Unknown {
  return { kind: 'unknown', reason, literals: literalsIn(at) };
}

function describe(n: AstNode, file: string): string {
  const text = (() => {
    switch (n.type) {
      case 'Identifier':
        return String(n.name);
      case 'MemberExpression': {
        const object = node(n.object);
        const key = node(n.property);
        return `${object ? describe(object, '') : '?'}.${key?.type === 'Identifier' ? String(key.name) : '[...]'}`;
      }
      case 'CallExpression': {
        const callee = node(n.callee);
        return `${callee ? describe(callee, '') : '?'}(...)`;
      }
      default:
        return n.type;
    }
  })();
  return file ? `${text} in ${file}` : text;
}

/** Deep merge as vite's `mergeConfig` does: objects merged key by key, arrays concatenated, the override winning otherwise. */
export function mergeValues(base: ConfigValue, override: ConfigValue): ConfigValue {
  if (override === undefined) return base;
  // What cannot be read may add any key: the known side stays, marked partial, so that only missing keys widen.
  if (isObject(base) && isUnknown(override)) return { ...base, partial: override };
  if (isUnknown(base) && isObject(override)) return { ...override, partial: override.partial ?? base };
  if (Array.isArray(base) && Array.isArray(override)) return [...base, ...override];
  if (isObject(base) && isObject(override)) {
    const entries: Record<string, ConfigValue> = { ...base.entries };
    for (const [key, value] of Object.entries(override.entries)) entries[key] = key in entries ? mergeValues(entries[key], value) : value;
    const partial = override.partial ?? base.partial;
    return { kind: 'object', entries, ...(partial ? { partial } : {}) };
  }
  return override;
}

/** `entries[key]` of an object value, or an Unknown when the object could not be read whole. */
export function property(value: ConfigValue, key: string): ConfigValue {
  if (isUnknown(value)) return value;
  if (!isObject(value)) return undefined;
  if (key in value.entries) return value.entries[key];
  return value.partial;
}

/** How many helper calls one config's reading follows before a value counts as unknown (recursion ends there). */
const maxCalls = 200;
const pathModules = new Set(['path', 'node:path', 'pathe', 'upath']);
const urlModules = new Set(['url', 'node:url']);
/** Config helpers that return their argument: vitest/vite's and jest's `define*`. */
const identityHelpers = new Set(['defineConfig', 'defineProject', 'defineWorkspace', 'defineVitestConfig', 'defineVitestProject']);

function lookup(scope: Scope | undefined, name: string): (() => ConfigValue) | undefined {
  for (let s = scope; s; s = s.parent) {
    const found = s.bindings.get(name);
    if (found) return found;
  }
  return undefined;
}

function absoluteDir(evaluation: Evaluation, file: string): string {
  return path.posix.dirname(path.posix.join(evaluation.source.root.split(path.sep).join('/'), file));
}

/** Whether an identifier is bound to an import of `module`'s `name` export (or the module namespace). */
interface ImportBinding {
  module: string;
  name: string;
}

function importsOf(program: AstNode): Map<string, ImportBinding> {
  const found = new Map<string, ImportBinding>();
  for (const statement of nodes(program.body)) {
    if (statement.type !== 'ImportDeclaration') continue;
    const module = String((node(statement.source) as { value?: unknown } | undefined)?.value ?? '');
    for (const specifier of nodes(statement.specifiers)) {
      const local = String((node(specifier.local) as { name?: unknown } | undefined)?.name ?? '');
      if (specifier.type === 'ImportDefaultSpecifier') found.set(local, { module, name: 'default' });
      else if (specifier.type === 'ImportNamespaceSpecifier') found.set(local, { module, name: '*' });
      else {
        const imported = node(specifier.imported);
        found.set(local, { module, name: String(imported?.name ?? imported?.value ?? local) });
      }
    }
  }
  return found;
}

function evaluateCall(evaluation: Evaluation, call: AstNode, scope: Scope, imports: Map<string, ImportBinding>): ConfigValue {
  const callee = node(call.callee);
  const args = nodes(call.arguments);
  const file = scope.file;
  const value = (n: AstNode | undefined) => (n ? evaluate(evaluation, n, scope, imports) : undefined);
  if (!callee) return unknown('a call', call);
  const calleeName = callee.type === 'Identifier' ? String(callee.name) : undefined;
  const imported = calleeName ? imports.get(calleeName) : undefined;
  const member =
    callee.type === 'MemberExpression' && node(callee.object)?.type === 'Identifier' && node(callee.property)?.type === 'Identifier'
      ? { object: String(node(callee.object)?.name), property: String(node(callee.property)?.name) }
      : undefined;
  const helper = imported?.name ?? calleeName;
  if (helper && identityHelpers.has(helper)) {
    const argument = value(args[0]);
    return isFunction(argument) ? callFunction(evaluation, argument, imports) : argument;
  }
  if (helper === 'mergeConfig') return mergeValues(value(args[0]), value(args[1]));
  const pathFunction =
    member && imports.get(member.object) && pathModules.has(imports.get(member.object)?.module ?? '')
      ? member.property
      : imported && pathModules.has(imported.module)
        ? imported.name
        : undefined;
  if (pathFunction === 'resolve' || pathFunction === 'join') {
    const parts = args.map((arg) => value(arg));
    if (!parts.every((part): part is string => typeof part === 'string')) return unknown(`${describe(call, file)} with a computed part`, call);
    if (pathFunction === 'join') return path.posix.join(...parts);
    return path.posix.resolve(absoluteDir(evaluation, file), ...parts);
  }
  if (pathFunction === 'dirname' && args.length === 1) {
    const part = value(args[0]);
    return typeof part === 'string' ? path.posix.dirname(part) : unknown(`${describe(call, file)}`, call);
  }
  const urlFunction = imported && urlModules.has(imported.module) ? imported.name : undefined;
  if (urlFunction === 'fileURLToPath') {
    const url = value(args[0]);
    return typeof url === 'string' && url.startsWith('file://') ? url.slice('file://'.length) : unknown(describe(call, file), call);
  }
  // `require('./helper')` of a repository module: its `module.exports` (CommonJS configs share helpers this way).
  const specifier = args.length === 1 && args[0]?.type === 'Literal' ? args[0].value : undefined;
  if (calleeName === 'require' && !lookup(scope, 'require') && typeof specifier === 'string') {
    return importedValue(evaluation, file, { module: specifier, name: 'default' }, call);
  }
  const target =
    callee.type === 'ArrowFunctionExpression' || callee.type === 'FunctionExpression'
      ? ({ kind: 'function', node: callee, scope } as const)
      : calleeName
        ? (lookup(scope, calleeName) ?? (imported ? () => importedValue(evaluation, file, imported, call) : undefined))?.()
        : undefined;
  if (isFunction(target)) {
    if (args.some((arg) => arg.type === 'SpreadElement')) return unknown(`${describe(call, file)} with a spread argument`, call);
    if (evaluation.calls >= maxCalls) return unknown(`${describe(call, file)}: more than ${maxCalls} calls to follow`, call);
    evaluation.calls += 1;
    const result = callFunction(evaluation, target, imports, args.map((arg) => evaluate(evaluation, arg, scope, imports)));
    // What the helper could not give is widened by what both it and the call write.
    return isUnknown(result) ? { ...result, literals: [...new Set([...result.literals, ...literalsIn(call)])] } : result;
  }
  return unknown(describe(call, file), call);
}

/**
 * The value a function returns. Called from the config's own code, its parameters are the call's arguments
 * (`defineJestConfig({ ... })` returning `{ ...defaults, ...config }`); called by the runner (`args` absent), they
 * are unknown (`({ mode }) => ...` reads the same for every mode).
 */
function callFunction(evaluation: Evaluation, fn: FunctionValue, callerImports: Map<string, ImportBinding>, args?: ConfigValue[]): ConfigValue {
  let moduleScope: Scope | undefined = fn.scope;
  while (moduleScope?.parent) moduleScope = moduleScope.parent;
  const imports = moduleScope?.imports ?? callerImports;
  const scope: Scope = { file: fn.scope.file, bindings: new Map(), parent: fn.scope };
  // A helper may change the object it is given (`config.testMatch.push(...)`) before it returns it.
  const changed = args ? changedNames(nodes([fn.node.body])) : undefined;
  const why = `changed by the function in ${fn.scope.file}`;
  nodes(fn.node.params).forEach((param, index) => {
    const argument = args?.[index];
    if (changed && param.type === 'Identifier') {
      const name = String(param.name);
      scope.bindings.set(name, () => unlessChanged(name, argument, changed, undefined, why));
    } else if (changed && param.type === 'AssignmentPattern' && node(param.left)?.type === 'Identifier') {
      const name = String(node(param.left)?.name);
      const fallback = node(param.right);
      scope.bindings.set(name, () => unlessChanged(name, argument === undefined && fallback ? evaluate(evaluation, fallback, scope, imports) : argument, changed, fallback, why));
    } else {
      for (const name of patternNames(param)) scope.bindings.set(name, () => unknown(`the parameter ${name} in ${fn.scope.file}`));
    }
  });
  const body = node(fn.node.body);
  if (!body) return undefined;
  if (body.type !== 'BlockStatement') return evaluate(evaluation, body, scope, imports);
  const statements = nodes(body.body);
  bindDeclarations(evaluation, statements, scope, imports);
  const returns = statements.filter((statement) => statement.type === 'ReturnStatement');
  const last = returns.at(-1);
  // Only a body whose one return is its last statement reads the same on every path.
  if (returns.length !== 1 || statements.at(-1) !== last) return unknown(`a function with branches in ${fn.scope.file}`, body);
  const argument = node(last?.argument);
  return argument ? evaluate(evaluation, argument, scope, imports) : undefined;
}

function patternNames(pattern: AstNode): string[] {
  switch (pattern.type) {
    case 'Identifier':
      return [String(pattern.name)];
    case 'ObjectPattern':
      return nodes(pattern.properties).flatMap((p) => patternNames(node(p.value) ?? node(p.argument) ?? p));
    case 'ArrayPattern':
      return nodes(pattern.elements).flatMap(patternNames);
    case 'AssignmentPattern':
      return patternNames(node(pattern.left) ?? pattern);
    case 'RestElement':
      return patternNames(node(pattern.argument) ?? pattern);
    default:
      return [];
  }
}

/** Binds a block's `const`/`let`/`var` and function declarations lazily, so that only what the export uses is read. */
function bindDeclarations(evaluation: Evaluation, statements: AstNode[], scope: Scope, imports: Map<string, ImportBinding>): void {
  const changed = changedNames(statements);
  for (const raw of statements) {
    const statement = raw.type === 'ExportNamedDeclaration' ? node(raw.declaration) : raw;
    if (!statement) continue;
    if (statement.type === 'VariableDeclaration') {
      for (const declarator of nodes(statement.declarations)) {
        const id = node(declarator.id);
        const init = node(declarator.init);
        if (id?.type === 'Identifier') {
          let cached: { value: ConfigValue } | undefined;
          scope.bindings.set(String(id.name), () => {
            // A binding that refers to itself (through a cycle) is unknown, not an endless loop.
            if (!cached) {
              cached = { value: unknown(`${String(id.name)} refers to itself in ${scope.file}`) };
              const value = init ? evaluate(evaluation, init, scope, imports) : undefined;
              // Statements after the declaration may change what it holds: `entries[key] = ...` in a loop, a `push`.
              cached = { value: unlessChanged(String(id.name), value, changed, init, `changed after its declaration in ${scope.file}`) };
            }
            return cached.value;
          });
        } else if (id) {
          for (const name of patternNames(id)) scope.bindings.set(name, () => unknown(`the destructured ${name} in ${scope.file}`, init));
        }
      }
    } else if (statement.type === 'FunctionDeclaration') {
      const id = node(statement.id);
      if (id?.type === 'Identifier') scope.bindings.set(String(id.name), () => ({ kind: 'function', node: statement, scope }));
    }
  }
}

/** The variable a member chain starts from: `config` for `config.test.include`. */
function rootName(n: AstNode | undefined): string | undefined {
  let current = n;
  while (current && (current.type === 'MemberExpression' || current.type === 'ParenthesizedExpression' || current.type === 'TSNonNullExpression')) {
    current = node(current.object) ?? node(current.expression);
  }
  return current?.type === 'Identifier' ? String(current.name) : undefined;
}

/**
 * `value` as `name` holds it, unless statements may change it (`changed`): then unknown, widened by what its source
 * (`at`) and the changes write. A primitive only changes by reassignment.
 */
function unlessChanged(name: string, value: ConfigValue, changed: ReturnType<typeof changedNames>, at: AstNode | undefined, why: string): ConfigValue {
  const primitive = value === null || typeof value !== 'object';
  const changes = [...(changed.reassigned.get(name) ?? []), ...(primitive ? [] : (changed.touched.get(name) ?? []))];
  if (changes.length === 0) return value;
  const reading = isUnknown(value) ? value : unknown(`${name}, ${why},`, at);
  return { ...reading, literals: [...new Set([...reading.literals, ...stringsIn(value), ...changes.flatMap(literalsIn)])] };
}

/** Every string a value holds, known or kept as an unknown's literals. */
function stringsIn(value: ConfigValue): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (isUnknown(value)) return value.literals;
  if (isObject(value)) return [...Object.values(value.entries).flatMap(stringsIn), ...(value.partial ? value.partial.literals : [])];
  return [];
}

/** Calls known to leave their arguments as they are: the ones the evaluator itself reads. */
const readOnlyCallees = new Set(['resolve', 'join', 'dirname', 'fileURLToPath', 'defineConfig', 'defineProject', 'defineWorkspace', 'mergeConfig']);

/**
 * Variables that statements anywhere below may change (nested functions included), with the expressions that do:
 * `reassigned` by `x = ...` or `x++`; `touched` by a member assignment or `delete`, a method call on them, or being
 * passed to a call that may change its arguments. A value read from its declaration alone would be narrower than
 * what the config exports.
 */
function changedNames(statements: AstNode[]): { reassigned: Map<string, AstNode[]>; touched: Map<string, AstNode[]> } {
  const reassigned = new Map<string, AstNode[]>();
  const touched = new Map<string, AstNode[]>();
  const add = (names: Map<string, AstNode[]>, name: string | undefined, at: AstNode) => {
    if (name) names.set(name, [...(names.get(name) ?? []), at]);
  };
  const mark = (target: AstNode | undefined, at: AstNode) => {
    if (target?.type === 'Identifier') add(reassigned, String(target.name), at);
    else add(touched, rootName(target), at);
  };
  walk(statements, (n) => {
    if (n.type === 'AssignmentExpression') mark(node(n.left), n);
    else if (n.type === 'UpdateExpression' || (n.type === 'UnaryExpression' && n.operator === 'delete')) mark(node(n.argument), n);
    else if (n.type === 'CallExpression' || n.type === 'NewExpression') {
      const callee = node(n.callee);
      const calleeName = callee?.type === 'Identifier' ? String(callee.name) : callee?.type === 'MemberExpression' ? String(node(callee.property)?.name ?? '') : '';
      if (callee?.type === 'MemberExpression') add(touched, rootName(callee), n);
      if (!readOnlyCallees.has(calleeName)) {
        for (const argument of nodes(n.arguments)) add(touched, rootName(argument.type === 'SpreadElement' ? node(argument.argument) : argument), n);
      }
    }
  });
  return { reassigned, touched };
}

function evaluate(evaluation: Evaluation, n: AstNode, scope: Scope, imports: Map<string, ImportBinding>): ConfigValue {
  const file = scope.file;
  const value = (child: unknown) => {
    const c = node(child);
    return c ? evaluate(evaluation, c, scope, imports) : undefined;
  };
  switch (n.type) {
    case 'Literal': {
      const regex = n.regex as { pattern: string; flags: string } | undefined;
      if (regex) return { kind: 'regexp', source: regex.pattern, flags: regex.flags };
      const literal = n.value;
      return typeof literal === 'string' || typeof literal === 'number' || typeof literal === 'boolean' || literal === null ? literal : unknown(`a literal in ${file}`, n);
    }
    case 'TemplateLiteral': {
      const quasis = nodes(n.quasis).map((q) => (q.value as { cooked?: string }).cooked ?? '');
      const parts = nodes(n.expressions).map((e) => evaluate(evaluation, e, scope, imports));
      if (!parts.every((part) => typeof part === 'string' || typeof part === 'number')) return unknown(`a template with a computed part in ${file}`, n);
      return quasis.map((q, i) => q + (i < parts.length ? String(parts[i]) : '')).join('');
    }
    case 'ParenthesizedExpression':
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
    case 'TSNonNullExpression':
    case 'TSTypeAssertion':
      return value(n.expression);
    case 'ArrayExpression': {
      const items: ConfigValue[] = [];
      for (const element of nodes(n.elements)) {
        if (element.type === 'SpreadElement') {
          const spread = value(element.argument);
          if (Array.isArray(spread)) items.push(...spread);
          else items.push(isUnknown(spread) ? spread : unknown(`a spread in ${file}`, element));
        } else items.push(evaluate(evaluation, element, scope, imports));
      }
      return items;
    }
    case 'ObjectExpression': {
      let result: ConfigObject = { kind: 'object', entries: {} };
      for (const prop of nodes(n.properties)) {
        if (prop.type === 'SpreadElement') {
          const spread = value(prop.argument);
          if (isObject(spread)) {
            result = { kind: 'object', entries: { ...result.entries, ...spread.entries }, ...(spread.partial || result.partial ? { partial: spread.partial ?? result.partial } : {}) };
          } else if (spread !== undefined && spread !== null) {
            result.partial = isUnknown(spread) ? spread : unknown(`a spread in ${file}`, prop);
          }
          continue;
        }
        const key = node(prop.key);
        let name: string | undefined;
        if (!prop.computed && key?.type === 'Identifier') name = String(key.name);
        else if (key?.type === 'Literal' && (typeof key.value === 'string' || typeof key.value === 'number')) name = String(key.value);
        else {
          const computed = key ? evaluate(evaluation, key, scope, imports) : undefined;
          if (typeof computed === 'string') name = computed;
        }
        if (name === undefined) {
          result.partial = unknown(`a computed key in ${file}`, prop);
          continue;
        }
        if (prop.method || prop.kind === 'get' || prop.kind === 'set') {
          result.entries[name] = { kind: 'function', node: node(prop.value) ?? prop, scope };
          continue;
        }
        result.entries[name] = value(prop.value);
      }
      return result;
    }
    case 'Identifier': {
      const name = String(n.name);
      if (name === 'undefined') return undefined;
      if (name === '__dirname') return absoluteDir(evaluation, file);
      if (name === '__filename') return path.posix.join(absoluteDir(evaluation, file), path.posix.basename(file));
      const bound = lookup(scope, name);
      if (bound) return bound();
      const imported = imports.get(name);
      if (imported) return importedValue(evaluation, file, imported, n);
      return unknown(`${name} in ${file}`, n);
    }
    case 'MemberExpression': {
      const object = node(n.object);
      const prop = node(n.property);
      // import.meta.dirname / import.meta.url
      if (object?.type === 'MetaProperty' && prop?.type === 'Identifier') {
        if (prop.name === 'dirname') return absoluteDir(evaluation, file);
        if (prop.name === 'url') return `file://${path.posix.join(absoluteDir(evaluation, file), path.posix.basename(file))}`;
        if (prop.name === 'filename') return path.posix.join(absoluteDir(evaluation, file), path.posix.basename(file));
      }
      const base = value(n.object);
      let key: string | undefined;
      if (!n.computed && prop?.type === 'Identifier') key = String(prop.name);
      else {
        const computed = value(n.property);
        if (typeof computed === 'string' || typeof computed === 'number') key = String(computed);
      }
      if (key === undefined) return unknown(describe(n, file), n);
      if (Array.isArray(base)) return /^\d+$/.test(key) ? base[Number(key)] : unknown(describe(n, file), n);
      if (isObject(base)) {
        const found = property(base, key);
        return found === undefined && base.partial ? base.partial : found;
      }
      if (typeof base === 'string' && key === 'pathname' && base.startsWith('file://')) return base.slice('file://'.length);
      return unknown(describe(n, file), n);
    }
    case 'NewExpression': {
      const callee = node(n.callee);
      const args = nodes(n.arguments).map((a) => evaluate(evaluation, a, scope, imports));
      if (callee?.type === 'Identifier' && callee.name === 'URL' && typeof args[0] === 'string' && typeof args[1] === 'string' && args[1].startsWith('file://')) {
        const dir = path.posix.dirname(args[1].slice('file://'.length));
        return `file://${path.posix.resolve(dir, args[0])}${args[0].endsWith('/') ? '/' : ''}`;
      }
      if (callee?.type === 'Identifier' && callee.name === 'RegExp' && typeof args[0] === 'string') {
        return { kind: 'regexp', source: args[0], flags: typeof args[1] === 'string' ? args[1] : '' };
      }
      return unknown(describe(n, file), n);
    }
    case 'CallExpression':
      return evaluateCall(evaluation, n, scope, imports);
    case 'ArrowFunctionExpression':
    case 'FunctionExpression':
      return { kind: 'function', node: n, scope };
    case 'UnaryExpression':
      if (n.operator === '!') {
        const operand = value(n.argument);
        return isUnknown(operand) ? operand : !operand;
      }
      return unknown(`an expression in ${file}`, n);
    default:
      return unknown(`${describe(n, file)}`, n);
  }
}

/** The repository file a relative import names (with the extensions a config may omit), or undefined. */
function resolveModule(evaluation: Evaluation, from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  const stripped = base.replace(/\.[cm]?js$/, '');
  const candidates = [base, ...['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs', '.json'].flatMap((ext) => [stripped + ext, `${base}/index${ext}`])];
  return candidates.find((candidate) => evaluation.source.files.has(candidate));
}

function importedValue(evaluation: Evaluation, from: string, binding: ImportBinding, at: AstNode): ConfigValue {
  const target = resolveModule(evaluation, from, binding.module);
  if (!target) return unknown(`${binding.name === 'default' ? 'the default export' : binding.name} of "${binding.module}" in ${from}`, at);
  const exports = moduleExports(evaluation, target);
  if (binding.name === '*') {
    const entries: Record<string, ConfigValue> = {};
    for (const [name, read] of exports) entries[name] = read();
    return { kind: 'object', entries };
  }
  const read = exports.get(binding.name);
  return read ? read() : unknown(`${binding.name} of ${target}`, at);
}

/** A module's exports, each read lazily: `export default`, `module.exports`, named exports and re-exports. */
function moduleExports(evaluation: Evaluation, file: string): Map<string, () => ConfigValue> {
  const known = evaluation.modules.get(file);
  if (known) return known;
  const exports = new Map<string, () => ConfigValue>();
  evaluation.modules.set(file, exports);
  evaluation.read.push(file);
  const text = evaluation.source.read(file);
  if (text === undefined) {
    exports.set('default', () => unknown(`${file} could not be read`));
    return exports;
  }
  if (file.endsWith('.json')) {
    exports.set('default', () => jsonValue(text, file));
    return exports;
  }
  const parsed = oxcParser().parseSync(file, text, { sourceType: 'unambiguous' });
  if (parsed.errors.length > 0) {
    exports.set('default', () => unknown(`${file} does not parse: ${parsed.errors[0]?.message ?? ''}`));
    return exports;
  }
  const program = parsed.program as unknown as AstNode;
  const imports = importsOf(program);
  const scope: Scope = { file, bindings: new Map(), imports };
  const statements = nodes(program.body);
  bindDeclarations(evaluation, statements, scope, imports);
  for (const statement of statements) {
    if (statement.type === 'ExportDefaultDeclaration') {
      const declaration = node(statement.declaration);
      if (declaration) exports.set('default', () => evaluate(evaluation, declaration, scope, imports));
    } else if (statement.type === 'ExportNamedDeclaration') {
      const declaration = node(statement.declaration);
      if (declaration) {
        for (const declarator of nodes(declaration.declarations)) {
          const id = node(declarator.id);
          if (id?.type === 'Identifier') exports.set(String(id.name), () => lookup(scope, String(id.name))?.());
        }
      }
      const from = (node(statement.source) as { value?: unknown } | undefined)?.value;
      for (const specifier of nodes(statement.specifiers)) {
        const local = node(specifier.local);
        const exported = node(specifier.exported);
        const localName = String(local?.name ?? local?.value ?? '');
        const exportedName = String(exported?.name ?? exported?.value ?? localName);
        exports.set(exportedName, () =>
          typeof from === 'string'
            ? importedValue(evaluation, file, { module: from, name: localName }, statement)
            : (lookup(scope, localName)?.() ?? (imports.get(localName) ? importedValue(evaluation, file, imports.get(localName)!, statement) : undefined)),
        );
      }
    } else if (statement.type === 'ExpressionStatement') {
      const expression = node(statement.expression);
      if (expression?.type !== 'AssignmentExpression') continue;
      const left = node(expression.left);
      const right = node(expression.right);
      const isModuleExports =
        left?.type === 'MemberExpression' && node(left.object)?.name === 'module' && node(left.property)?.name === 'exports';
      if (isModuleExports && right) exports.set('default', () => evaluate(evaluation, right, scope, imports));
    }
  }
  return exports;
}

function jsonValue(text: string, file: string): ConfigValue {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return unknown(`${file} is not valid JSON`);
  }
  return fromJson(parsed);
}

/** A parsed JSON (or YAML) value as a config value. */
export function fromJson(value: unknown): ConfigValue {
  if (Array.isArray(value)) return value.map(fromJson);
  if (value && typeof value === 'object') {
    return { kind: 'object', entries: Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromJson(v)])) };
  }
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null ? value : undefined;
}

export interface EvaluatedConfig {
  value: ConfigValue;
  /** The repository files read: the config and every config module it imports. */
  files: string[];
}

/** The default export (or `module.exports`) of a repository config module, evaluated from its syntax tree. */
export function evaluateConfig(source: ConfigSource, file: string, exportName = 'default'): EvaluatedConfig {
  const evaluation: Evaluation = { source, read: [], modules: new Map(), calls: 0 };
  const read = moduleExports(evaluation, file).get(exportName);
  const exported = read ? read() : unknown(`no ${exportName} export in ${file}`);
  // Runners call a config that is a function (`export default ({ mode }) => ({...})`, `module.exports = async () => ...`).
  const value = isFunction(exported) ? callFunction(evaluation, exported, new Map()) : exported;
  return { value, files: evaluation.read };
}
