// Splits a long file list so that no single command line exceeds what the OS accepts.

/** Linux allows ~2 MB of arguments and 128 KB per argument; Windows' CreateProcess/cmd allow ~8 KB in all. */
export const defaultMaxArgumentBytes = process.platform === 'win32' ? 8_000 : 100_000;

/** Consecutive chunks whose arguments (bytes plus a separator each) stay within `maxBytes`; at least one file each. */
export function chunkFiles(files: string[], maxBytes: number): string[][] {
  const chunks: string[][] = [];
  let chunk: string[] = [];
  let bytes = 0;
  for (const file of files) {
    const size = Buffer.byteLength(file) + 1;
    if (chunk.length > 0 && bytes + size > maxBytes) {
      chunks.push(chunk);
      chunk = [];
      bytes = 0;
    }
    chunk.push(file);
    bytes += size;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}
