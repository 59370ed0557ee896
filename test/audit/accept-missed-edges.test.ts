// `audit --fix`: missed edges become implicitDependencies rules in the config file the audit read.
import { describe, expect, it } from 'vitest';
import { acceptMissedEdges } from '../../src/audit/accept-missed-edges.js';
import type { AuditedTest } from '../../src/audit/types.js';
import { resolveConfig } from '../../src/config/load-config.js';
import { createRepo } from '../helpers/repo.js';

function audited(path: string, missed: string[]): AuditedTest {
  return { path, missed, overSelected: 0, reached: 0, ran: 0, read: 0, captured: true, exitCode: 0 };
}

describe('acceptMissedEdges', () => {
  it('creates impacted.config.json when there is no config', async () => {
    const repo = createRepo();
    const accepted = await acceptMissedEdges(await resolveConfig(repo.dir), [
      audited('test/b.test.ts', ['src/z.ts', 'src/a.ts']),
      audited('test/a.test.ts', ['src/p.ts']),
      audited('test/c.test.ts', []),
    ]);
    expect(accepted).toEqual({ file: 'impacted.config.json', tests: 2, edges: 3 });
    expect(repo.read('impacted.config.json')).toBe(
      `${JSON.stringify({ implicitDependencies: { 'test/a.test.ts': ['src/p.ts'], 'test/b.test.ts': ['src/a.ts', 'src/z.ts'] } }, null, 2)}\n`,
    );
    // What it wrote is valid config that the graph reads.
    expect((await resolveConfig(repo.dir)).implicitDependencies).toEqual({ 'test/a.test.ts': ['src/p.ts'], 'test/b.test.ts': ['src/a.ts', 'src/z.ts'] });
  });

  it('merges with the rules already there, keeping their order, the other keys and the indentation', async () => {
    const repo = createRepo();
    const existing = { typeOnly: 'ignore', implicitDependencies: { 'test/**/*.int.test.ts': ['db/*.sql'], 'test/b.test.ts': ['src/m.ts'] } };
    repo.write('impacted.config.json', `${JSON.stringify(existing, null, 4)}\n`);
    const accepted = await acceptMissedEdges(await resolveConfig(repo.dir), [
      audited('test/b.test.ts', ['src/m.ts', 'src/c.ts']),
      audited('test/app/[id]/page.test.ts', ['src/(group)/x.ts']),
    ]);
    expect(accepted).toEqual({ file: 'impacted.config.json', tests: 2, edges: 2 });
    expect(repo.read('impacted.config.json')).toBe(
      `${JSON.stringify(
        {
          typeOnly: 'ignore',
          implicitDependencies: {
            'test/**/*.int.test.ts': ['db/*.sql'],
            'test/b.test.ts': ['src/m.ts', 'src/c.ts'],
            // Globs that match only these paths.
            'test/app/\\[id\\]/page.test.ts': ['src/\\(group\\)/x.ts'],
          },
        },
        null,
        4,
      )}\n`,
    );
  });

  it('writes into package.json "impacted" when the config lives there, and leaves a file alone when nothing is new', async () => {
    const repo = createRepo();
    const manifest = { name: 'x', private: true, impacted: { ignore: ['docs/**'] } };
    repo.write('package.json', `${JSON.stringify(manifest, null, 2)}\n`);
    const config = await resolveConfig(repo.dir);
    expect(await acceptMissedEdges(config, [audited('a.test.ts', ['b.ts'])])).toEqual({ file: 'package.json', tests: 1, edges: 1 });
    const written = repo.read('package.json');
    expect(JSON.parse(written)).toEqual({ ...manifest, impacted: { ignore: ['docs/**'], implicitDependencies: { 'a.test.ts': ['b.ts'] } } });
    expect(await acceptMissedEdges(await resolveConfig(repo.dir), [audited('a.test.ts', ['b.ts'])])).toEqual({ file: 'package.json', tests: 0, edges: 0 });
    expect(repo.read('package.json')).toBe(written);
  });
});
