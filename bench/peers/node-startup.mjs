// What starting Node costs on this machine, with the environment as it is and without NODE_EXTRA_CA_CERTS: Node reads
// and parses every certificate in that file before any code runs, in each process (the whole system bundle, as some
// sandboxes set it, is ~150 certificates: tens of ms). The bench removes it from every row alike, and says so.
import { spawnSync } from 'node:child_process';
import { median } from './compare.mjs';

/**
 * Wall ms of one `node -e 0` in `env`.
 * @param {NodeJS.ProcessEnv} env
 */
function once(env) {
  const started = performance.now();
  spawnSync(process.execPath, ['-e', '0'], { env, stdio: 'ignore' });
  return performance.now() - started;
}

/**
 * Medians of `node -e 0` (wall ms) over `runs` pairs, alternating: with the environment as it is, and without
 * NODE_EXTRA_CA_CERTS.
 * @param {number} runs
 */
export function nodeStartup(runs) {
  const without = { ...process.env };
  delete without.NODE_EXTRA_CA_CERTS;
  /** @type {number[]} */
  const asIs = [];
  /** @type {number[]} */
  const withoutCerts = [];
  for (let i = 0; i < runs; i++) {
    asIs.push(once(process.env));
    withoutCerts.push(once(without));
  }
  return { asIsMs: Math.round(median(asIs)), withoutCaCertsMs: Math.round(median(withoutCerts)) };
}
