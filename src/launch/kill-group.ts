/** Signals to a whole process group: a user's script may start processes of its own, and they go with it. */

/**
 * How long a process group gets between SIGTERM and SIGKILL: long enough for a script to flush a checkpoint
 * or for PyTorch's data-loader workers to shut down, short enough that a timeout is still a timeout.
 */
export const KILL_GRACE_MS = 3000;

/** Sends `signal` to process group `pgid`; true when the group existed. */
export function killGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false; // ESRCH: the group is gone already
  }
}
