/**
 * Runs a run: study's tasks as child processes, `workers` at a time (src/worker/run-command.ts runs one). Not
 * through piscina: a child process already runs outside this thread, and waiting for it is an event, not
 * work, so a thread per child would cost a thread's memory and start-up to do nothing; the lanes of this
 * event loop keep exactly `workers` children running and stream each result back as its process exits.
 */
import type { CommandTask } from '../protocol.js';
import runCommand from '../worker/run-command.js';
import { runInLanes } from './lanes.js';
import type { LaunchOptions, Launcher, Tasks } from './launcher.js';

/** `resultsDir` gets each run's stdout, stderr and scratch folder (runs/<run_id>/). */
export function processLauncher(workers: number, resultsDir: string): Launcher<CommandTask> {
  return {
    name: `processes(${workers})`,
    async run(tasks: Tasks<CommandTask>, { onResult, signal }: LaunchOptions): Promise<void> {
      await runInLanes(tasks, workers, signal, (task) => runCommand(task, resultsDir), onResult);
    },
    async close(): Promise<void> {},
  };
}
