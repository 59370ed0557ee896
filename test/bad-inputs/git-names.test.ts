// An orphan branch without commits, and file names that are not UTF-8, through the real CLI.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Selection } from '../../src/types.js';
import { allTests, badRepo, cli, selected } from './bad-repo.js';

describe('an orphan branch', () => {
  it('with no commits yet, while main has some: runs everything and says why', () => {
    const repo = badRepo();
    repo.git('checkout', '-q', '--orphan', 'fresh');
    const result = cli(['list', '--json'], { cwd: repo.dir });
    expect(result.code).toBe(0);
    const selection = JSON.parse(result.stdout) as Selection;
    expect(selection).toMatchObject({
      mode: 'all',
      reason: 'the branch fresh has no commits yet, so nothing to compare with main: running every test',
      head: 'worktree',
    });
    expect(selected(selection)).toEqual(allTests);
    expect(result.stderr).not.toMatch(/has no commits yet\. Commit once/);
  });
});

describe('file names that are not UTF-8', () => {
  it('exit 2 with one line naming the file by its bytes, as git quotes them', () => {
    const repo = badRepo({ feature: true });
    // "café.ts" in Latin-1: the é is the single byte 0xE9.
    const name = Buffer.concat([Buffer.from(path.join(repo.dir, 'packages/core/src/caf')), Buffer.from([0xe9]), Buffer.from('.ts')]);
    writeFileSync(name, 'export const x = 1;\n');
    repo.commit('a Latin-1 name');
    const result = cli(['list', '--base', 'main'], { cwd: repo.dir });
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'impacted: the file name "packages/core/src/caf\\351.ts" is not valid UTF-8, and impacted reads and reports paths as UTF-8. Rename the file (git mv) and run impacted again.\n',
    });
  });
});
