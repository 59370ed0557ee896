// `--json` is one line for a program reading a pipe or a file, indented for a person at a terminal.
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { createRepo, projectRoot } from './helpers/repo.js';

/** util-linux `script` gives the CLI a terminal as stdout. */
const hasScript = spawnSync('script', ['--version']).status === 0;

describe('--json output', () => {
  const repo = createRepo('select-monorepo');
  repo.git('checkout', '-q', '-b', 'feature');
  repo.write('packages/money/src/tax.ts', `${repo.read('packages/money/src/tax.ts')}export const zero = 0;\n`);
  repo.commit('change tax');

  it('prints one line to a pipe, for list, graph and doctor', () => {
    for (const args of [['list', '--base', 'main', '--json'], ['graph', '--json'], ['doctor', '--json', '--no-probe']]) {
      const { stdout } = runCli(args, { cwd: repo.dir });
      expect(stdout.indexOf('\n'), args.join(' ')).toBe(stdout.length - 1);
      expect(JSON.parse(stdout), args.join(' ')).toBeTypeOf('object');
    }
  });

  it.skipIf(!hasScript)('prints the same object indented on a terminal', () => {
    const piped = runCli(['list', '--base', 'main', '--json'], { cwd: repo.dir }).stdout;
    const command = [process.execPath, path.join(projectRoot, 'bin/impacted.js'), 'list', '--base', 'main', '--json', '--quiet'].map((word) => `'${word}'`).join(' ');
    const terminal = execFileSync('script', ['-qec', command, '/dev/null'], { cwd: repo.dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CI: '' } }).replaceAll('\r\n', '\n');
    expect(terminal).toContain('{\n  "version": 1,\n  "mode": "affected",\n');
    // The same object but for the time it took.
    const withoutTime = (text: string) => ({ ...(JSON.parse(text) as object), stats: undefined });
    expect(withoutTime(terminal)).toEqual(withoutTime(piped));
  });
});
