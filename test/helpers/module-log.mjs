// Test helper: `node --import <this file>` appends to $IMPACTED_MODULE_LOG the URL of every ES module the process
// loads and, when it exits, the path of every module `require` loaded.
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';

const log = process.env.IMPACTED_MODULE_LOG;
register('./module-log-hooks.mjs', import.meta.url, { data: log });
const { cache } = createRequire(import.meta.url);
process.on('exit', () => appendFileSync(log, Object.keys(cache).map((file) => `${file}\n`).join('')));
