// The resolver's path helpers must agree with path.posix on every shape of path they are given.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extensionOf, joinRepoPath, repoPathOf } from '../../src/graph/repo-path.js';

/** What the resolver computed before, with path.posix. */
function reference(dir: string, relative: string): string | undefined {
  const joined = path.posix.normalize(path.posix.join(dir, relative)).replace(/\/$/, '');
  if (joined === '..' || joined.startsWith('../')) return undefined;
  return joined === '.' ? '' : joined;
}

const dirs = ['', 'a', 'a/b', 'packages/p1/src/util'];
const relatives = ['.', './', '..', '../', './x', 'x', 'x/', './x.js', '../x.ts', '../../x', '../../../x', 'x/../y', 'x/./y', './x//y', '/x', 'x/..', '.hidden', '..x', 'x/.../y', '../a/b/../c/', '/', '//x', '/x/../..'];

describe('joinRepoPath', () => {
  it.each(dirs)('joins and normalizes like path.posix from %j', (dir) => {
    for (const relative of relatives) expect({ relative, joined: joinRepoPath(dir, relative) }).toEqual({ relative, joined: reference(dir, relative) });
  });
});

describe('repoPathOf', () => {
  it('makes absolute paths inside the root relative and normalized, and rejects the rest', () => {
    expect(repoPathOf('/repo', '/repo')).toBe('');
    expect(repoPathOf('/repo', '/repo/a/./b/../c.ts')).toBe('a/c.ts');
    expect(repoPathOf('/repo', '/repo/../x')).toBeUndefined();
    expect(repoPathOf('/repo', '/repository/x')).toBeUndefined();
    expect(repoPathOf('/repo', '/other/x')).toBeUndefined();
  });
});

describe('extensionOf', () => {
  it.each(['a.ts', 'a/b.d.ts', 'a/.hidden', 'a/b.', 'a.b/c', 'a', '', 'a/b.test.tsx'])('is path.posix.extname for %j', (file) => {
    expect(extensionOf(file)).toBe(path.posix.extname(file));
  });
});
