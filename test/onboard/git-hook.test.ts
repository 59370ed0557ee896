// The pre-push hook installer: writes its own hook, leaves others' hooks and hook managers alone, and the hook really gates a push.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hookBlock, hookCommand, hookScript, installHook, uninstallHook } from '../../src/onboard/git-hook.js';
import { runCli } from '../helpers/cli.js';
import { createRepo, projectRoot } from '../helpers/repo.js';

const hookPath = (dir: string) => path.join(dir, '.git/hooks/pre-push');

describe('impacted hook install / uninstall', () => {
  it('writes an executable pre-push hook, rewrites its own, and removes it', () => {
    const repo = createRepo('onboard-single-node');
    const installed = runCli(['hook', 'install'], { cwd: repo.dir });
    expect(installed).toMatchObject({ code: 0, stderr: '' });
    expect(installed.stdout).toBe(
      'impacted: installed the pre-push hook (.git/hooks/pre-push): git push now runs the tests affected since the upstream branch.\n',
    );
    expect(readFileSync(hookPath(repo.dir), 'utf8')).toBe(hookScript);
    expect(statSync(hookPath(repo.dir)).mode & 0o111).toBe(0o111);
    expect(spawnSync('sh', ['-n', hookPath(repo.dir)]).status).toBe(0);

    expect(runCli(['hook', 'install'], { cwd: repo.dir }).stdout).toBe('impacted: the pre-push hook already runs impacted (.git/hooks/pre-push); nothing changed.\n');
    expect(readFileSync(hookPath(repo.dir), 'utf8')).toBe(hookScript);
    expect(runCli(['hook', 'uninstall'], { cwd: repo.dir }).stdout).toBe(
      "impacted: removed impacted's lines from the pre-push hook (.git/hooks/pre-push; the previous file is .git/hooks/pre-push.impacted-backup).\n",
    );
    expect(readFileSync(`${hookPath(repo.dir)}.impacted-backup`, 'utf8')).toBe(hookScript);
    expect(() => statSync(hookPath(repo.dir))).toThrow();
    expect(runCli(['hook', 'uninstall'], { cwd: repo.dir }).stdout).toBe(
      'impacted: no pre-push hook to remove (.git/hooks/pre-push does not exist).\n',
    );
  });

  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
  ])('keeps the lines a user added around its block byte for byte (%s), and backs the file up before each write', (_name, eol) => {
    const repo = createRepo('onboard-single-node');
    expect(installHook(repo.dir).status).toBe('installed');
    const block = hookBlock(eol);
    const before = `#!/bin/sh${eol}# my checks${eol}npm run lint${eol}${eol}`;
    const after = `echo "pushed"${eol}exit 0`; // no line ending after the user's last line
    // An editor that changed the line endings and an older version of impacted's own lines: both rewritten in place.
    const userFile = `${before}${block.replace('|| exit $?', '')}${after}`;
    writeFileSync(hookPath(repo.dir), userFile);

    const installed = runCli(['hook', 'install'], { cwd: repo.dir });
    expect(installed.stdout).toBe(
      "impacted: updated impacted's lines in the pre-push hook (.git/hooks/pre-push; the previous file is .git/hooks/pre-push.impacted-backup).\n",
    );
    expect(readFileSync(hookPath(repo.dir), 'utf8')).toBe(`${before}${block}${after}`);
    expect(readFileSync(`${hookPath(repo.dir)}.impacted-backup`, 'utf8')).toBe(userFile);
    expect(installHook(repo.dir).status).toBe('unchanged');
    expect(readFileSync(hookPath(repo.dir), 'utf8')).toBe(`${before}${block}${after}`);

    expect(uninstallHook(repo.dir)).toEqual({ status: 'removed', file: hookPath(repo.dir), backup: `${hookPath(repo.dir)}.impacted-backup` });
    expect(readFileSync(hookPath(repo.dir), 'utf8')).toBe(`${before}${after}`);
    expect(readFileSync(`${hookPath(repo.dir)}.impacted-backup`, 'utf8')).toBe(`${before}${block}${after}`);
    expect(statSync(hookPath(repo.dir)).mode & 0o111).toBe(0o111);
    expect(uninstallHook(repo.dir).status).toBe('foreign');
    expect(readFileSync(hookPath(repo.dir), 'utf8')).toBe(`${before}${after}`);
  });

  it('a block whose end line was deleted: exit 2 and the file untouched', () => {
    const repo = createRepo('onboard-single-node');
    const text = `#!/bin/sh\n${hookBlock().split('\n').slice(0, 3).join('\n')}\necho mine\n`;
    writeFileSync(hookPath(repo.dir), text, { mode: 0o755 });
    for (const action of ['install', 'uninstall']) {
      const result = runCli(['hook', action], { cwd: repo.dir });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^impacted: .*pre-push has the line "# >>> impacted pre-push hook >>>" but not "# <<< impacted pre-push hook <<<": restore/);
      expect(readFileSync(hookPath(repo.dir), 'utf8')).toBe(text);
    }
  });

  it('leaves a pre-push hook it did not write alone and prints the line to add', () => {
    const repo = createRepo('onboard-single-node');
    const foreign = '#!/bin/sh\necho checks\n';
    writeFileSync(hookPath(repo.dir), foreign, { mode: 0o755 });
    const result = runCli(['hook', 'install'], { cwd: repo.dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`impacted: .git/hooks/pre-push already exists and impacted did not write it. Add this line to it:\n  ${hookCommand}\n`);
    expect(readFileSync(hookPath(repo.dir), 'utf8')).toBe(foreign);
    expect(uninstallHook(repo.dir).status).toBe('foreign');
    expect(readFileSync(hookPath(repo.dir), 'utf8')).toBe(foreign);
  });

  it('husky: prints the line for .husky/pre-push and writes nothing', () => {
    const repo = createRepo('onboard-single-node');
    repo.write('.husky/_/husky.sh', '');
    repo.git('config', 'core.hooksPath', '.husky/_');
    const result = runCli(['hook', 'install'], { cwd: repo.dir });
    expect(result.stdout).toBe(`impacted: husky manages your git hooks. Add this line to .husky/pre-push:\n  ${hookCommand}\n`);
    expect(() => statSync(path.join(repo.dir, '.husky/_/pre-push'))).toThrow();
    expect(() => statSync(path.join(repo.dir, '.husky/pre-push'))).toThrow();
    expect(() => statSync(hookPath(repo.dir))).toThrow();
  });

  it('lefthook and simple-git-hooks: prints their config instead of writing a hook', () => {
    const lefthook = createRepo('onboard-single-node');
    lefthook.write('lefthook.yml', 'pre-commit:\n  commands: {}\n');
    expect(installHook(lefthook.dir)).toEqual({
      status: 'manager',
      manager: 'lefthook',
      file: 'lefthook.yml',
      instructions: `lefthook manages your git hooks. Add this to lefthook.yml, then run npx lefthook install:\n  pre-push:\n    commands:\n      impacted:\n        run: ${hookCommand}`,
    });
    expect(() => statSync(hookPath(lefthook.dir))).toThrow();

    const simple = createRepo('onboard-single-node');
    const manifest = JSON.parse(simple.read('package.json')) as Record<string, unknown>;
    simple.write('package.json', JSON.stringify({ ...manifest, 'simple-git-hooks': { 'pre-commit': 'npm run lint' } }, null, 2));
    const result = runCli(['hook', 'install'], { cwd: simple.dir });
    expect(result.stdout).toBe(
      `impacted: simple-git-hooks manages your git hooks. Add this to "simple-git-hooks" in package.json, then run npx simple-git-hooks:\n  "pre-push": "${hookCommand}"\n`,
    );
    expect(() => statSync(hookPath(simple.dir))).toThrow();
  });

  it('honours core.hooksPath when no hook manager owns it', () => {
    const repo = createRepo('onboard-single-node');
    repo.git('config', 'core.hooksPath', 'tools/hooks');
    expect(installHook(repo.dir)).toEqual({ status: 'installed', file: path.join(repo.dir, 'tools/hooks/pre-push') });
    expect(readFileSync(path.join(repo.dir, 'tools/hooks/pre-push'), 'utf8')).toBe(hookScript);
  });

  it('outside a git repository: exit 2 with what to do', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'impacted-nogit-'));
    const result = runCli(['hook', 'install'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`impacted: ${dir} is not a git repository: run impacted hook in a git work tree.\n`);
  });

  it('the installed hook runs the affected tests against the upstream branch and blocks a push that breaks one', () => {
    const remote = mkdtempSync(path.join(tmpdir(), 'impacted-remote-'));
    execFileSync('git', ['init', '-q', '--bare', '-b', 'main', remote]);
    const repo = createRepo('onboard-single-node');
    repo.git('remote', 'add', 'origin', remote);
    repo.git('push', '-q', '-u', 'origin', 'main');
    // `npx --no-install impacted` finds the project's own bin, as in a project that installed impacted.
    mkdirSync(path.join(repo.dir, 'node_modules/.bin'), { recursive: true });
    symlinkSync(path.join(projectRoot, 'bin/impacted.js'), path.join(repo.dir, 'node_modules/.bin/impacted'));
    expect(installHook(repo.dir).status).toBe('installed');

    repo.git('checkout', '-q', '-b', 'feature');
    repo.git('push', '-q', '--no-verify', '-u', 'origin', 'feature');
    repo.write('src/greet.js', 'export const greet = (name) => `hi ${name}`;\n');
    repo.commit('break greet');
    const env = { ...process.env, NO_COLOR: '1', CI: '', GITHUB_ACTIONS: '', GITHUB_BASE_REF: '' };
    const blocked = spawnSync('git', ['push', 'origin', 'feature'], { cwd: repo.dir, encoding: 'utf8', env });
    expect(blocked.status).not.toBe(0);
    expect(blocked.stderr).toContain('impacted: 1 changed file affects 1 of 2 tests');
    expect(blocked.stderr).toContain('error: failed to push some refs');
    expect(`${blocked.stdout}${blocked.stderr}`).toContain('greet');
    expect(`${blocked.stdout}${blocked.stderr}`).not.toContain('mean');

    repo.write('test/greet.test.js', repo.read('test/greet.test.js').replace("'hello you'", "'hi you'"));
    repo.commit('update the test');
    const pushed = spawnSync('git', ['push', 'origin', 'feature'], { cwd: repo.dir, encoding: 'utf8', env });
    expect(pushed.stderr).toContain('impacted: 2 changed files affect 1 of 2 tests');
    expect(pushed.status).toBe(0);
  });
});
