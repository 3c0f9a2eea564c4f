/**
 * `lanes` tasks in flight at a time, each lane taking the next task when its last one ends: the queue stays
 * in this function, so a stop (signal) starts nothing new while the running tasks finish and are reported.
 * Shared by every launcher: the thread pool, the process pool and the function pool differ only in `runOne`.
 */
export async function runInLanes<T, R>(tasks: readonly T[], lanes: number, signal: AbortSignal | undefined, runOne: (task: T) => Promise<R>, onResult: (result: R) => void): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < tasks.length && !signal?.aborted) onResult(await runOne(tasks[next++]!));
  };
  await Promise.all(Array.from({ length: Math.min(lanes, tasks.length) }, lane));
}
