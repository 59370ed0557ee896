// Blobs from git's object store: one batch for many, and a blob the batch reports missing (a partial clone) is not
// asked for again with a process of its own.
import { describe, expect, it } from 'vitest';
import { gitObjects } from '../../src/files/git-objects.js';
import { createRepo } from '../helpers/repo.js';

describe('gitObjects', () => {
  it('reads prefetched blobs from memory and refuses a missing one without asking git again', async () => {
    const repo = createRepo();
    repo.write('a.txt', 'alpha\n');
    repo.commit('a');
    const present = repo.git('rev-parse', 'HEAD:a.txt');
    const absent = '0123456789abcdef0123456789abcdef01234567';
    const objects = gitObjects(repo.dir);
    await objects.prefetch([present, absent]);
    expect(objects.read(present).toString()).toBe('alpha\n');
    expect(() => objects.read(absent)).toThrow(`git has no blob ${absent} (a partial clone that never fetched it)`);
    // Not prefetched: one git process reads it.
    repo.write('b.txt', 'beta\n');
    repo.commit('b');
    expect(gitObjects(repo.dir).read(repo.git('rev-parse', 'HEAD:b.txt')).toString()).toBe('beta\n');
  });
});
