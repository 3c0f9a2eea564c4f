/**
 * Where runs execute, apart from what runs (src/plan/). A launcher takes tasks and reports each result as it
 * arrives; it never decides seeds, order of numbers or output. Every launcher passes the same test suite
 * (test/launch/launcher-suite.ts), as Hydra's launchers share launcher_common_tests.
 */
import type { RunResult, RunTask } from '../protocol.js';

export interface LaunchOptions {
  /** Called once per task, in completion order, on the main thread. */
  readonly onResult: (result: RunResult) => void;
  /** When aborted, no new task starts; tasks already running finish and are reported. */
  readonly signal?: AbortSignal;
}

export interface Launcher {
  readonly name: string;
  /** Runs the tasks; resolves when every started task has reported. */
  run(tasks: readonly RunTask[], options: LaunchOptions): Promise<void>;
  /** Frees threads and memory. */
  close(): Promise<void>;
}
