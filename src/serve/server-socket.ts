// Where `impacted serve` listens, for one user and one build of impacted: a socket in a directory only that user can
// open, named after the installed CLI bundle and the Node.js running it, so that a client never reaches a server that
// runs other code than its own (a rebuilt or upgraded impacted, another Node.js) and starts it itself instead.
import { createHash } from 'node:crypto';
import { lstatSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ServerSocket {
  /** The directory the socket is in: created by the server, owned by this user, closed to everyone else. */
  dir: string;
  /** The socket's path (a named pipe's on Windows). */
  path: string;
}

/** The user id the directory is named after and must be owned by (Windows has none: 0). */
const uid = (): number => process.getuid?.() ?? 0;

export function serverSocket(): ServerSocket {
  const bundle = fileURLToPath(new URL('../bundle/cli.js', import.meta.url));
  const { ino, size, mtimeMs } = statSync(bundle);
  const build = createHash('sha1').update(`${bundle}\0${ino}\0${size}\0${mtimeMs}\0${process.version}`).digest('hex').slice(0, 16);
  const dir = path.resolve(process.env.XDG_RUNTIME_DIR || os.tmpdir(), `impacted-${uid()}`);
  const name = `impacted-${build}`;
  return { dir, path: process.platform === 'win32' ? `\\\\.\\pipe\\${name}-${uid()}` : path.join(dir, `${name}.sock`) };
}

/**
 * The longest Unix socket path, in bytes (macOS's 104 less the terminating NUL; Linux allows 107). Node.js cuts a
 * longer one short without an error, which would put the socket somewhere else, outside the private directory.
 */
const maxSocketBytes = 103;

/** Why `socket` cannot be used as it is named, or undefined: a Unix socket path too long to bind or connect to. */
export function unusableSocket(socket: ServerSocket): string | undefined {
  if (process.platform === 'win32' || Buffer.byteLength(socket.path) <= maxSocketBytes) return undefined;
  return `the socket path ${socket.path} is ${Buffer.byteLength(socket.path)} bytes, more than the ${maxSocketBytes} a Unix socket allows`;
}

/**
 * Why `dir` cannot hold a socket this user may trust, or undefined when it can: it must be a real directory (not a
 * link), owned by this user, that no one else may open. Another user could otherwise answer this user's requests.
 */
export function untrustedDir(dir: string): string | undefined {
  if (process.platform === 'win32') return undefined;
  const found = lstatSync(dir, { throwIfNoEntry: false });
  if (!found) return `${dir} does not exist`;
  if (!found.isDirectory()) return `${dir} is not a directory`;
  if (found.uid !== uid()) return `${dir} belongs to another user`;
  if ((found.mode & 0o077) !== 0) return `${dir} may be opened by other users (mode ${(found.mode & 0o777).toString(8)})`;
  return undefined;
}
