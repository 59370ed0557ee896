#!/usr/bin/env node
// A `list` goes to a running `impacted serve` of this build when there is one; anything else runs here.
import { askServer } from '../dist/bundle/client.js';
const argv = process.argv.slice(2);
process.exitCode = (await askServer(argv)) ?? (await (await import('../dist/bundle/cli.js')).main(argv));
