// Marks each line of a parallel group's output with the group, holding at most one partial line.

/** A partial line longer than this is passed on as a line of its own, so a runner printing no newline cannot grow memory. */
const maxPendingChars = 64 * 1024;

export interface LinePrefixer {
  push: (text: string) => void;
  /** Passes on the last partial line, if any. */
  end: () => void;
}

/** Calls `write` with whole lines (several at once when a chunk holds several), each starting with `prefix`. */
export function prefixLines(prefix: string, write: (lines: string) => void): LinePrefixer {
  let pending = '';
  return {
    push(text) {
      const lines = (pending + text).split('\n');
      pending = lines.pop() ?? '';
      if (pending.length > maxPendingChars) {
        lines.push(pending);
        pending = '';
      }
      if (lines.length > 0) write(lines.map((line) => `${prefix}${line}\n`).join(''));
    },
    end() {
      if (pending !== '') write(`${prefix}${pending}\n`);
      pending = '';
    },
  };
}
