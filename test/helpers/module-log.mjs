// Test helper: `node --import <this file>` appends the URL of every ES module the process loads to $IMPACTED_MODULE_LOG.
import { register } from 'node:module';

register('./module-log-hooks.mjs', import.meta.url, { data: process.env.IMPACTED_MODULE_LOG });
