// The bench's jest peer lists the related tests of a generated repository, also one reached through a symlink.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateRepo } from '../../bench/generate-repo.mjs';
import { createContext } from '../../bench/peers/context.mjs';
import { jestRelated } from '../../bench/peers/jest.mjs';

const parent = mkdtempSync(path.join(tmpdir(), 'impacted-bench-jest-'));
afterAll(() => rmSync(parent, { recursive: true, force: true }));

describe('jest peer', () => {
  it('lists the same related tests through a symlinked repository path as through the real one', () => {
    const meta = generateRepo({ dir: path.join(parent, 'repo'), files: 200, packages: 4, seed: 3 });
    symlinkSync(parent, path.join(parent, 'linked'));
    const listed = (dir: string) => {
      const context = createContext({ ...meta, dir }, 60_000);
      try {
        const peer = jestRelated(context, 'cold');
        const { file, args, cwd, env } = peer.invocation();
        return peer.selected(execFileSync(file, args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8' }));
      } finally {
        rmSync(context.scratch, { recursive: true, force: true });
      }
    };
    const direct = listed(meta.dir);
    expect(direct.length).toBeGreaterThan(0);
    // jest realpaths its roots: through the symlink it used to list nothing.
    expect(listed(path.join(parent, 'linked', 'repo'))).toEqual(direct);
  }, 120_000);
});
