/**
 * Bench section 6 (issues 9 and 18): seconds per run of every example study's model, side by side with the
 * same model in PyTorch eager and in JAX, all on one thread.
 *
 * One row per study with a model (configs/tutorial/pre.yaml, the tutorial MLP at 4000 epochs, and each study
 * in configs/examples/), at one grid point: the first with Gaussian noise (noise on, so every tool draws it),
 * with the study's own model, rows, epochs, batches, optimizer and eval. Columns:
 *   ours: the engine `train.engine: auto` picks (named), and the tfjs engine (the same figure when auto is tfjs);
 *   PyTorch eager (bench/torch_models.py) and JAX jit, steady state (a second call) and the first call with
 *   its compilation (bench/jax_models.py); for the tutorial MLP, JAX trains 30 seeds in one vmapped call and
 *   both JAX figures are that call's time / 30 (the best form issue 18 found);
 *   the ratios PyTorch / ours and JAX steady / ours (above 1: ours is faster).
 * Each figure is the median of up to 3 runs while they fit in a few seconds, after a one-epoch warm-up (JAX's
 * warm-up is its compilation, reported apart). The accuracies (or test MSE) of the timed runs follow, one seed
 * each: they should agree within the spread of repeats, not to the digit.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadStudy } from '../src/config/load.js';
import type { RunConfig } from '../src/config/schema.js';
import type { Dataset } from '../src/data/dataset.js';
import { loadDataset } from '../src/data/load-dataset.js';
import { loadEngine } from '../src/engine/registry.js';
import { makePlan } from '../src/plan/plan.js';
import type { RunTask } from '../src/protocol.js';
import { peerTask } from './peers/peer-task.js';
import { runPeer, type PeerRecord } from './peers/python.js';

/** Seconds a tool may spend on repeats after its first timed run (it stops at 3 runs). */
const BUDGET_SECONDS = 3;
/** Seeds the JAX tutorial row trains in one vmapped call (issue 18's measurement). */
const TUTORIAL_VMAP = 30;

export interface ModelStudy {
  readonly label: string;
  readonly task: RunTask;
  readonly vmap?: number;
  /** The study file (under root) and the --set overrides that make it this one point (bench/point-end-to-end.ts). */
  readonly file: string;
  readonly pointSet: readonly string[];
}

/** Grid keys shown by their value alone in a row's label ("after:pool 0.2"); others as name=value ("mask=true"). */
const BARE_KEYS = new Set(['noise.placement', 'noise.stddev']);

/** The grid values that name a point (keys the point does not use are left out). */
export function pointLabel(values: Readonly<Record<string, unknown>>): string {
  return Object.entries(values)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => {
      const value = typeof v === 'object' ? JSON.stringify(v) : String(v);
      return BARE_KEYS.has(k) ? value : `${k.split('.').pop()}=${value}`;
    })
    .join(' ');
}

