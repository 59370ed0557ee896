// Finds a runner's executable in node_modules/.bin from a directory up to the repository root (no npx: it is slow).
import { access, constants } from 'node:fs/promises';
import path from 'node:path';

const isWindows = process.platform === 'win32';

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, isWindows ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The absolute path of `name` in the nearest node_modules/.bin between `from` and `root`, or undefined.
 * `seen` shares the checks between calls of one plan.
 */
export async function findBin(
  name: string,
  from: string,
  root: string,
  seen = new Map<string, Promise<boolean>>(),
): Promise<string | undefined> {
  const fileName = isWindows ? `${name}.cmd` : name;
  let dir = path.resolve(from);
  const top = path.resolve(root);
  for (;;) {
    const candidate = path.join(dir, 'node_modules', '.bin', fileName);
    let executable = seen.get(candidate);
    if (!executable) seen.set(candidate, (executable = isExecutable(candidate)));
    if (await executable) return candidate;
    if (dir === top || !dir.startsWith(top)) return undefined;
    dir = path.dirname(dir);
  }
}
