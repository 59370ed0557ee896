// Run by node as a child process in the directory jest would run in: resolves a config with the repository's own
// jest-config (the one its jest CLI loads) exactly as `jest --showConfig [--config <file>]` does (`readConfigs` with
// that argv and the working directory as the project), without loading the rest of jest, and prints what
// `--showConfig` prints ({ configs, globalConfig }) as one JSON line after a marker. Works with jest 27 to 30.
import { createRequire } from 'node:module';

const [jestConfigEntry, configFile, marker] = process.argv.slice(2);

// jest's bin sets it before any config loads.
if (process.env.NODE_ENV === undefined) process.env.NODE_ENV = 'test';

try {
  const { readConfigs } = createRequire(import.meta.url)(jestConfigEntry);
  const argv = { _: [], $0: 'jest', showConfig: true, ...(configFile ? { config: configFile } : {}) };
  const { configs, globalConfig } = await readConfigs(argv, [process.cwd()]);
  // Exits once the whole line is written: a pipe takes only so much at once, and a config may leave handles open.
  process.stdout.write(`\n${marker}${JSON.stringify({ configs, globalConfig })}\n`, () => process.exit(0));
} catch (error) {
  // As the jest CLI reports a config it cannot read: the error's stack on stderr, exit 1.
  process.stderr.write(`${error instanceof Error && error.stack ? error.stack : String(error)}\n`, () => process.exit(1));
}
