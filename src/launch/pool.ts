/**
 * Runs tasks on piscina worker threads (the only module that imports piscina). Each lane owns a pool of one
 * thread, keeping exactly `workers` tasks in flight: the queue stays in runInLanes, so stopping (signal) lets
 * running tasks finish without piscina aborting them, and results stream back as each run ends.
 * Threads are reused across runs, so each builds its datasets and loads its engine once; but a run that threw
 * (out of memory in the wasm heap, a broken backend: `recycle` on its result) or crashed its thread may have
 * left it damaged, so that lane's thread is replaced before its next run: one failing point never makes the
 * small runs after it fail too. A thread's JavaScript heap is capped (resourceLimits) so that exhausting it
 * ends the thread, recorded as that run's failure, rather than the whole sweep.
 */
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { RunResult, RunTask } from '../protocol.js';
import { failedResult } from '../worker/train.js';
import { runInLanes } from './lanes.js';
import type { LaunchOptions, Launcher, Tasks } from './launcher.js';

const WORKER = fileURLToPath(new URL('../worker/train.js', import.meta.url));
/** Heap of one worker thread; ample for any study within the default limits (limits.parameters: 10 M). */
const WORKER_HEAP_MB = 4096;
/**
 * Young generation of one worker thread. V8 lets it grow to tens of MB under the allocation rate of many short
 * runs, and keeps it: in a sweep of 1,000,020 one-epoch runs each worker's heapTotal stayed at 50–64 MB with
 * 7–31 MB in use (NOISE_SWEEP_MEMORY_LOG). A run's garbage is short-lived, so a smaller nursery only means
 * more, cheaper scavenges. Measured on 50,001 one-epoch runs (configs/grid.yaml, 2 workers): worker heapTotal
 * 58 → 40 MB, the process's peak RSS 293 → 242 MB.
 */
const WORKER_YOUNG_MB = 8;

/** `filename` is the worker module (a test may pass a fixture worker); by default src/worker/train.ts. */
export function poolLauncher(workers: number, filename = WORKER): Launcher {
  // One thread per lane, each running one task at a time: training is CPU-bound.
  const thread = (): Piscina<RunTask, RunResult> =>
    new Piscina<RunTask, RunResult>({ filename, minThreads: 1, maxThreads: 1, idleTimeout: 60_000, concurrentTasksPerWorker: 1, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_MB } });
  const pools: Piscina<RunTask, RunResult>[] = Array.from({ length: workers }, thread);
  return {
    name: `pool(${workers})`,
    async run(tasks: Tasks<RunTask>, { onResult, signal }: LaunchOptions): Promise<void> {
      await runInLanes(tasks, workers, signal, async (task, lane) => {
        let result: RunResult;
        let damaged = false;
        try {
          result = await pools[lane]!.run(task);
          damaged = result.recycle === true;
        } catch (err) {
          // The worker function catches training errors itself, so a rejection is a crash (module load, out of
          // memory, process.exit in a thread): that run fails, the thread is replaced, the sweep goes on.
          result = failedResult(task, `worker failed: ${err instanceof Error ? err.message : String(err)}`);
          damaged = true;
        }
        if (damaged) {
          const old = pools[lane]!;
          pools[lane] = thread();
          await old.destroy();
        }
        const { recycle: _recycle, ...plain } = result;
        return plain;
      }, onResult);
    },
    async close(): Promise<void> {
      await Promise.all(pools.map((p) => p.destroy()));
    },
  };
}
