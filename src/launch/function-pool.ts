/**
 * Runs a runStudy() study's tasks by calling its `train` function, `workers` calls at a time on this event
 * loop: an async train (one that awaits a child process, a GPU, a service) overlaps with the others; a
 * synchronous one runs one at a time, as any JavaScript on one thread does. A function cannot cross a thread
 * boundary (structured clone), which is why this is not the piscina pool.
 */
import type { CommandTask } from '../protocol.js';
import runFunction, { type TrainFunction } from '../worker/run-function.js';
import { runInLanes } from './lanes.js';
import type { LaunchOptions, Launcher, Tasks } from './launcher.js';

export function functionLauncher(workers: number, train: TrainFunction, resultsDir: string): Launcher<CommandTask> {
  return {
    name: `function(${workers})`,
    async run(tasks: Tasks<CommandTask>, { onResult, signal }: LaunchOptions): Promise<void> {
      await runInLanes(tasks, workers, signal, (task) => runFunction(task, train, resultsDir), onResult);
    },
    async close(): Promise<void> {},
  };
}
