// Bad input gets one clear line on stderr and exit code 2, never a stack trace.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { createRepo, projectRoot } from './helpers/repo.js';

function expectUserError(result: { code: number; stdout: string; stderr: string }, message: string | RegExp): void {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(typeof message === 'string' ? new RegExp(`^impacted: ${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) : message);
}

describe('user errors', () => {
  it('not a git repository', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'impacted-nogit-'));
    expectUserError(runCli(['list', '--cwd', dir], { cwd: dir }), `${dir} is not inside a git repository.`);
  });

  it('a repository with no commits', () => {
    const repo = createRepo();
    expectUserError(runCli(['list'], { cwd: repo.dir }), /has no commits yet/);
  });

  it('a current directory deleted under the shell that runs it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'impacted-gone-'));
    // The shell enters the directory, deletes it and starts impacted there.
    const result = spawnSync('sh', ['-c', `cd "${dir}" && rmdir "${dir}" && exec "${process.execPath}" "${path.join(projectRoot, 'bin/impacted.js')}" list`], { encoding: 'utf8' });
    expectUserError({ code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr }, 'the current directory no longer exists (deleted or moved). cd into the repository again.');
  });

  it('--cwd that does not exist', () => {
    expectUserError(runCli(['list', '--cwd', 'no/such/dir'], { cwd: tmpdir() }), 'directory no/such/dir does not exist. Check --cwd.');
  });

  it('an unknown base ref, with the closest branch suggested', () => {
    const repo = createRepo('graph-yarn');
    expectUserError(runCli(['list', '--base', 'mian'], { cwd: repo.dir }), 'base ref "mian" not found. Did you mean main? Use --base <ref>.');
  });

  it('malformed config JSON, an unknown key, a wrong type and an unknown runner, naming the file and key', () => {
    const repo = createRepo('graph-yarn');
    const cases: [string, string][] = [
      ['{ "tests": ', 'impacted.config.json is not valid JSON'],
      ['{ "testz": [] }', 'impacted.config.json: unknown key "testz": did you mean "tests"?'],
      ['{ "coverage": [] }', 'impacted.config.json: unknown key "coverage". Known keys: tests, runAll, ignore, inert, implicitDependencies, typeOnly, unreadTestScripts, runner, recorded, probe.'],
      ['{ "runner": { "command": "x {files}", "shel": true } }', 'impacted.config.json: unknown key "runner.shel": did you mean "shell"?'],
      ['{ "typeOnly": true }', 'impacted.config.json: invalid value for "typeOnly"'],
      ['{ "runner": "karma" }', 'impacted.config.json: invalid value for "runner": expected one of vitest, jest, node, mocha, playwright'],
    ];
    for (const [content, message] of cases) {
      repo.write('impacted.config.json', content);
      expectUserError(runCli(['list'], { cwd: repo.dir }), message);
    }
  });

  it('every problem of a config at once, a misspelt key with the key it was meant to be', () => {
    const repo = createRepo('graph-yarn');
    repo.write('impacted.config.json', JSON.stringify({ test: ['**/*.test.ts'], typeOnly: true, runner: 'karma', runAl: [] }));
    const result = runCli(['list'], { cwd: repo.dir });
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toBe(
      [
        'impacted: impacted.config.json has 4 problems:',
        '  invalid value for "typeOnly": Invalid option: expected one of "include"|"ignore".',
        '  invalid value for "runner": expected one of vitest, jest, node, mocha, playwright, or { "command": "my-runner {files}" }.',
        '  unknown key "test": did you mean "tests"?',
        '  unknown key "runAl": did you mean "runAll"?',
        '',
      ].join('\n'),
    );
  });

  it('a bad "impacted" key in package.json names package.json', () => {
    const repo = createRepo('graph-yarn');
    const manifest = JSON.parse(repo.read('package.json')) as Record<string, unknown>;
    repo.write('package.json', JSON.stringify({ ...manifest, impacted: { ignore: 'docs' } }));
    expectUserError(runCli(['list'], { cwd: repo.dir }), 'package.json "impacted": invalid value for "ignore"');
  });

  it('why on a file that does not exist', () => {
    const repo = createRepo('graph-yarn');
    expectUserError(runCli(['why', 'libs/nope.ts', '--base', 'main'], { cwd: repo.dir }), 'libs/nope.ts is not a file of this repository. Check the path.');
  });
});
