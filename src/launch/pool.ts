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
import { runInLanes } from './lanes.js';
import type { LaunchOptions, Launcher } from './launcher.js';

const WORKER = fileURLToPath(new URL('../worker/train.js', import.meta.url));

/** `filename` is the worker module (a test may pass a fixture worker); by default src/worker/train.ts. */
export function poolLauncher(workers: number, filename = WORKER): Launcher {
  const pool = new Piscina<RunTask, RunResult>({
    filename,
    minThreads: workers,
    maxThreads: workers,
    idleTimeout: 60_000,
    // Each thread runs one task at a time: training is CPU-bound.
    concurrentTasksPerWorker: 1,
  });
  return {
    name: `pool(${workers})`,
    async run(tasks: readonly RunTask[], { onResult, signal }: LaunchOptions): Promise<void> {
      await runInLanes(tasks, workers, signal, async (task) => {
        try {
          return await pool.run(task);
        } catch (err) {
          // The worker function catches training errors itself, so a rejection is a crash (module load, out of
          // memory, process.exit in a thread): that run fails, piscina replaces the thread, the sweep goes on.
          return failedResult(task, `worker failed: ${err instanceof Error ? err.message : String(err)}`);
        }
      }, onResult);
    },
    async close(): Promise<void> {
      await pool.destroy();
    },
  };
}
