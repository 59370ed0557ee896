// Finds the code inside files of other languages: the <script> blocks of .vue, .svelte and .astro files (and astro's
// frontmatter) with a small HTML-aware scanner, and the import/export blocks of .mdx outside fenced code. Each block
// is then read by the JS/TS extractor.

export interface ScriptBlock {
  code: string;
  /** The extension the block is parsed as. */
  lang: 'ts' | 'tsx' | 'js' | 'jsx';
}

/** Files whose imports live in script blocks. */
export const componentExtensions = /\.(?:vue|svelte|astro|mdx)$/;

function langOf(attributes: Record<string, string>, fallback: ScriptBlock['lang']): ScriptBlock['lang'] {
  const lang = (attributes.lang ?? attributes.type ?? '').toLowerCase();
  if (lang === 'ts' || lang === 'typescript' || lang === 'text/typescript') return 'ts';
  if (lang === 'tsx') return 'tsx';
  if (lang === 'jsx') return 'jsx';
  return fallback;
}

/** Reads `name="value"`, `name='value'`, `name=value` and bare `name` attributes from `start` to the tag's `>`. */
function readAttributes(source: string, start: number): { attributes: Record<string, string>; end: number } {
  const attributes: Record<string, string> = {};
  let i = start;
  while (i < source.length) {
    while (i < source.length && /\s/.test(source[i]!)) i++;
    if (source[i] === '>') return { attributes, end: i + 1 };
    if (source.startsWith('/>', i)) return { attributes, end: i + 2 };
    const nameStart = i;
    while (i < source.length && !/[\s=>]/.test(source[i]!) && !source.startsWith('/>', i)) i++;
    const name = source.slice(nameStart, i).toLowerCase();
    if (i === nameStart) i++;
    let value = '';
    while (i < source.length && /\s/.test(source[i]!)) i++;
    if (source[i] === '=') {
      i++;
      while (i < source.length && /\s/.test(source[i]!)) i++;
      const quote = source[i];
      if (quote === '"' || quote === "'") {
        const close = source.indexOf(quote, i + 1);
        const end = close === -1 ? source.length : close;
        value = source.slice(i + 1, end);
        i = end + 1;
      } else {
        const valueStart = i;
        while (i < source.length && !/[\s>]/.test(source[i]!)) i++;
        value = source.slice(valueStart, i);
      }
    }
    if (name) attributes[name] = value;
  }
  return { attributes, end: source.length };
}

/** Every `<script>` element's content, skipping HTML comments; an unclosed script runs to the end of the file. */
function scriptElements(source: string, fallback: ScriptBlock['lang'], from = 0): ScriptBlock[] {
  const blocks: ScriptBlock[] = [];
  const lower = source.toLowerCase();
  let i = from;
  while (i < source.length) {
    const open = lower.indexOf('<', i);
    if (open === -1) break;
    if (lower.startsWith('<!--', open)) {
      const close = lower.indexOf('-->', open + 4);
      i = close === -1 ? source.length : close + 3;
      continue;
    }
    if (!lower.startsWith('<script', open) || !/[\s>/]/.test(lower[open + 7] ?? '')) {
      i = open + 1;
      continue;
    }
    const { attributes, end } = readAttributes(source, open + 7);
    const close = lower.indexOf('</script', end);
    const contentEnd = close === -1 ? source.length : close;
    // A script with `src` or a non-JavaScript type (JSON, templates) has no imports to read.
    const type = (attributes.type ?? '').toLowerCase();
    const isCode = attributes.src === undefined && (type === '' || type === 'module' || /(?:java|type)script|jsx|tsx/.test(type));
    if (isCode) blocks.push({ code: source.slice(end, contentEnd), lang: langOf(attributes, fallback) });
    const after = close === -1 ? source.length : lower.indexOf('>', close);
    i = after === -1 ? source.length : after + 1;
  }
  return blocks;
}

/** Astro: the frontmatter between the leading `---` fences is TypeScript; `<script>` tags follow. */
function astroBlocks(source: string): ScriptBlock[] {
  const lines = source.split('\n');
  let first = 0;
  while (first < lines.length && lines[first]!.trim() === '') first++;
  const blocks: ScriptBlock[] = [];
  let bodyStart = 0;
  if (lines[first]?.trim() === '---') {
    const close = lines.findIndex((line, index) => index > first && line.trim() === '---');
    const end = close === -1 ? lines.length : close;
    blocks.push({ code: lines.slice(first + 1, end).join('\n'), lang: 'ts' });
    bodyStart = lines.slice(0, end + 1).join('\n').length;
  }
  return [...blocks, ...scriptElements(source, 'ts', bodyStart)];
}

/** `source.split(/\r?\n/)`, without a pattern tried at every offset (docs sites hold thousands of long MDX pages). */
function splitLines(source: string): string[] {
  const found: string[] = [];
  let start = 0;
  for (let end = source.indexOf('\n'); end !== -1; end = source.indexOf('\n', start)) {
    found.push(source.slice(start, end > start && source.charCodeAt(end - 1) === 13 ? end - 1 : end));
    start = end + 1;
  }
  found.push(source.slice(start));
  return found;
}

/** MDX: top-level paragraphs that start with `import` or `export`, outside fenced code blocks. */
function mdxBlocks(source: string): ScriptBlock[] {
  const blocks: string[] = [];
  let fence: string | undefined;
  let current: string[] | undefined;
  for (const line of splitLines(source)) {
    const fenceMark = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence !== undefined) {
      if (fenceMark !== undefined && fenceMark[0] === fence[0] && fenceMark.length >= fence.length) fence = undefined;
      continue;
    }
    if (current) {
      if (line.trim() === '') {
        blocks.push(current.join('\n'));
        current = undefined;
      } else current.push(line);
      continue;
    }
    if (fenceMark !== undefined) fence = fenceMark;
    else if (/^(?:import|export)\b/.test(line)) current = [line];
  }
  if (current) blocks.push(current.join('\n'));
  return blocks.map((code) => ({ code, lang: 'tsx' }));
}

/** The script blocks of a .vue, .svelte, .astro or .mdx file. */
export function scriptBlocks(source: string, file: string): ScriptBlock[] {
  if (file.endsWith('.mdx')) return mdxBlocks(source);
  if (file.endsWith('.astro')) return astroBlocks(source);
  return scriptElements(source, 'js');
}
