// A reader that closes the pipe early (`impacted list | head -1`): no stack trace, the command's own exit code.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../helpers/repo.js';
import { badRepo } from './bad-repo.js';

describe('stdout or stderr closed by the reader', () => {
  const repo = badRepo();
  const bin = path.join(projectRoot, 'bin/impacted.js');

  it.each([
    ['stdout', `node "${bin}" list 2>stderr.txt | true; echo "exit $\{PIPESTATUS[0]}"; cat stderr.txt`],
    ['stdout and stderr', `node "${bin}" list 2>&1 | true; echo "exit $\{PIPESTATUS[0]}"`],
  ])('%s: exits 0 quietly', (_name, script) => {
    const result = spawnSync('bash', ['-c', script], { cwd: repo.dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CI: '' } });
    expect(result.stdout).toMatch(/^exit 0\n/);
    expect(result.stdout).not.toMatch(/EPIPE|Error|at /);
    expect(result.stderr).toBe('');
  });
});
