// Run by node as a child process: loads mocha's options the way the mocha CLI does (.mocharc.*, package.json
// "mocha", its defaults) with the repository's own mocha, and prints them as one JSON line after a marker; in
// `list` mode also the spec files mocha itself collects from them (its collect-files, without loading a test).
import { createRequire } from 'node:module';
import path from 'node:path';
import { firstLine } from '../probe/first-line.mjs';

const [mode, mochaDir, configFile, marker] = process.argv.slice(2);
const require = createRequire(import.meta.url);

function strings(value) {
  if (value === undefined || value === null || value === false) return [];
  return (Array.isArray(value) ? value : [value]).filter((entry) => typeof entry === 'string');
}

let output;
try {
  const { loadOptions } = require(path.join(mochaDir, 'lib', 'cli', 'options.js'));
  const options = loadOptions(configFile ? ['--config', configFile] : []);
  output = {
    spec: [...strings(options._), ...strings(options.spec)],
    ignore: strings(options.ignore),
    extension: strings(options.extension),
    recursive: options.recursive === true,
    require: strings(options.require),
    file: strings(options.file),
  };
  if (mode === 'list') {
    const collectFiles = require(path.join(mochaDir, 'lib', 'cli', 'collect-files.js'));
    const spec = output.spec.length > 0 ? output.spec : ['./test'];
    // mocha 10 returns the files, mocha 11 `{ files, unmatchedFiles }`.
    const collected = collectFiles({ ...options, spec, file: [] });
    output.files = (Array.isArray(collected) ? collected : collected.files).map((file) => path.resolve(file));
  }
} catch (error) {
  output = { error: firstLine(error instanceof Error ? error.message : String(error)) };
}
process.stdout.write(`\n${marker}${JSON.stringify(output)}\n`);
