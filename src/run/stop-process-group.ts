// Stops a runner and every process it started (workers, browsers), so an interrupted run leaves no orphans.
import { setTimeout as delay } from 'node:timers/promises';

/** How long a runner gets to shut down after SIGTERM before its whole group is killed. */
export const graceMs = 5_000;
const pollMs = 50;

function signalGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    // ESRCH: nothing is left in the group.
    return false;
  }
}

/**
 * Sends `signal` to the runner's process group (it was spawned detached, as the group leader), waits until every
 * member is gone, and sends SIGKILL to whatever is left after the grace period. On Windows only the runner is stopped.
 */
export async function stopProcessGroup(
  child: { kill: (signal?: NodeJS.Signals) => boolean },
  pid: number | undefined,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<void> {
  if (pid === undefined || process.platform === 'win32') {
    child.kill(signal);
    return;
  }
  if (!signalGroup(pid, signal)) return;
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    await delay(pollMs);
    if (!signalGroup(pid, 0)) return;
  }
  signalGroup(pid, 'SIGKILL');
}
