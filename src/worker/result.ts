/** The result of a run that did not produce metrics, whatever ran it: the sweep records it (status, error) and goes on. */
import type { PlannedRun, RunResult } from '../protocol.js';

/** Longest `error` cell: one line, enough for a message and the end of a stderr. */
export const MAX_ERROR = 500;

export function failedRun(run: PlannedRun, engine: string, error: string, seconds = 0): RunResult {
  return {
    runId: run.runId,
    pointIndex: run.pointIndex,
    repeat: run.repeat,
    seed: run.seed,
    status: 'failed',
    error: error.split('\n')[0]!.slice(0, MAX_ERROR),
    engine,
    metrics: {},
    seconds,
  };
}

export function okRun(run: PlannedRun, engine: string, metrics: Readonly<Record<string, number>>, seconds: number): RunResult {
  return { runId: run.runId, pointIndex: run.pointIndex, repeat: run.repeat, seed: run.seed, status: 'ok', engine, metrics, seconds };
}
