/**
 * The final files of a results directory, written the same way by a sweep (at its end, complete or stopped),
 * a resumed sweep, `report` and a merge, so all of them end with the same files for the same runs:
 * runs.csv in plan order (grid point, then repeat) followed by rows of runs the current study no longer has,
 * history.csv likewise, and summary.csv over the current study's runs only.
 *
 * runs.csv is the append-only log, and it is never replaced by what one process holds in memory: the ordered
 * file is derived from the log as it is on disk (read under the directory's lock), checked to hold every run
 * the log holds (the latest row of each run id: an earlier failed attempt of a retried run is superseded), written
 * beside it, fsynced, read back and only then renamed over it (store/atomic-write.ts). A full disk leaves the
 * log as it was. Everything after it (summary, report) is computed from those same rows.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { AnyPlan } from '../plan/plan.js';
import type { RunResult } from '../protocol.js';
import { writeFileAtomic } from '../store/atomic-write.js';
import { safeCell } from './cells.js';
import { checkRunsTable } from './check-runs.js';
import { type ColumnContext, orderSummaryColumns, planSortOf, seedColumnsOf } from './columns.js';
import { csvText, readCsvLog, resultFromRow, runColumns } from './runs-csv.js';
import { rangesOf, summarize, type SummaryRow } from './summary.js';
import { pairedDesignOf } from './paired-design.js';
import { studyRaceOf } from './race.js';

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

/** Plan order of each run id: grid point, then repeat. */
function planRanks(plan: AnyPlan): Map<string, number> {
  return new Map(plan.runs.map((r) => [r.runId, r.pointIndex * 1e9 + r.repeat]));
}

/** The current plan's results in plan order: grid point, then repeat. */
export function orderedResults(set: Pick<ResultSet, 'plan' | 'results'>): RunResult[] {
  const order = planRanks(set.plan);
  return [...set.results.values()].filter((r) => order.has(r.runId)).sort((a, b) => order.get(a.runId)! - order.get(b.runId)!);
}

/** The latest row of each run id, in the order run ids first appear. */
function latestRows(rows: readonly Record<string, string>[]): Map<string, Record<string, string>> {
  const latest = new Map<string, Record<string, string>>();
  for (const row of rows) latest.set(row.run_id!, row);
  return latest;
}

/** A log's rows as a result set of `plan`: the latest row of each of its runs, the rest stale. */
export function resultSetOf(plan: AnyPlan, metrics: readonly string[], baseline: number | null, rows: readonly Record<string, string>[]): ResultSet {
  const pointOf = new Map(plan.runs.map((r) => [r.runId, r.pointIndex]));
  const results = new Map<string, RunResult>();
  const stale: Record<string, string>[] = [];
  for (const [id, row] of latestRows(rows)) {
    const pointIndex = pointOf.get(id);
    if (pointIndex === undefined) stale.push(row);
    else results.set(id, resultFromRow(row, metrics, pointIndex));
  }
  return { plan, metrics, baseline, results, stale };
}

/**
 * The text of runs.csv in plan order for the rows of a log: the current plan's runs first (their grid-key cells
 * from the plan, so a resumed study with a new grid key fills them as a fresh sweep does), then the others.
 * @throws Error (a bug) if a run of the log would be missing from the text.
 */
export function orderedRunsText(plan: AnyPlan, metrics: readonly string[], rows: readonly Record<string, string>[]): string {
  const header = runColumns(plan.gridKeys, metrics, planSortOf(plan, metrics).metric, seedColumnsOf(plan));
  const rank = planRanks(plan);
  const pointOf = new Map(plan.runs.map((r) => [r.runId, r.pointIndex]));
  const seedsOf = new Map(plan.runs.map((r) => [r.runId, r.seeds as unknown as Record<string, number>]));
  const latest = latestRows(rows);
  const current = [...latest.values()].filter((r) => rank.has(r.run_id!)).sort((a, b) => rank.get(a.run_id!)! - rank.get(b.run_id!)!);
  const others = [...latest.values()].filter((r) => !rank.has(r.run_id!));
  const cells = (row: Record<string, string>): (string | number)[] => {
    const point = plan.points[pointOf.get(row.run_id!) ?? -1];
    // A row written before runs.csv had seed_* columns gets its seeds from the plan (the same run, the same seeds).
    const seeds = seedsOf.get(row.run_id!);
    return header.map((h) => (point && plan.gridKeys.includes(h) ? safeCell(point.values[h]) : row[h] || (h.startsWith('seed_') && seeds ? String(seeds[h.slice(5)] ?? '') : row[h] ?? '')));
  };
  const out = [...current, ...others].map(cells);
  if (out.length !== latest.size) throw new Error(`runs.csv rewrite would keep ${out.length} of ${latest.size} runs`);
  return csvText(header, out);
}

/**
 * Rewrites `dir/runs.csv` in plan order from the log on disk (the caller holds the directory's lock).
 * @returns the rows now in the file
 */
export function rewriteRunsCsv(dir: string, plan: AnyPlan, metrics: readonly string[]): Record<string, string>[] {
  const path = join(dir, 'runs.csv');
  const log = readCsvLog(path);
  checkRunsTable(log, path);
  const text = orderedRunsText(plan, metrics, log.rows);
  writeFileAtomic(path, text);
  return readCsvLog(path).rows;
}

/** history.csv in plan order, keeping only rows of runs whose result is recorded (others are done again). */
export function rewriteHistoryCsv(dir: string, set: ResultSet): void {
  const path = join(dir, 'history.csv');
  if (!existsSync(path)) return;
  const { header, rows } = readCsvLog(path);
  const order = planRanks(set.plan);
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

/**
 * Every final file of a results directory from its runs.csv log; returns the summary rows and the result set
 * read back from the rewritten file (what every later step must use).
 */
export function writeFinalResults(dir: string, set: Pick<ResultSet, 'plan' | 'metrics' | 'baseline'>): { summary: SummaryRow[]; set: ResultSet } {
  const rows = rewriteRunsCsv(dir, set.plan, set.metrics);
  const onDisk = resultSetOf(set.plan, set.metrics, set.baseline, rows);
  rewriteHistoryCsv(dir, onDisk);
  const summary = summarize({ points: set.plan.points, gridKeys: set.plan.gridKeys, metrics: set.metrics, results: orderedResults(onDisk), baseline: set.baseline, range: rangesOf(set.plan), paired: pairedDesignOf(set.plan, set.metrics), race: studyRaceOf(set.plan, set.metrics, set.baseline) });
  writeSummaryCsv(dir, summary, { gridKeys: set.plan.gridKeys, metrics: set.metrics, sortMetric: planSortOf(set.plan, set.metrics).metric });
  return { summary, set: onDisk };
}

