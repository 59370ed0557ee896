// Reads the literal file globs of a module with oxc-parser: Vite's `import.meta.glob(...)` (string or array, any
// options) and webpack's `require.context(dir, recursive, /regex/)`. Each becomes edges to every matching file.
import { parseIsolated } from './parse-isolated.js';
import { word } from './pattern-words.js';

export interface GlobRecord {
  /** `import.meta.glob` patterns, relative to the file (or, starting with `/`, to its package); `!` excludes. */
  patterns?: string[];
  /** `require.context`: a directory relative to the file, whether subdirectories count, and the regex over `./path`. */
  context?: { dir: string; recursive: boolean; regex: string; flags: string };
}

type Node = { type?: unknown; [key: string]: unknown };

function isName(node: Node | undefined, name: string): boolean {
  return node?.type === 'Identifier' && node.name === name;
}

function literalString(node: Node | undefined): string | undefined {
  if (node?.type === 'Literal' && typeof node.value === 'string') return node.value;
  const quasis = node?.quasis as { value: { cooked?: string } }[] | undefined;
  if (node?.type === 'TemplateLiteral' && (node.expressions as unknown[]).length === 0) return quasis?.[0]?.value.cooked;
  return undefined;
}

function globCall(call: Node): GlobRecord | undefined {
  const callee = call.callee as Node | undefined;
  if (callee?.type !== 'MemberExpression' || callee.computed) return undefined;
  const object = callee.object as Node;
  const property = callee.property as Node;
  const args = call.arguments as Node[];
  const metaGlob = object.type === 'MetaProperty' && isName(object.meta as Node, 'import') && isName(object.property as Node, 'meta');
  if (metaGlob && (isName(property, 'glob') || isName(property, 'globEager'))) {
    const first = args[0];
    const list = first?.type === 'ArrayExpression' ? (first.elements as Node[]) : [first];
    const patterns = list.map((element) => literalString(element));
    return patterns.length > 0 && patterns.every((p) => p !== undefined) ? { patterns: patterns as string[] } : undefined;
  }
  if (isName(object, 'require') && isName(property, 'context')) {
    const dir = literalString(args[0]);
    const recursive = args[1] === undefined ? true : (args[1] as Node).type === 'Literal' ? (args[1] as Node).value : undefined;
    const regex = args[2] === undefined ? { pattern: '^\\.\\/.*$', flags: '' } : ((args[2] as Node).regex as { pattern: string; flags: string } | undefined);
    if (dir === undefined || typeof recursive !== 'boolean' || !regex) return undefined;
    return { context: { dir, recursive, regex: regex.pattern, flags: regex.flags } };
  }
  return undefined;
}

/** Visits the calls in source order, with a stack of its own: a deeply nested AST must not overflow the call stack. */
function walk(root: unknown, visit: (node: Node) => void): void {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node || typeof node !== 'object') continue;
    if (!Array.isArray(node) && (node as Node).type === 'CallExpression') visit(node as Node);
    const children: unknown[] = Array.isArray(node) ? node : Object.values(node);
    for (let index = children.length - 1; index >= 0; index--) stack.push(children[index]);
  }
}

/**
 * The literal globs of `source` (`present`: see pattern-words.ts); only files that mention one are parsed. Never throws: a file that could not be read
 * to its end (too deep for the parser or for the walk) gives the globs found so far and `error`, a parse problem.
 */
export function extractGlobs(source: string, present: number, file: string): { globs: GlobRecord[]; error?: string } {
  if (!(present & word.glob) || (!source.includes('import.meta.glob') && !source.includes('require.context'))) return { globs: [] };
  const globs: GlobRecord[] = [];
  try {
    walk(parseIsolated(file, source, { sourceType: 'unambiguous' }, { program: true }).program, (call) => {
      const glob = globCall(call);
      if (glob) globs.push(glob);
    });
  } catch (cause) {
    return { globs, error: `globs not fully read: ${(cause instanceof Error ? cause.message : String(cause)).split('\n')[0]}` };
  }
  return { globs };
}
