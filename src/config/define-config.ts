// A typed identity helper for configs written in TypeScript and handed to the library (the config file itself stays JSON).
import type { UserConfig } from './schema.js';

/**
 * Returns `config` unchanged; it exists so an editor checks and completes the keys.
 *
 * `impacted.config.json` is JSON and is read as such; `defineConfig` is for programs that use the library API,
 * for example to keep shared settings in one typed module:
 *
 * @example
 * ```ts
 * import { defineConfig } from 'impacted';
 * export const config = defineConfig({ ignore: ['**\/*.md', 'docs/**'], typeOnly: 'ignore' });
 * ```
 */
export function defineConfig(config: UserConfig): UserConfig {
  return config;
}
