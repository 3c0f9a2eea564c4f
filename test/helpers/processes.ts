/** Whether processes are still running, for tests that check a sweep leaves none of its runs behind. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** True while `pid` runs (a zombie waiting for its parent to reap it has ended: it counts as gone). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return true; // no /proc: trust kill(0)
  }
}

/** Every pid the fixture script's "sleepy" mode recorded in `dir` (the script and its grandchild, per run). */
export function recordedPids(dir: string): number[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.pids')).flatMap((f) => readFileSync(join(dir, f), 'utf8').trim().split(/\s+/).map(Number));
}

/** Waits up to `ms` for every pid to end; returns the ones still running. */
export async function survivors(pids: readonly number[], ms = 10_000): Promise<number[]> {
  const end = Date.now() + ms;
  let alive = pids.filter(isAlive);
  while (alive.length > 0 && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 100));
    alive = alive.filter(isAlive);
  }
  return alive;
}
