/**
 * The worker entry: one run, plain data in, plain data out. The same function serves the pool (piscina loads
 * this file in each worker thread) and the inline launcher (called directly), so both run identical code.
 * Datasets are built once per thread and reused: a study trains thousands of runs on a handful of datasets.
 */
import { performance } from 'node:perf_hooks';
import { isMainThread } from 'node:worker_threads';
import type { Dataset } from '../data/dataset.js';
import { loadDataset } from '../data/load-dataset.js';
import { loadEngine } from '../engine/registry.js';
import { canonicalJson } from '../plan/identity.js';
import type { RunResult, RunTask } from '../protocol.js';
import { failedRun, okRun } from './result.js';
import { startMemoryLog } from '../diagnostics/memory-log.js';

let runs = 0;
// NOISE_SWEEP_MEMORY_LOG: a worker thread's heap over its runs (diagnostics/memory-log.ts); in the main thread
// (the inline launcher) the sweep's own log says it.
const memoryLog = isMainThread ? undefined : startMemoryLog('worker', () => ({ runs }));

const datasets = new Map<string, Dataset>();
/**
 * Datasets kept per thread. A fixed split is one dataset per spec; with data.split each repeat has its own
 * draw, and runs of one repeat come together (the plan is repeat-major), so a few recent ones suffice.
 */
const MAX_DATASETS = 16;

function datasetFor(task: RunTask): Dataset {
  const draw = task.config.data.split === undefined ? undefined : { seed: task.seeds.split ?? 0, fold: task.seeds.fold ?? 0 };
  const key = canonicalJson([task.config.data, task.baseDir, draw ?? null]);
  let data = datasets.get(key);
  if (!data) {
    data = loadDataset(task.config.data, task.baseDir, draw);
    if (datasets.size >= MAX_DATASETS) datasets.delete(datasets.keys().next().value!);
    datasets.set(key, data);
  }
  return data;
}

/** A failed result: the sweep records it (status, error) and goes on. */
export function failedResult(task: RunTask, error: string, seconds = 0): RunResult {
  return failedRun(task, task.config.train.engine, error, seconds);
}

export default async function train(task: RunTask): Promise<RunResult> {
  try {
    return await trainOnce(task);
  } finally {
    memoryLog?.tick();
  }
}

async function trainOnce(task: RunTask): Promise<RunResult> {
  const start = performance.now();
  runs++;
  try {
    const engine = await loadEngine(task.config.train.engine as 'fused' | 'tfjs');
    const outcome = await engine.train(task.config, datasetFor(task), task.seeds);
    const seconds = (performance.now() - start) / 1000;
    const bad = Object.entries(outcome.metrics).find(([, v]) => !Number.isFinite(v));
    if (bad) return failedResult(task, `${bad[0]} became ${bad[1]} (diverged: try a smaller train.learningRate)`, seconds);
    return { ...okRun(task, engine.name, outcome.metrics, seconds), ...(outcome.history ? { history: outcome.history } : {}) };
  } catch (err) {
    // An exception mid-training (e.g. "memory access out of bounds" when a point's activations exceed the wasm
    // heap) can leave this thread's backend unusable for every later run: ask the pool for a fresh thread.
    return { ...failedResult(task, err instanceof Error ? err.message : String(err), (performance.now() - start) / 1000), recycle: true };
  }
}
