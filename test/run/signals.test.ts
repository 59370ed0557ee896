import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it, vi } from 'vitest';
import { projectRoot } from '../helpers/repo.js';
import { runTests } from '../../src/run/run-tests.js';
import { createRunRepo, monorepoPackages } from './run-repo.js';

/** Processes whose command line contains `text` (pgrep exits 1 when there are none). */
function processesWith(text: string): string[] {
  const result = spawnSync('pgrep', ['-f', text], { encoding: 'utf8' });
  return result.stdout.split('\n').filter(Boolean);
}

function slowPid(lines: string[]): number | undefined {
  const line = lines.find((entry) => entry.startsWith('node-pkg/slow:'));
  return line ? Number(line.slice('node-pkg/slow:'.length)) : undefined;
}

/** Compiles src/run (and what it imports at run time) into the temp repo, whose node_modules links to ours. */
function buildRunModule(dir: string): void {
  const sources = [...readdirSync(path.join(projectRoot, 'src/run')).map((name) => `run/${name}`), 'errors.ts'];
  for (const source of sources.filter((name) => name.endsWith('.ts'))) {
    const text = readFileSync(path.join(projectRoot, 'src', source), 'utf8');
    const { outputText } = ts.transpileModule(text, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
      fileName: source,
    });
    const target = path.join(dir, '.impacted-build', source.replace(/\.ts$/, '.js'));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, outputText);
  }
  writeFileSync(path.join(dir, '.impacted-build', 'package.json'), '{ "type": "module" }');
}

describe('stopping a run', () => {
  const repo = createRunRepo();

  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)('aborting with %s stops the runner and every process it started, exit %i', async (signal, exitCode) => {
    repo.reset();
    const tag = `impacted-slow-abort-${signal}-${process.pid}`;
    const controller = new AbortController();
    const running = runTests({
      root: repo.dir,
      mode: 'affected',
      tests: ['packages/node-pkg/test/slow.test.mjs'],
      packages: monorepoPackages,
      env: { ...repo.env, SLOW_MARKER: tag },
      signal: controller.signal,
    });
    const pid = await vi.waitFor(
      () => {
        const found = slowPid(repo.ran());
        if (found === undefined) throw new Error('the slow test has not started its child yet');
        return found;
      },
      { timeout: 30_000, interval: 20 },
    );
    expect(processesWith(tag)).toEqual([String(pid)]);
    controller.abort(signal);
    const result = await running;
    expect(result).toMatchObject({ exitCode, aborted: true });
    expect(processesWith(tag)).toEqual([]);
  });

  it('SIGTERM to a process running runTests exits 143 and leaves no child', async () => {
    repo.reset();
    buildRunModule(repo.dir);
    const tag = `impacted-slow-sigterm-${process.pid}`;
    const options = {
      root: repo.dir,
      mode: 'affected',
      tests: ['packages/node-pkg/test/slow.test.mjs'],
      packages: monorepoPackages,
      env: { ...repo.env, SLOW_MARKER: tag },
      stdio: 'inherit',
    };
    // What the CLI does: abort on SIGINT/SIGTERM, wait for the runners to stop, exit with the run's code.
    const script = `
      import { runTests } from './.impacted-build/run/run-tests.js';
      const controller = new AbortController();
      for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => controller.abort(signal));
      const result = await runTests({ ...${JSON.stringify(options)}, signal: controller.signal });
      process.exitCode = result.exitCode;
    `;
    writeFileSync(path.join(repo.dir, 'run.mjs'), script);
    const child = spawn(process.execPath, ['run.mjs'], { cwd: repo.dir, stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await vi.waitFor(
      () => {
        if (slowPid(repo.ran()) === undefined) throw new Error('the slow test has not started its child yet');
      },
      { timeout: 30_000, interval: 20 },
    );
    expect(processesWith(tag)).toHaveLength(1);
    child.kill('SIGTERM');
    expect(await exited).toBe(143);
    expect(processesWith(tag)).toEqual([]);
  });
});
