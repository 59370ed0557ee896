// The base the user chose, if any: `--base`, else IMPACTED_BASE (CI variables and the default branch come later).
import type { Environment } from './ci-env.js';

export function explicitBase(options: { base?: string; env: Environment }): { ref: string; source: 'flag' | 'env'; origin?: string } | undefined {
  if (options.base) return { ref: options.base, source: 'flag' };
  const fromEnv = options.env.IMPACTED_BASE?.trim();
  return fromEnv ? { ref: fromEnv, source: 'env', origin: 'IMPACTED_BASE' } : undefined;
}
