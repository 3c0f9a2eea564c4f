/**
 * Synthetic sweep results for the HTML report tests: a placement × stddev grid with repeats, runs.csv-like
 * rows, a history, and the summary built the way the sweep builds it (summarizeGroup, addHolm,
 * bestPerGroup). Deterministic: seeded xoshiro128 normals.
 */
import { Xoshiro128 } from '../../src/engine/rng/xoshiro128.js';
import { nextNormal } from '../../src/engine/rng/normal.js';
import { addHolm } from '../../src/stats/add-holm.js';
import { type BestInGroup, bestPerGroup } from '../../src/stats/best-per-group.js';
import { groupColumns, summarizeGroup } from '../../src/stats/summarize-group.js';
import type { TableRow } from '../../src/stats/table-row.js';

export interface SyntheticOptions {
  readonly placements?: readonly string[];
  readonly stddevs?: readonly number[];
  readonly repeats?: number;
  readonly epochs?: number;
  readonly historyEvery?: number;
  /** Every k-th run fails (0: none). */
  readonly failEvery?: number;
}

export interface SyntheticStudy {
  readonly gridKeys: string[];
  readonly summary: TableRow[];
  readonly runs: TableRow[];
  readonly history: TableRow[];
  readonly best: { metric: string; groupBy: string; groups: BestInGroup[] };
  readonly isBaseline: (row: TableRow) => boolean;
}

export const METRICS = ['train_loss', 'train_accuracy', 'test_loss', 'test_accuracy'];
const TEST_POINTS = 70;

/** How much a placement at a stddev helps test accuracy: a bump that turns into harm at large stddev. */
function effect(placement: string, stddev: number): number {
  const peak = { input: 0.05, pre: 0.1, post: 0.1, 'input+pre': 0.05 }[placement] ?? 0.1;
  const gain = { input: 0.045, pre: 0.025, post: 0.012, 'input+pre': 0.035 }[placement] ?? 0.02;
  const r = Math.log(stddev / peak);
  return gain * Math.exp(-r * r / 2) - (stddev > 0.3 ? 0.06 : 0);
}

export function syntheticStudy(options: SyntheticOptions = {}): SyntheticStudy {
  const { placements = ['input', 'pre', 'post'], stddevs = [0.01, 0.1, 0.5], repeats = 5, epochs = 20, historyEvery = 2, failEvery = 0 } = options;
  const gridKeys = ['noise.placement', 'noise.stddev'];
  const points: { placement: string; stddev: number | '' }[] = [{ placement: 'none', stddev: '' }, ...placements.flatMap((p) => stddevs.map((s) => ({ placement: p, stddev: s })))];
  const rng = Xoshiro128.fromSeed(12345);
  const runs: TableRow[] = [];
  const history: TableRow[] = [];
  let count = 0;
  for (const [index, pt] of points.entries()) {
    const gain = pt.stddev === '' ? 0 : effect(pt.placement, pt.stddev);
    const trainDrop = pt.stddev === '' ? 0 : Math.min(0.15, pt.stddev * 0.3);
    for (let repeat = 0; repeat < repeats; repeat++) {
      count++;
      const failed = failEvery > 0 && count % failEvery === 0;
      const test = Math.round((0.8 + gain + 0.025 * nextNormal(rng)) * TEST_POINTS) / TEST_POINTS;
      const train = Math.min(1, Math.round((0.97 - trainDrop + 0.015 * nextNormal(rng)) * 30) / 30);
      const metrics = { train_loss: 0.05 + trainDrop + 0.01 * Math.abs(nextNormal(rng)), train_accuracy: train, test_loss: 0.45 - gain * 3 + 0.03 * nextNormal(rng), test_accuracy: test };
      runs.push({
        'noise.placement': pt.placement,
        'noise.stddev': pt.stddev,
        repeat,
        seed: 1000 + count,
        ...(failed ? { train_loss: '', train_accuracy: '', test_loss: '', test_accuracy: '' } : metrics),
        seconds: 1.5,
        engine: 'fused',
        status: failed ? 'failed' : 'ok',
        error: failed ? 'loss became NaN at epoch 3' : '',
        run_id: `run${index}-${repeat}`,
      });
      if (failed) continue;
      for (let epoch = historyEvery; epoch <= epochs; epoch += historyEvery) {
        const t = epoch / epochs;
        const jitter = 0.01 * nextNormal(rng);
        const values = {
          train_loss: metrics.train_loss + 0.6 * Math.exp(-5 * t) + jitter,
          test_loss: metrics.test_loss + 0.3 * Math.exp(-5 * t) + (0.15 - gain) * t * t + jitter,
          train_accuracy: metrics.train_accuracy - 0.35 * Math.exp(-5 * t) + jitter,
          test_accuracy: metrics.test_accuracy - 0.3 * Math.exp(-5 * t) + jitter,
        };
        for (const [metric, value] of Object.entries(values)) history.push({ 'noise.placement': pt.placement, 'noise.stddev': pt.stddev, repeat, epoch, metric, value, run_id: `run${index}-${repeat}` });
      }
    }
  }
  const samples = (pt: { placement: string; stddev: number | '' }, m: string) =>
    runs.filter((r) => r.status === 'ok' && r['noise.placement'] === pt.placement && r['noise.stddev'] === pt.stddev).map((r) => r[m] as number);
  const baseline = points[0]!;
  const rows = points.map((pt) => {
    const n = samples(pt, 'test_accuracy').length;
    const row: Record<string, string | number | null> = { 'noise.placement': pt.placement, 'noise.stddev': pt.stddev, n, failed: repeats - n };
    for (const m of METRICS) Object.assign(row, groupColumns(m, summarizeGroup(pt === baseline ? null : samples(baseline, m), samples(pt, m))));
    return row;
  });
  const summary = addHolm(rows, METRICS);
  const groups = bestPerGroup(summary, runs, { gridKeys, groupBy: 'noise.placement', metric: 'test_accuracy' });
  return { gridKeys, summary, runs, history, best: { metric: 'test_accuracy', groupBy: 'noise.placement', groups }, isBaseline: (r) => r['noise.placement'] === 'none' };
}
