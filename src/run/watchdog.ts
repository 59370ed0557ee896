// A tiny process that stops the runners' process groups when impacted dies, even by SIGKILL, which no handler sees.
import { spawn, type ChildProcess } from 'node:child_process';

/**
 * The watchdog's program. It reads `+<pgid>` / `-<pgid>` lines (a runner group started / ended) on stdin; stdin's end
 * means impacted is gone (its end of the pipe closes however it exits): SIGTERM to every group still running, SIGKILL
 * after the grace period.
 */
const watchdogSource = `
const groups = new Set();
let pending = '';
const signal = (name) => { for (const pgid of groups) { try { process.kill(-pgid, name); } catch { groups.delete(pgid); } } };
process.stdin.setEncoding('utf8');
process.stdin.on('data', (text) => {
  const lines = (pending + text).split('\\n');
  pending = lines.pop();
  for (const line of lines) {
    const pgid = Number(line.slice(1));
    if (line[0] === '+') groups.add(pgid); else groups.delete(pgid);
  }
});
process.stdin.on('end', () => {
  signal('SIGTERM');
  if (groups.size === 0) return;
  // Nothing else keeps the watchdog alive: once both timers are cleared, it ends.
  const killer = setTimeout(() => { signal('SIGKILL'); clearInterval(poll); }, Number(process.argv[1]));
  const poll = setInterval(() => {
    signal(0);
    if (groups.size === 0) { clearInterval(poll); clearTimeout(killer); }
  }, 50);
});
`;

export interface Watchdog {
  /** A runner started as the leader of process group `pgid`. */
  watch: (pgid: number) => void;
  /** That group's runner ended: nothing left to stop there. */
  unwatch: (pgid: number) => void;
  /** The run is over: the watchdog exits (stopping nothing, since every group was unwatched). */
  close: () => void;
}

/** Starts the watchdog in a process group of its own, so that a signal to impacted's group does not take it too. */
export function startWatchdog(graceMs: number): Watchdog {
  let child: ChildProcess | undefined;
  try {
    child = spawn(process.execPath, ['-e', watchdogSource, String(graceMs)], { detached: true, stdio: ['pipe', 'ignore', 'ignore'] });
  } catch {
    child = undefined;
  }
  // Neither the watchdog nor its pipe keeps impacted alive; a watchdog that failed to start only loses the SIGKILL case.
  child?.on('error', () => undefined);
  child?.stdin?.on('error', () => undefined);
  child?.unref();
  (child?.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  const send = (line: string): void => {
    if (child?.stdin?.writable) child.stdin.write(`${line}\n`);
  };
  return {
    watch: (pgid) => send(`+${pgid}`),
    unwatch: (pgid) => send(`-${pgid}`),
    close: () => child?.stdin?.end(),
  };
}
