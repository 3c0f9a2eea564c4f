/**
 * One run of a TypeScript `train(params, seed)` function (a study run through runStudy(), src/api.ts): the same
 * contract as a command, in process: the returned object's numeric fields are the metrics; a throw, a
 * non-finite metric or a missing required one makes a failed run, and the sweep goes on.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { CommandTask, RunResult } from '../protocol.js';
import { metricsOf } from './command-metrics.js';
import { failedRun, okRun } from './result.js';
import { runContext, runFiles } from './run-command.js';

/** What a train function gets besides params and seed. */
export interface TrainContext {
  readonly repeat: number;
  readonly runId: string;
  /** A fresh scratch folder of the run's own, inside the results directory. */
  readonly out: string;
}

/** The user's training code: params of a grid point and a seed in, metrics out (numbers; other fields are ignored). */
export type TrainFunction = (params: Readonly<Record<string, unknown>>, seed: number, context: TrainContext) => Record<string, unknown> | Promise<Record<string, unknown>>;

/** What runs.csv's engine column says for a function run. */
export const FUNCTION_ENGINE = 'function';

export default async function runFunction(task: CommandTask, train: TrainFunction, resultsDir: string): Promise<RunResult> {
  const { out, dir } = runFiles(resultsDir, task.runId);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const { values } = runContext(task, out);
  const start = performance.now();
  let reported: unknown;
  try {
    reported = await train(values.params, task.seed, { repeat: task.repeat, runId: task.runId, out });
  } catch (err) {
    return failedRun(task, FUNCTION_ENGINE, `${task.config.function} threw: ${err instanceof Error ? err.message : String(err)}`, (performance.now() - start) / 1000);
  }
  const seconds = (performance.now() - start) / 1000;
  const obj = reported !== null && typeof reported === 'object' && !Array.isArray(reported) ? (reported as Record<string, unknown>) : undefined;
  const parsed = metricsOf(obj, `what ${task.config.function} returned`, task.config.require);
  return 'error' in parsed ? failedRun(task, FUNCTION_ENGINE, parsed.error, seconds) : okRun(task, FUNCTION_ENGINE, parsed.metrics, seconds);
}
