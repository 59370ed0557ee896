// Test helpers for the git stage: clones of temp repositories and a detectChanges call with an empty CI environment.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { detectChanges, type DetectChangesOptions } from '../../src/git/detect-changes.js';
import type { ChangeSet } from '../../src/types.js';
import { createRepo, repoHandle, type TempRepo } from '../helpers/repo.js';

const created: string[] = [];
afterAll(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'impacted-git-'));
  created.push(dir);
  return dir;
}

/** `git clone <args> file://<source>` into a new temp dir. */
export function cloneRepo(source: TempRepo, args: string[] = []): TempRepo {
  const dir = tempDir();
  execFileSync('git', ['clone', '-q', ...args, `file://${source.dir}`, dir], { encoding: 'utf8' });
  const clone = repoHandle(dir);
  clone.git('config', 'user.email', 'test@example.com');
  clone.git('config', 'user.name', 'impacted tests');
  clone.git('config', 'commit.gpgsign', 'false');
  return clone;
}

/** A repository on `main` with one committed file per entry of `files`. */
export function repoWith(files: Record<string, string>): TempRepo {
  const repo = createRepo();
  for (const [file, content] of Object.entries(files)) repo.write(file, content);
  repo.commit('initial');
  return repo;
}

/** detectChanges with no CI variables unless the test gives them. */
export function changesIn(repo: TempRepo, options: Omit<DetectChangesOptions, 'cwd'> = {}): Promise<ChangeSet> {
  return detectChanges({ env: {}, ...options, cwd: repo.dir });
}
