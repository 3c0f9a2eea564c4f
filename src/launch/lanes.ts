/**
 * `lanes` tasks in flight at a time, each lane taking the next task when its last one ends: the queue stays
 * in this function, so a stop (signal) starts nothing new while the running tasks finish and are reported.
 * Shared by every launcher: the thread pool, the process pool and the function pool differ only in `runOne`.
 */
import type { Tasks } from './launcher.js';

export async function runInLanes<T, R>(tasks: Tasks<T>, lanes: number, signal: AbortSignal | undefined, runOne: (task: T, lane: number) => Promise<R>, onResult: (result: R) => void): Promise<void> {
  let next = 0;
  // `lane` (0-based) lets a launcher keep state per lane, e.g. the thread pool's one thread per lane.
  const lane = async (k: number): Promise<void> => {
    while (next < tasks.length && !signal?.aborted) onResult(await runOne(tasks.at(next++)!, k));
  };
  await Promise.all(Array.from({ length: Math.min(lanes, tasks.length) }, (_, k) => lane(k)));
}
