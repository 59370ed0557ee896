// The I/O floor: reading every tracked file once (`git ls-files -z | xargs -0 cat`), the least any tool that reads the code can take.
import { execFileSync } from 'node:child_process';

/** @typedef {import('./context.mjs').BenchContext} BenchContext */
/** @typedef {import('./context.mjs').Peer} Peer */

/**
 * @param {BenchContext} context
 * @returns {Peer}
 */
export function ioFloor(context) {
  // Files a sparse checkout lacks are listed but absent: cat's complaint about them is not a failure of the floor.
  const command = 'git ls-files -z | xargs -0 cat > /dev/null 2>&1; exit 0';
  return {
    id: 'io-floor',
    label: 'I/O floor: read every tracked file (git ls-files, xargs cat)',
    command,
    config: 'every tracked file read once, from the page cache (one unmeasured read first); no parsing',
    // One unmeasured read first: the tools measured after it find the files in the page cache too.
    setup: () => {
      execFileSync('/bin/sh', ['-c', command], { cwd: context.repo, timeout: context.timeoutMs });
    },
    invocation: () => ({ file: '/bin/sh', args: ['-c', command], cwd: context.repo }),
    selected: () => [],
  };
}
