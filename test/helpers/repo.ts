// Test helper: copies a fixture into a temp dir, makes it a real git repository, and edits it.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const fixturesDir = path.join(projectRoot, 'fixtures');

const created: string[] = [];
afterAll(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export interface TempRepo {
  dir: string;
  git: (...args: string[]) => string;
  write: (file: string, content: string) => void;
  read: (file: string) => string;
  remove: (file: string) => void;
  commit: (message: string) => string;
}

/** A TempRepo handle on an existing git work tree. */
export function repoHandle(dir: string): TempRepo {
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

/** A temp git repository on branch `main`, filled from `fixtures/<fixture>` (or empty) and committed. */
export function createRepo(fixture?: string, options: { commit?: boolean } = {}): TempRepo {
  const dir = mkdtempSync(path.join(tmpdir(), 'impacted-test-'));
  created.push(dir);
  if (fixture) cpSync(path.join(fixturesDir, fixture), dir, { recursive: true });
  const repo = repoHandle(dir);
  repo.git('init', '-q', '-b', 'main');
  repo.git('config', 'user.email', 'test@example.com');
  repo.git('config', 'user.name', 'impacted tests');
  repo.git('config', 'commit.gpgsign', 'false');
  if (options.commit !== false && fixture) repo.commit('initial');
  return repo;
}
