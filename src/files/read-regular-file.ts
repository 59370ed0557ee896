// Reads a file only if it is a regular file: never through a final symlink, never a FIFO, socket or device.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

// O_NOFOLLOW refuses a symlink as the last path component (ELOOP); O_NONBLOCK opens a FIFO without waiting for a
// writer, so that fstat can refuse it instead of the open hanging forever.
const openFlags = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

export interface FileReadError extends Error {
  /** `ENOENT`, `EACCES`, ... from the system; `ENOTREG` for a FIFO, device, socket or directory; `ELOOP` for a symlink. */
  code: string;
}

export function fileReadError(code: string, message: string, cause?: unknown): FileReadError {
  return Object.assign(new Error(message, { cause }), { code });
}

/** The bytes of `file` (absolute); throws a `FileReadError` when it is not a regular file or cannot be read. */
export function readRegularFile(file: string): Buffer {
  let fd: number;
  try {
    fd = openSync(file, openFlags);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
    if (code === 'ELOOP') throw fileReadError(code, `${file} is a symbolic link: not followed`, error);
    throw fileReadError(code, (error as Error).message, error);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw fileReadError('ENOTREG', `${file} is not a regular file (a directory, FIFO, socket or device): not read`);
    const buffer = Buffer.allocUnsafe(stat.size);
    let length = 0;
    while (length < buffer.length) {
      const read = readSync(fd, buffer, length, buffer.length - length, length);
      if (read === 0) break;
      length += read;
    }
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}
