// Where a probe runs: the directory the runner would run in, which is also where its package is looked up.
import path from 'node:path';
import type { ProbeRequest } from './probe-types.js';

export function probeCwd(request: ProbeRequest): string {
  const dir = request.cwd ?? (request.configFile === '' ? '' : path.posix.dirname(request.configFile));
  return path.join(request.root, dir === '.' ? '' : dir);
}