/** The tutorial and every example study with a model, each at its first point with Gaussian noise. */
export function modelStudies(root: string, smoke: boolean): ModelStudy[] {
  const vmap = smoke ? 2 : TUTORIAL_VMAP;
  const set = smoke ? ['train.epochs=2'] : [];
  const files = ['configs/tutorial/pre.yaml', ...readdirSync(join(root, 'configs/examples')).filter((f) => f.endsWith('.yaml')).sort().map((f) => `configs/examples/${f}`)];
  return files.map((file) => {
    const loaded = loadStudy(join(root, file), { set });
    const plan = makePlan(loaded.raw, loaded.study, loaded.file, loaded.baseDir);
    const noisy = (t: RunTask) => t.repeat === 0 && t.config.noise.kind === 'gaussian' && t.config.noise.sites.length > 0;
    const task = plan.runs.find(noisy) ?? plan.runs.get(0);
    const point = pointLabel(plan.points[task.pointIndex]!.values);
    const tutorial = file.startsWith('configs/tutorial/');
    const label = tutorial ? 'tutorial MLP (pre 0.1)' : `${loaded.study.name}${point ? ` (${point})` : ''}`;
    const pointSet = [...set, 'grid={}', ...Object.entries(plan.points[task.pointIndex]!.values).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${JSON.stringify(v)}`)];
    return tutorial ? { label, task, vmap, file, pointSet } : { label, task, file, pointSet };
  });
}

/** The rows a run trains and tests on, as a worker loads them (a data.split study: repeat 0's draw). */
export function datasetOf(task: RunTask): Dataset {
  const draw = task.config.data.split === undefined ? undefined : { seed: task.seeds.split ?? 0, fold: task.seeds.fold ?? 0 };
  return loadDataset(task.config.data, task.baseDir, draw);
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** The metric a row compares: test accuracy, or test MSE for regression. */
function metricOf(config: RunConfig): string {
  return config.model.task === 'regression' ? 'test_mse' : 'test_accuracy';
}

/** Median seconds of one of our engines on a task, after a one-epoch warm-up, and the last run's metric. */
async function oursSeconds(engineName: 'fused' | 'tfjs', task: RunTask, data: Dataset, budget: number): Promise<{ seconds: number; metric: number }> {
  const engine = await loadEngine(engineName);
  const config: RunConfig = { ...task.config, train: { ...task.config.train, engine: engineName } };
  await engine.train({ ...config, train: { ...config.train, epochs: 1 } }, data, task.seeds);
  const times: number[] = [];
  let metric = NaN;
  for (let i = 0; i < 3 && (i === 0 || times.reduce((a, b) => a + b, 0) < budget); i++) {
    const start = performance.now();
    const outcome = await engine.train(config, data, task.seeds);
    times.push((performance.now() - start) / 1000);
    metric = outcome.metrics[metricOf(config)] ?? NaN;
  }
  return { seconds: median(times), metric };
}

interface PeerTimes {
  readonly seconds: number | null;
  readonly first?: number | null;
  readonly metric: number | null;
  readonly error?: string;
}

function peerTimes(records: PeerRecord[] | null, metric: string): PeerTimes {
  const r = records?.[0];
  if (!r) return { seconds: null, metric: null };
  if (r.error !== undefined) return { seconds: null, metric: null, error: r.error };
  const per = typeof r.per === 'number' ? r.per : 1;
  const seconds = median(r.seconds as number[]) / per;
  const first = typeof r.first === 'number' ? r.first / per : undefined;
  const value = (r.metrics as Record<string, number>)[metric];
  return { seconds, ...(first === undefined ? {} : { first }), metric: value ?? null };
}

export interface ModelRow {
  readonly label: string;
  readonly engine: string;
  readonly ours: { seconds: number; metric: number };
  readonly tfjs: { seconds: number; metric: number };
  readonly torch: PeerTimes;
  readonly jax: PeerTimes;
  readonly metric: string;
}

/** Measures one study: our two engines, then PyTorch and JAX, back to back (the machine's load moves). */
export async function measureModel(root: string, study: ModelStudy, smoke: boolean): Promise<ModelRow> {
  const { task } = study;
  const data = datasetOf(task);
  const budget = smoke ? 0 : BUDGET_SECONDS;
  const engine = task.config.train.engine as 'fused' | 'tfjs';
  const ours = await oursSeconds(engine, task, data, budget);
  const tfjs = engine === 'tfjs' ? ours : await oursSeconds('tfjs', task, data, budget);
  const dir = mkdtempSync(join(tmpdir(), 'bench-peers-'));
  try {
    const file = (name: string, vmap?: number) => {
      const path = join(dir, name);
      writeFileSync(path, JSON.stringify(peerTask(task.config, data, { budget, ...(vmap === undefined ? {} : { vmap }) })));
      return path;
    };
    const metric = metricOf(task.config);
    const torch = peerTimes(runPeer('torch', join(root, 'bench/torch_models.py'), [file('torch.json')]), metric);
    const jax = peerTimes(runPeer('jax', join(root, 'bench/jax_models.py'), [file('jax.json', study.vmap)]), metric);
    return { label: study.label, engine, ours, tfjs, torch, jax, metric };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const s3 = (x: number | null | undefined) => (x === null || x === undefined ? 'n/a' : x.toFixed(3));
const ratio = (peer: number | null | undefined, ours: number) => (peer === null || peer === undefined ? 'n/a' : (peer / ours).toFixed(2));
const m3 = (x: number | null | undefined) => (x === null || x === undefined || Number.isNaN(x) ? 'n/a' : x >= 100 ? x.toFixed(1) : x.toFixed(3));

/** The section's lines: the time table, then the metric of each timed run, then any peer's error. */
export function formatModelRows(rows: readonly ModelRow[]): string[] {
  const width = Math.max(...rows.map((r) => r.label.length), 12) + 2;
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(width) : c.padStart(i === 1 ? 7 : 11))).join('');
  const out = [line(['', 'auto', 'auto s', 'tfjs s', 'PyTorch s', 'JAX s', 'JAX+jit s', 'PyTorch/us', 'JAX/us'])];
  for (const r of rows) {
    out.push(line([r.label, r.engine, s3(r.ours.seconds), s3(r.tfjs.seconds), s3(r.torch.seconds), s3(r.jax.seconds), s3(r.jax.first), ratio(r.torch.seconds, r.ours.seconds), ratio(r.jax.seconds, r.ours.seconds)]));
  }
  out.push('', '   metric of the timed run (one seed each: compare within the spread of repeats)');
  out.push(line(['', 'metric', 'auto', 'tfjs', 'PyTorch', 'JAX']));
  for (const r of rows) out.push(line([r.label, r.metric.replace('test_', ''), m3(r.ours.metric), m3(r.tfjs.metric), m3(r.torch.metric), m3(r.jax.metric)]));
  for (const r of rows) for (const e of [r.torch.error, r.jax.error]) if (e !== undefined) out.push(`   ${r.label}: ${e}`);
  return out;
}

/** Section 6 of `npm run bench`: every study measured, then its lines. */
export async function perModelSection(root: string, smoke: boolean): Promise<string[]> {
  const studies = modelStudies(root, smoke);
  const rows: ModelRow[] = [];
  for (const study of studies) rows.push(await measureModel(root, study, smoke));
  const vmap = studies.find((s) => s.vmap !== undefined)?.vmap;
  return [
    '6. per model: seconds per run, one thread each (median of up to 3 runs after a warm-up; JAX+jit: its first call, compilation included)',
    ...formatModelRows(rows),
    `   tutorial MLP: JAX trains ${vmap} seeds in one vmapped call; both JAX figures are that call's time / ${vmap}`,
    '   PyTorch/us, JAX/us: their seconds / ours (auto); above 1, ours is faster',
    '   targets (issues 9, 18): ours ≥ 1× PyTorch eager and ≥ 1× JAX steady state on every model, aim 3×',
  ];
}
