// vite up to 6.0 loads an ES module config by writing it, bundled, beside itself (`vite.config.ts.timestamp-<ms>-<hex>.mjs`)
// and deletes that file after the import, asynchronously: a probe stopped at its deadline, or one that exits first, leaves
// it in the user's work tree, where the next run counts it as an added file (trpc's examples, under load).
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';

const tempName = /^(?:vitest|vite)\.config\.[cm]?[jt]s\.timestamp-\d+-[0-9a-f]+\.mjs$/;

function tempFilesIn(dir: string): string[] {
  try {
    return readdirSync(dir).filter((name) => tempName.test(name));
  } catch {
    return [];
  }
}

/** Notes the temp config files already in `dirs`; the function it returns deletes those written since. */
export function keepViteTempFilesOut(dirs: readonly string[]): () => void {
  const before = new Map([...new Set(dirs)].map((dir) => [dir, new Set(tempFilesIn(dir))]));
  return () => {
    for (const [dir, names] of before) {
      for (const name of tempFilesIn(dir)) if (!names.has(name)) rmSync(path.join(dir, name), { force: true });
    }
  };
}
