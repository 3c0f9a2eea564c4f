/**
 * Runs tasks on a piscina worker-thread pool (the only module that imports piscina). One lane per thread
 * keeps exactly `workers` tasks in flight: the queue stays empty, so stopping (signal) lets running tasks
 * finish without piscina aborting them, and results stream back as each run ends.
 * Workers are reused across runs, so each builds its datasets and loads its engine once.
 */
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { RunResult, RunTask } from '../protocol.js';
import { failedResult } from '../worker/train.js';
import type { LaunchOptions, Launcher } from './launcher.js';

const WORKER = fileURLToPath(new URL('../worker/train.js', import.meta.url));

export function poolLauncher(workers: number): Launcher {
  const pool = new Piscina<RunTask, RunResult>({
    filename: WORKER,
    minThreads: workers,
    maxThreads: workers,
    idleTimeout: 60_000,
    // Each thread runs one task at a time: training is CPU-bound.
    concurrentTasksPerWorker: 1,
  });
  return {
    name: `pool(${workers})`,
    async run(tasks: readonly RunTask[], { onResult, signal }: LaunchOptions): Promise<void> {
      let next = 0;
      const lane = async (): Promise<void> => {
        while (next < tasks.length && !signal?.aborted) {
          const task = tasks[next++]!;
          let result: RunResult;
          try {
            result = await pool.run(task);
          } catch (err) {
            // A worker that dies (out of memory, a native crash) fails its run; piscina replaces the thread.
            result = failedResult(task, `worker died: ${err instanceof Error ? err.message : String(err)}`);
          }
          onResult(result);
        }
      };
      await Promise.all(Array.from({ length: Math.min(workers, tasks.length) }, lane));
    },
    async close(): Promise<void> {
      await pool.destroy();
    },
  };
}
