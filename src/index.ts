// The public API: re-exports only.
export { ImpactedError, isImpactedError, type ErrorCode } from './errors.js';
export { resolveConfig, type Config, type ConfigOverrides } from './config/load-config.js';
export type { RunnerSpec, RunnerName, UserConfig } from './config/schema.js';
export type * from './types.js';
