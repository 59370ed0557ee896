// `npm pack` / `npm publish` lifecycle: the published package.json has no `prepare` script (npm warns about install
// scripts of a package installed from a tarball), while a clone keeps it, so that `npm ci` builds dist/.
// prepack: build, then write package.json without `prepare` (the original kept beside it); postpack: put it back.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const manifest = path.join(root, 'package.json');
const kept = path.join(root, 'package.json.unpacked');

/** Replaces a file in one step, so that a process reading it meanwhile sees the old or the new text, never half. */
function replace(file, text) {
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
}

const step = process.argv[2];
if (step === 'prepack') {
  if (process.env.IMPACTED_PACK_BUILT !== '1') execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  const text = readFileSync(manifest, 'utf8');
  const { scripts = {}, ...rest } = JSON.parse(text);
  const { prepare: _prepare, ...published } = scripts;
  writeFileSync(kept, text);
  replace(manifest, `${JSON.stringify({ ...rest, scripts: published }, null, 2)}\n`);
} else if (step === 'postpack') {
  if (existsSync(kept)) renameSync(kept, manifest);
} else {
  console.error('usage: node scripts/pack-manifest.mjs prepack|postpack');
  process.exit(2);
}
