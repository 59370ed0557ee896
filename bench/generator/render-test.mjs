// Turns a planned test file into a vitest suite that imports its package's source (and sometimes others).
import { renderImports } from './render-module.mjs';

/** @typedef {import('./plan-package.mjs').TestPlan} TestPlan */
/** @typedef {import('./random.mjs').Random} Random */

/**
 * @param {TestPlan} test
 * @param {Random} random
 * @returns {string}
 */
export function renderTest(test, random) {
  const { subject } = test;
  const vitestNames = test.mocks.length > 0 ? 'describe, expect, it, vi' : 'describe, expect, it';
  const lines = [`import { ${vitestNames} } from 'vitest';`, renderImports(test.imports), ''];
  for (const mock of test.mocks) lines.push(`vi.mock('${mock.specifier}');`, '');
  lines.push(`describe('${subject.main}', () => {`);
  const cases = [...subjectCases(subject.kind, subject.main)];
  for (const plan of test.imports) {
    for (const entry of plan.names) {
      if (entry.typeOnly || plan.typeOnly) {
        cases.push([`it('accepts a partial ${entry.name}', () => {`, `  const sample: Partial<${entry.local}> = {};`, '  expect(sample).toEqual({});', '});']);
      } else if (entry.name !== subject.main) {
        cases.push([`it('exposes ${entry.name}', () => {`, `  expect(${entry.local}).toBeDefined();`, '});']);
      }
    }
  }
  const extra = random.int(0, 4);
  for (let i = 0; i < extra; i++) {
    const values = Array.from({ length: random.int(2, 6) }, () => random.int(0, 50));
    const sum = values.reduce((total, value) => total + value, 0);
    cases.push([
      `it('keeps invariant ${i + 1}', () => {`,
      `  const values = [${values.join(', ')}];`,
      `  expect(values.reduce((total, value) => total + value, 0)).toBe(${sum});`,
      '});',
    ]);
  }
  lines.push(cases.map((block) => block.map((line) => `  ${line}`).join('\n')).join('\n\n'));
  lines.push('});');
  return `${lines.join('\n')}\n`;
}

/**
 * @param {import('./plan-package.mjs').ModuleKind} kind
 * @param {string} main
 * @returns {string[][]}
 */
function subjectCases(kind, main) {
  switch (kind) {
    case 'util':
      return [
        ["it('trims and lowercases text', () => {", `  expect(${main}('  Hello ')).toBe('hello');`, '});'],
        ["it('maps every input', () => {", `  expect(${main}All([1, 'b'])).toHaveLength(2);`, '});'],
      ];
    case 'model':
      return [
        ["it('recognises a record', () => {", `  expect(${main}({ id: 'a', status: 'draft' })).toBe(true);`, '});'],
        ["it('rejects null', () => {", `  expect(${main}(null)).toBe(false);`, '});'],
      ];
    case 'service':
      return [
        [
          "it('caches valid input', () => {",
          `  const service = ${main}();`,
          '  expect(service.size).toBe(0);',
          "  expect(service.run({ name: 'x', limit: 1 })).toHaveLength(1);",
          '});',
        ],
      ];
    case 'feature':
      return [
        [
          "it('rejects a request without id', async () => {",
          `  await expect(${main}({ id: '' } as never)).resolves.toMatchObject({ ok: false });`,
          '});',
        ],
      ];
    case 'db':
      return [
        [
          "it('finds an inserted row', () => {",
          `  const repository = ${main}();`,
          "  repository.insert({ id: '1' } as never);",
          "  expect(repository.find('1')).toBeDefined();",
          '});',
        ],
      ];
    case 'component':
      return [["it('renders', () => {", `  expect(${main}({ title: 't', items: ['a'] })).toBeTruthy();`, '});']];
    case 'config':
      return [["it('loads defaults', () => {", `  expect(${main}()).toBeTypeOf('object');`, '});']];
  }
}
