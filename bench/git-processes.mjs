// `npm run bench:git`: how many git processes one `impacted list` spawns, which ones, and its warm wall time.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultRepoDir, ensureRepo } from './generate-repo.mjs';
import { median } from './peers/compare.mjs';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const cli = path.join(benchDir, '..', 'bin', 'impacted.js');

const { values } = parseArgs({
  options: {
    files: { type: 'string', default: '10000' },
    repo: { type: 'string' },
    runs: { type: 'string', default: '7' },
    args: { type: 'string', default: 'list --base main' },
  },
});
const runs = Number(values.runs);
const dir = values.repo ? path.resolve(values.repo) : ensureRepo({ dir: defaultRepoDir(Number(values.files)), files: Number(values.files) }).dir;
const args = values.args.split(' ');
const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();

// A `git` first on PATH that logs its arguments, one line per process, then runs the real one.
const shimDir = mkdtempSync(path.join(os.tmpdir(), 'impacted-git-shim-'));
const log = path.join(shimDir, 'log');
writeFileSync(path.join(shimDir, 'git'), `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\nexec '${realGit}' "$@"\n`);
chmodSync(path.join(shimDir, 'git'), 0o755);

function run(env) {
  const started = performance.now();
  const result = spawnSync(process.execPath, [cli, ...args, '--quiet'], { cwd: dir, env: { ...process.env, NO_COLOR: '1', ...env }, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`impacted ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return performance.now() - started;
}

try {
  run({}); // warms the cache
  writeFileSync(log, '');
  run({ PATH: `${shimDir}${path.delimiter}${process.env.PATH}` });
  const commands = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  const times = Array.from({ length: runs }, () => run({}));
  console.log(`${dir}: impacted ${args.join(' ')}, warm`);
  console.log(`git processes: ${commands.length}`);
  for (const command of commands) console.log(`  git ${command.replace(/^(-c \S+ )+/, '')}`);
  console.log(`wall ms: median ${Math.round(median(times))} over ${runs} runs (min ${Math.round(Math.min(...times))}); load average ${os.loadavg().map((n) => n.toFixed(2)).join(' ')}`);
} finally {
  rmSync(shimDir, { recursive: true, force: true });
}
