/**
 * The reaper: a small process that outlives a sweep killed by SIGKILL (which no handler can catch) just long
 * enough to kill the process groups of its runs, so no user script is left running unsupervised. The sweep
 * writes "+PGID" when a run starts and "-PGID" when it ends; when its end of the pipe closes (the sweep exited,
 * or was killed) every group still listed gets SIGTERM, then SIGKILL after a grace period.
 * It ignores SIGINT, SIGTERM and SIGHUP: a Ctrl-C in the terminal reaches the sweep's whole process group, and
 * the sweep decides what a signal means (finish the running runs, or stop now).
 */
import { KILL_GRACE_MS, killGroup } from './kill-group.js';

const groups = new Set<number>();
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => {});

let pending = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk: string) => {
  pending += chunk;
  const lines = pending.split('\n');
  pending = lines.pop()!;
  for (const line of lines) {
    const pgid = Number(line.slice(1));
    if (!Number.isInteger(pgid) || pgid <= 1) continue;
    if (line[0] === '+') groups.add(pgid);
    else if (line[0] === '-') groups.delete(pgid);
  }
});

let reaping = false;
function reap(): void {
  if (reaping) return;
  reaping = true;
  if (groups.size === 0) process.exit(0);
  for (const pgid of groups) killGroup(pgid, 'SIGTERM');
  setTimeout(() => {
    for (const pgid of groups) killGroup(pgid, 'SIGKILL');
    process.exit(0);
  }, KILL_GRACE_MS);
}
process.stdin.on('end', reap);
process.stdin.on('close', reap);
process.stdin.on('error', reap);
