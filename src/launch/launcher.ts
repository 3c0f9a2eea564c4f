/**
 * Where runs execute, apart from what runs (src/plan/). A launcher takes tasks and reports each result as it
 * arrives; it never decides seeds, order of numbers or output. Every launcher passes the same test suite
 * (test/launch/launcher-suite.ts), as Hydra's launchers share launcher_common_tests.
 */
import type { PlannedRun, RunResult, RunTask } from '../protocol.js';

/**
 * Tasks by position: an array, or a plan's runs built one at a time (plan/run-list.ts), so a launcher's queue
 * of a million runs is not a million tasks.
 */
export interface Tasks<T> {
  readonly length: number;
  at(index: number): T | undefined;
}

export interface LaunchOptions {
  /** Called once per task, in completion order, on the main thread. */
  readonly onResult: (result: RunResult) => void;
  /** When aborted, no new task starts; tasks already running finish and are reported. */
  readonly signal?: AbortSignal;
}

/** A launcher of tasks of kind T: noise-sweep's training runs by default, or runs of the user's own code. */
export interface Launcher<T extends PlannedRun = RunTask> {
  readonly name: string;
  /** Runs the tasks; resolves when every started task has reported. */
  run(tasks: Tasks<T>, options: LaunchOptions): Promise<void>;
  /** Frees threads and memory. */
  close(): Promise<void>;
}
