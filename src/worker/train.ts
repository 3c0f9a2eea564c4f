/**
 * The worker entry: one run, plain data in, plain data out. The same function serves the pool (piscina loads
 * this file in each worker thread) and the inline launcher (called directly), so both run identical code.
 * Datasets are built once per thread and reused: a study trains thousands of runs on a handful of datasets.
 */
import { performance } from 'node:perf_hooks';
import type { Dataset } from '../data/dataset.js';
import { loadDataset } from '../data/load-dataset.js';
import { loadEngine } from '../engine/registry.js';
import { canonicalJson } from '../plan/identity.js';
import type { RunResult, RunTask } from '../protocol.js';
import { failedRun, okRun } from './result.js';

const datasets = new Map<string, Dataset>();

function datasetFor(task: RunTask): Dataset {
  const key = canonicalJson([task.config.data, task.baseDir]);
  let data = datasets.get(key);
  if (!data) {
    data = loadDataset(task.config.data, task.baseDir);
    datasets.set(key, data);
  }
  return data;
}

/** A failed result: the sweep records it (status, error) and goes on. */
export function failedResult(task: RunTask, error: string, seconds = 0): RunResult {
  return failedRun(task, task.config.train.engine, error, seconds);
}

export default async function train(task: RunTask): Promise<RunResult> {
  const start = performance.now();
  try {
    const engine = await loadEngine(task.config.train.engine as 'fused' | 'tfjs');
    const outcome = await engine.train(task.config, datasetFor(task), task.seeds);
    const seconds = (performance.now() - start) / 1000;
    const bad = Object.entries(outcome.metrics).find(([, v]) => !Number.isFinite(v));
    if (bad) return failedResult(task, `${bad[0]} became ${bad[1]} (diverged: try a smaller train.learningRate)`, seconds);
    return { ...okRun(task, engine.name, outcome.metrics, seconds), ...(outcome.history ? { history: outcome.history } : {}) };
  } catch (err) {
    return failedResult(task, err instanceof Error ? err.message : String(err), (performance.now() - start) / 1000);
  }
}
