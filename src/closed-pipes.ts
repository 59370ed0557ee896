// `impacted list | head -1`: a reader that closed its end of the pipe has read all it wants.
/** Writes to a closed stdout or stderr are dropped, without a stack trace; the command ends with its own exit code. */
export function ignoreClosedPipes(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
    });
  }
}
