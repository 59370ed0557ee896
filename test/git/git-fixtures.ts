// Test helpers for the git stage: clones of temp repositories and a detectChanges call with an empty CI environment.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { detectChanges, type DetectChangesOptions } from '../../src/git/detect-changes.js';
import type { ChangeSet } from '../../src/types.js';
import { createRepo, type TempRepo } from '../helpers/repo.js';

const created: string[] = [];
afterAll(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A TempRepo-shaped handle on an existing directory. */
function handle(dir: string): TempRepo {
  const git = (...args: string[]): string =>
    execFileSync('git', args, {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z', GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z' },
    }).trim();
  return {
    dir,
    git,
    write(file, content) {
      const target = path.join(dir, file);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, content);
    },
    read: (file) => readFileSync(path.join(dir, file), 'utf8'),
    remove: (file) => rmSync(path.join(dir, file), { recursive: true, force: true }),
    commit(message) {
      git('add', '-A');
      git('commit', '-q', '--allow-empty', '-m', message);
      return git('rev-parse', 'HEAD');
    },
  };
}

export function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'impacted-git-'));
  created.push(dir);
  return dir;
}

/** `git clone <args> file://<source>` into a new temp dir. */
export function cloneRepo(source: TempRepo, args: string[] = []): TempRepo {
  const dir = tempDir();
  execFileSync('git', ['clone', '-q', ...args, `file://${source.dir}`, dir], { encoding: 'utf8' });
  const clone = handle(dir);
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
