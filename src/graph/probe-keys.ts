// The keys of what a resolution asked about the file list (is this path a file, which extensions does this stem have,
// what is in this directory), so that a cached resolution is redone only when an added or removed path touches one.
// A key is a 32-bit hash: a collision only redoes a resolution that did not need it, it never keeps a stale one.

/** FNV-1a over the UTF-16 code units. */
function hash(text: string): number {
  let value = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) value = Math.imul(value ^ text.charCodeAt(i), 0x01000193);
  return value >>> 0;
}

/** Whether `path` is a file, or which extensions follow `path` as a stem (`src/foo` for `src/foo.ts`, `src/foo.tsx`). */
export function pathKey(path: string): number {
  return hash(path);
}

/** Which files are directly in `dir` (`''`: the root). */
export function listingKey(dir: string): number {
  return hash(`${dir}/`);
}

/** Which files are anywhere below `dir` (`''`: the root). */
export function treeKey(dir: string): number {
  return hash(`${dir}/**`);
}

/** Every key whose answer a file at `path` appearing or disappearing can change. */
export function keysChangedBy(path: string): number[] {
  const keys = [pathKey(path)];
  const slash = path.lastIndexOf('/');
  const dot = path.lastIndexOf('.');
  if (dot > slash) {
    const stem = path.slice(0, dot);
    keys.push(pathKey(stem));
    // `x.d.ts` is also the stem `x` with `.d.ts`.
    if (stem.endsWith('.d')) keys.push(pathKey(stem.slice(0, -2)));
  }
  const dir = slash === -1 ? '' : path.slice(0, slash);
  keys.push(listingKey(dir));
  for (let at = dir.length; at > 0; at = dir.lastIndexOf('/', at - 1)) keys.push(treeKey(dir.slice(0, at)));
  keys.push(treeKey(''));
  return keys;
}
