/**
 * summary.csv: one row per grid point with n, and the mean and sample standard deviation of each metric over
 * the point's successful runs.
 */
import { mean, sampleStandardDeviation } from 'simple-statistics';
import type { GridPoint } from '../plan/plan.js';
import type { RunResult } from '../protocol.js';
import { safeCell } from './cells.js';

export type SummaryRow = Record<string, string | number | null>;

export function summarize(points: readonly GridPoint[], gridKeys: readonly string[], metrics: readonly string[], results: readonly RunResult[]): SummaryRow[] {
  const byPoint = new Map<number, RunResult[]>();
  for (const r of results) if (r.status === 'ok') byPoint.set(r.pointIndex, [...(byPoint.get(r.pointIndex) ?? []), r]);
  const failedByPoint = new Map<number, number>();
  for (const r of results) if (r.status !== 'ok') failedByPoint.set(r.pointIndex, (failedByPoint.get(r.pointIndex) ?? 0) + 1);
  return points.map((p) => {
    const ok = byPoint.get(p.index) ?? [];
    const row: SummaryRow = {};
    for (const k of gridKeys) row[k] = safeCell(p.values[k]);
    row.n = ok.length;
    row.failed = failedByPoint.get(p.index) ?? 0;
    for (const m of metrics) {
      const xs = ok.map((r) => r.metrics[m]).filter((x): x is number => x !== undefined);
      row[`${m}_mean`] = xs.length > 0 ? mean(xs) : null;
      row[`${m}_std`] = xs.length > 1 ? sampleStandardDeviation(xs) : null;
    }
    return row;
  });
}
