// Property: for random edits on a fixture monorepo whose tests really run, the selection always contains every test
// that loaded or read the edited file at run time, as `impacted audit` observes it under V8 coverage.
import { beforeAll, describe, expect, it } from 'vitest';
import { affectedTests } from '../../src/affected-tests.js';
import { auditTests } from '../../src/audit/audit-tests.js';
import { createRepo, type TempRepo } from '../helpers/repo.js';

/** mulberry32: a small seeded generator, so a failure replays exactly. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An edit that keeps the file valid: a comment for code, trailing whitespace for data. */
function edit(repo: TempRepo, file: string, n: number): void {
  const comment = /\.[cm]?[jt]s$/.test(file) ? `\n// edit ${n}\n` : file.endsWith('.sql') ? `\n-- edit ${n}\n` : '\n';
  repo.write(file, `${repo.read(file)}${comment}`);
}

describe('selection contains every test that loads the edited file (fixed seed, 30 edits)', () => {
  let repo: TempRepo;
  let loadedBy: Map<string, string[]>;
  let files: string[];

  beforeAll(async () => {
    repo = createRepo('widen-runtime');
    const { report, observed } = await auditTests({ cwd: repo.dir });
    expect(report.summary.failed).toBe(0);
    expect(report.summary.uncaptured).toBe(0);
    loadedBy = new Map();
    for (const [test, seen] of observed) {
      for (const file of [...seen.executed, ...seen.read]) loadedBy.set(file, [...(loadedBy.get(file) ?? []), test]);
    }
    files = repo.git('ls-files').split('\n').filter((file) => file.startsWith('packages/'));
    repo.git('checkout', '-q', '-b', 'feature');
  }, 60_000);

  it('the audit observed what the tests load, beyond plain imports', () => {
    // `node --test` without arguments runs every `**/test/**/*.?(c|m)js`, so the helper is one of its tests too.
    expect(loadedBy.get('packages/lib/test/helpers/setup.js')?.toSorted()).toEqual(['packages/lib/test/config.test.cjs', 'packages/lib/test/helpers/setup.js']);
    expect(loadedBy.get('packages/app/sql/q.sql')).toEqual(['packages/app/test/query.test.mjs']);
    expect(loadedBy.get('packages/lib/src/math.mjs')?.toSorted()).toEqual([
      'packages/app/test/main.test.mjs',
      'packages/lib/test/index.test.mjs',
      'packages/lib/test/math.test.mjs',
    ]);
  });

  it('holds for every edit', async () => {
    const next = random(13);
    for (let n = 0; n < 30; n++) {
      const file = files[Math.floor(next() * files.length)]!;
      edit(repo, file, n);
      const selection = await affectedTests({ cwd: repo.dir, base: 'main', cache: false });
      const selected = new Set(selection.mode === 'all' ? [] : selection.tests.map((test) => test.path));
      const missing = selection.mode === 'all' ? [] : (loadedBy.get(file) ?? []).filter((test) => !selected.has(test));
      expect({ file, missing }).toEqual({ file, missing: [] });
      repo.git('checkout', '-q', '--', file);
    }
  }, 60_000);
});
