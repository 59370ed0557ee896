// Config mistakes and hostile repositories through the real CLI: test globs that match nothing, repository code
// that must never run, and custom runner commands that are split by impacted, not by a shell.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TempRepo } from '../helpers/repo.js';
import { appTest, badRepo, cli, listJson, mathTest, selected, withRecorder } from './bad-repo.js';

const touchMath = (repo: TempRepo): void => repo.write('packages/core/src/math.ts', `${repo.read('packages/core/src/math.ts')}export const two = 2;\n`);

describe('"tests" globs that match nothing', () => {
  it.each([
    [['packages/*/tests/**/*.test.ts'], '"tests" globs ["packages/*/tests/**/*.test.ts"] match no file of the repository.'],
    [['spec/**', '**/*.spec.ts'], '"tests" globs ["spec/**","**/*.spec.ts"] match no file of the repository.'],
    [[], '"tests" is an empty list.'],
  ])('%j: exit 2 naming the globs, on a branch and on main, for list and run', (tests, message) => {
    const repo = badRepo();
    repo.write('impacted.config.json', JSON.stringify({ tests }));
    repo.commit('a typo in the test globs');
    const line = `impacted: ${message} Fix the globs (relative to the repository root) or remove "tests" to detect test files.\n`;
    expect(cli(['list'], { cwd: repo.dir })).toEqual({ code: 2, stdout: '', stderr: line });
    repo.git('checkout', '-q', '-b', 'feature');
    touchMath(repo);
    for (const command of [['list', '--base', 'main'], ['run', '--base', 'main', '--dry-run']]) {
      expect(cli(command, { cwd: repo.dir })).toEqual({ code: 2, stdout: '', stderr: line });
    }
  });

  it('globs that match select as usual', () => {
    const repo = badRepo();
    repo.write('impacted.config.json', JSON.stringify({ tests: ['packages/*/tests/**/*.test.ts', 'packages/core/test/math.test.ts'] }));
    repo.commit('one glob matches');
    repo.git('checkout', '-q', '-b', 'feature');
    touchMath(repo);
    expect(selected(listJson(repo, '--base', 'main'))).toEqual([mathTest]);
  });
});

/** Every file named EXECUTED* in the repository, node_modules included. */
function markers(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) => path.basename(file).startsWith('EXECUTED'));
}

const writesMarker = (name: string): string => `import { writeFileSync } from 'node:fs';\nwriteFileSync(new URL('./${name}', import.meta.url), '');\n`;

describe('building the graph and planning a run never execute repository code', () => {
  const hostileScripts = {
    test: 'vitest run && node -e "require(\'fs\').writeFileSync(\'EXECUTED-script\', \'\')"',
    pretest: 'touch EXECUTED-pretest',
    prepare: 'touch EXECUTED-prepare',
    postinstall: 'touch EXECUTED-postinstall',
  };

  function hostileRepo(): TempRepo {
    const repo = badRepo();
    repo.write('vitest.config.ts', `${writesMarker('EXECUTED-vitest-config')}export default { test: { include: ['packages/*/test/**/*.test.ts'] } };\n`);
    repo.write('packages/app/jest.config.js', `${writesMarker('EXECUTED-jest-config')}export default { testMatch: ['<rootDir>/test/**/*.test.ts'] };\n`);
    repo.write('packages/core/.mocharc.cjs', `require('node:fs').writeFileSync(require('node:path').join(__dirname, 'EXECUTED-mocharc'), '');\nmodule.exports = {};\n`);
    for (const manifest of ['package.json', 'packages/app/package.json', 'packages/core/package.json']) {
      // Only the root's test script names a runner, so the packages' runners come from their config files.
      const scripts = manifest === 'package.json' ? hostileScripts : { ...hostileScripts, test: undefined };
      repo.write(manifest, JSON.stringify({ ...(JSON.parse(repo.read(manifest)) as object), scripts }, null, 2));
    }
    // Runner binaries that would leave a marker too: --dry-run must print their commands, not start them.
    for (const bin of ['vitest', 'jest', 'mocha']) {
      repo.write(`node_modules/.bin/${bin}`, `#!/bin/sh\ntouch "$(dirname "$0")/EXECUTED-${bin}"\n`);
      chmodSync(path.join(repo.dir, `node_modules/.bin/${bin}`), 0o755);
    }
    repo.commit('hostile configs');
    repo.git('checkout', '-q', '-b', 'feature');
    touchMath(repo);
    repo.write('packages/app/jest.config.js', `${repo.read('packages/app/jest.config.js')}// changed\n`);
    return repo;
  }

  it('list, why, graph and run --dry-run leave no marker', () => {
    const repo = hostileRepo();
    const selection = listJson(repo, '--base', 'main');
    expect(selected(selection)).toEqual([appTest, mathTest]);
    for (const command of [['why', appTest, '--base', 'main'], ['graph'], ['graph', '--json'], ['run', '--base', 'main', '--dry-run'], ['run', '--all', '--dry-run']]) {
      const result = cli(command, { cwd: repo.dir });
      expect(result.stderr).not.toMatch(/internal error/);
      expect(result.code).toBe(0);
    }
    expect(cli(['run', '--base', 'main', '--dry-run'], { cwd: repo.dir }).stdout).toMatch(/jest --runTestsByPath test\/app\.test\.ts\)/);
    expect(markers(repo.dir)).toEqual([]);

    // The markers do work: running the runners, or a config itself, leaves them.
    expect(cli(['run', '--base', 'main'], { cwd: repo.dir }).code).toBe(0);
    execFileSync(process.execPath, ['packages/app/jest.config.js'], { cwd: repo.dir });
    expect(markers(repo.dir).toSorted()).toEqual(['node_modules/.bin/EXECUTED-jest', 'node_modules/.bin/EXECUTED-mocha', 'packages/app/EXECUTED-jest-config']);
  });
});

describe('custom runner commands', () => {
  const oddTests = ['packages/core/test/$(touch PWNED).test.ts', 'packages/core/test/a b.test.ts'];

  function repoWithCommand(command: string, shell: boolean): { repo: TempRepo; recorder: ReturnType<typeof withRecorder> } {
    const repo = badRepo();
    const recorder = withRecorder(repo, { command, shell });
    repo.git('checkout', '-q', '-b', 'feature');
    for (const test of oddTests) repo.write(test, "import '../src/math.js';\n");
    repo.commit('odd test names');
    return { repo, recorder };
  }

  it('are split into arguments by impacted: shell operators are plain arguments', () => {
    const { repo, recorder } = repoWithCommand(`node record.mjs --label='two words' {files} && touch PWNED`, false);
    const result = cli(['run', '--base', 'main'], { cwd: repo.dir, env: recorder.env });
    expect(result.code).toBe(0);
    expect(recorder.runs()).toEqual([['--label=two words', ...oddTests, '&&', 'touch', 'PWNED']]);
    expect(existsSync(path.join(repo.dir, 'PWNED'))).toBe(false);
  });

  it('run through a shell only with "shell": true, and even then file names are not shell code', () => {
    const { repo, recorder } = repoWithCommand('node record.mjs {files} && node record.mjs the-shell-ran', true);
    const result = cli(['run', '--base', 'main'], { cwd: repo.dir, env: recorder.env });
    expect(result.code).toBe(0);
    expect(recorder.runs()).toEqual([oddTests, ['the-shell-ran']]);
    expect(existsSync(path.join(repo.dir, 'PWNED'))).toBe(false);
    expect(existsSync(path.join(repo.dir, 'packages/core/test/PWNED'))).toBe(false);
  });
});
