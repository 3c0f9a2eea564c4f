/**
 * The final files of a results directory, written the same way by a sweep (at its end, complete or stopped),
 * a resumed sweep and a merge, so all three end with the same files for the same runs:
 * runs.csv in plan order (grid point, then repeat) followed by rows of runs the current study no longer has,
 * history.csv likewise, and summary.csv over the current study's runs only.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { AnyPlan } from '../plan/plan.js';
import type { RunResult } from '../protocol.js';
import { readCsvLog, runColumns, runRow, csvText } from './runs-csv.js';
import { writeFileAtomic } from './results-dir.js';
import { type ColumnContext, orderSummaryColumns, planSortOf } from './columns.js';
import { rangesOf, summarize, type SummaryRow } from './summary.js';

export interface ResultSet {
  readonly plan: AnyPlan;
  readonly metrics: readonly string[];
  /** Index of the baseline grid point (see plan/baseline.ts), or null. */
  readonly baseline: number | null;
  /** Latest result of each run of the current plan that has one, by run id. */
  readonly results: ReadonlyMap<string, RunResult>;
  /** Rows (by column name) of earlier runs that are not in the current plan: kept, never lost. */
  readonly stale: readonly Record<string, string>[];
}

/** The current plan's results in plan order: grid point, then repeat. */
export function orderedResults(set: Pick<ResultSet, 'plan' | 'results'>): RunResult[] {
  const order = new Map(set.plan.runs.map((r) => [r.runId, r.pointIndex * 1e9 + r.repeat]));
  return [...set.results.values()].filter((r) => order.has(r.runId)).sort((a, b) => order.get(a.runId)! - order.get(b.runId)!);
}

export function writeRunsCsv(dir: string, set: ResultSet): void {
  const { plan, metrics } = set;
  const sortMetric = planSortOf(plan, metrics).metric;
  const header = runColumns(plan.gridKeys, metrics, sortMetric);
  const rows: (string | number)[][] = orderedResults(set).map((r) => runRow(plan.points[r.pointIndex]!, plan.gridKeys, metrics, r, sortMetric));
  for (const old of set.stale) rows.push(header.map((h) => old[h] ?? ''));
  writeFileAtomic(join(dir, 'runs.csv'), csvText(header, rows));
}

/** history.csv in plan order, keeping only rows of runs whose result is recorded (others are done again). */
export function rewriteHistoryCsv(dir: string, set: ResultSet): void {
  const path = join(dir, 'history.csv');
  if (!existsSync(path)) return;
  const { header, rows } = readCsvLog(path);
  const order = new Map(set.plan.runs.map((r) => [r.runId, r.pointIndex * 1e9 + r.repeat]));
  const recorded = new Set([...set.results.keys(), ...set.stale.map((r) => r.run_id!)]);
  const kept = rows.filter((r) => recorded.has(r.run_id!));
  const rank = (r: Record<string, string>) => order.get(r.run_id!) ?? Number.MAX_SAFE_INTEGER;
  kept.sort((a, b) => rank(a) - rank(b) || Number(a.epoch) - Number(b.epoch)); // stable: metrics keep their order
  writeFileAtomic(path, csvText(header, kept.map((r) => header.map((h) => r[h] ?? ''))));
}

/** summary.csv, its columns in the order of columns.ts (grid keys, n, failed, the sort metric's first). */
export function writeSummaryCsv(dir: string, summary: readonly SummaryRow[], context: ColumnContext): void {
  const columns = orderSummaryColumns(Object.keys(summary[0] ?? {}), context);
  writeFileAtomic(join(dir, 'summary.csv'), stringify(summary as SummaryRow[], { header: true, columns, record_delimiter: '\n', cast: { number: (x) => String(x) } }));
}

/** Every final file of a results directory from its result set; returns the summary rows. */
export function writeFinalResults(dir: string, set: ResultSet): SummaryRow[] {
  writeRunsCsv(dir, set);
  rewriteHistoryCsv(dir, set);
  const summary = summarize({ points: set.plan.points, gridKeys: set.plan.gridKeys, metrics: set.metrics, results: orderedResults(set), baseline: set.baseline, range: rangesOf(set.plan) });
  writeSummaryCsv(dir, summary, { gridKeys: set.plan.gridKeys, metrics: set.metrics, sortMetric: planSortOf(set.plan, set.metrics).metric });
  return summary;
}
