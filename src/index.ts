// The public API: re-exports only.
export { affectedTests, analyze, cacheTestGraph, type AffectedTestsOptions, type Analysis } from './affected-tests.js';
export { resolveConfig, type Config, type ConfigOverrides } from './config/load-config.js';
export type { RunnerName, RunnerSpec, UserConfig } from './config/schema.js';
export { defineConfig } from './config/define-config.js';
export { ImpactedError, isImpactedError, type ErrorCode } from './errors.js';
export { detectChanges, type DetectChangesOptions } from './git/detect-changes.js';
export { readFileAtRevision } from './git/read-file-at-revision.js';
export { buildGraph, type BuildGraphOptions } from './graph/build-graph.js';
export { findTests, type FindTestsOptions, type TestDiscovery } from './select/find-tests.js';
export { withSetupEdges } from './runners/setup-edges.js';
export { selectTests, type SelectInput } from './select/select-tests.js';
export { detectRunner } from './runners/detect-runner.js';
export type { RunnerAlias, RunnerProject } from './runners/types.js';
export { planRun } from './run/plan-run.js';
export { runTests } from './run/run-tests.js';
export { parseShard, shardFiles } from './run/shard-files.js';
export type * from './run/types.js';
export type * from './types.js';
