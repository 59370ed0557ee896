import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { detectChanges } from '../../src/git/detect-changes.js';
import { isImpactedError } from '../../src/errors.js';
import { createRepo } from '../helpers/repo.js';
import { repoWith, tempDir } from './git-fixtures.js';

async function failure(cwd: string): Promise<{ code: string; message: string }> {
  try {
    await detectChanges({ cwd, env: {} });
  } catch (error) {
    if (isImpactedError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected detectChanges to fail');
}

describe('detectChanges: user errors', () => {
  const originalPath = process.env.PATH;
  afterEach(() => {
    process.env.PATH = originalPath;
  });

  it('says when the directory is not a git repository', async () => {
    const dir = tempDir();
    expect(await failure(dir)).toEqual({
      code: 'NOT_A_REPO',
      message: `${dir} is not inside a git repository. Run impacted in a git repository or pass --cwd <dir>.`,
    });
  });

  it('says when the repository has no commits', async () => {
    const repo = createRepo();
    repo.write('a.ts', 'a\n');
    const root = repo.git('rev-parse', '--show-toplevel');
    expect(await failure(repo.dir)).toEqual({
      code: 'NO_COMMITS',
      message: `the repository at ${root} has no commits yet. Commit once, then run impacted again.`,
    });
  });

  it('says when the directory does not exist', async () => {
    const dir = path.join(tempDir(), 'missing');
    expect(await failure(dir)).toEqual({
      code: 'CWD',
      message: `directory ${dir} does not exist. Pass an existing directory with --cwd <dir>.`,
    });
  });

  it('says when git is not installed', async () => {
    const repo = repoWith({ 'a.ts': 'a\n' });
    process.env.PATH = tempDir();
    expect(await failure(repo.dir)).toEqual({
      code: 'GIT_MISSING',
      message: 'git was not found on PATH. Install git (https://git-scm.com) and run impacted again.',
    });
  });
});
