import { describe, expect, it } from 'vitest';
import { readFileAtRevision } from '../../src/git/read-file-at-revision.js';
import { repoWith } from './git-fixtures.js';

describe('readFileAtRevision', () => {
  const repo = repoWith({ 'packages/a/package.json': '{ "name": "a" }\n', 'naïve file.txt': 'é\n' });
  const first = repo.git('rev-parse', 'HEAD');
  repo.write('packages/a/package.json', '{ "name": "a", "version": "2.0.0" }\n');
  repo.commit('bump');

  it('reads a file as it was at a revision', async () => {
    expect(await readFileAtRevision(repo.dir, first, 'packages/a/package.json')).toBe('{ "name": "a" }\n');
    expect(await readFileAtRevision(repo.dir, 'HEAD', 'packages/a/package.json')).toBe('{ "name": "a", "version": "2.0.0" }\n');
    expect(await readFileAtRevision(repo.dir, 'main', 'naïve file.txt')).toBe('é\n');
  });

  it('gives undefined for a file that did not exist there, or a directory', async () => {
    expect(await readFileAtRevision(repo.dir, first, 'missing.json')).toBeUndefined();
    expect(await readFileAtRevision(repo.dir, first, 'packages')).toBeUndefined();
  });

  it('throws UNKNOWN_REF for a revision that does not exist', async () => {
    await expect(readFileAtRevision(repo.dir, 'no-such-branch', 'a.json')).rejects.toMatchObject({
      code: 'UNKNOWN_REF',
      message: 'revision "no-such-branch" not found. Pass a commit, branch or tag that exists.',
    });
    await expect(readFileAtRevision(repo.dir, '--output=x', 'a.json')).rejects.toMatchObject({ code: 'UNKNOWN_REF' });
  });
});
