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
import { type ColumnContext, orderSummaryColumns, planSortOf, seedColumnsOf } from './columns.js';
import { csvText, readCsvLog, resultFromRow, runColumns } from './runs-csv.js';
import type { SummaryRow } from './summary.js';
import { planOrder } from './stream/plan-order.js';
import { type RewrittenRuns, rewriteRunsLog, rowCells } from './stream/rewrite-runs.js';
import { rewriteHistoryLog } from './stream/rewrite-history.js';
import { type StreamedSummary, type StudyResults, summarizeRuns } from './stream/summarize-runs.js';

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

/** runs.csv position of each run id of the plan (grid point, then repeat), undefined for one it does not have. */
function planRank(plan: AnyPlan): (runId: string) => number | undefined {
  return (runId) => {
    const index = plan.runs.indexOf(runId);
    return index === undefined ? undefined : plan.runs.positionOf(index);
  };
}

/** The current plan's results in plan order: grid point, then repeat (runs.csv's order). */
export function orderedResults(set: Pick<ResultSet, 'plan' | 'results'>): RunResult[] {
  const rank = planRank(set.plan);
  const ranked = [...set.results.values()].flatMap((r) => {
    const position = rank(r.runId);
    return position === undefined ? [] : [{ r, position }];
  });
  return ranked.sort((a, b) => a.position - b.position).map(({ r }) => r);
}

/** The latest row of each run id, in the order run ids first appear. */
function latestRows(rows: readonly Record<string, string>[]): Map<string, Record<string, string>> {
  const latest = new Map<string, Record<string, string>>();
  for (const row of rows) latest.set(row.run_id!, row);
  return latest;
}

/** A log's rows as a result set of `plan`: the latest row of each of its runs, the rest stale. */
export function resultSetOf(plan: AnyPlan, metrics: readonly string[], baseline: number | null, rows: readonly Record<string, string>[]): ResultSet {
  const results = new Map<string, RunResult>();
  const stale: Record<string, string>[] = [];
  for (const [id, row] of latestRows(rows)) {
    const index = plan.runs.indexOf(id);
    if (index === undefined) stale.push(row);
    else results.set(id, resultFromRow(row, metrics, plan.runs.pointOf(index)));
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
  const rank = planRank(plan);
  const { indexOf } = planOrder(plan);
  const latest = latestRows(rows);
  const current = [...latest.values()].filter((r) => rank(r.run_id!) !== undefined).sort((a, b) => rank(a.run_id!)! - rank(b.run_id!)!);
  const others = [...latest.values()].filter((r) => rank(r.run_id!) === undefined);
  const cells = (row: Record<string, string>) => rowCells(plan, header, row, indexOf.get(row.run_id!));
  const out = [...current, ...others].map(cells);
  if (out.length !== latest.size) throw new Error(`runs.csv rewrite would keep ${out.length} of ${latest.size} runs`);
  return csvText(header, out);
}

/**
 * Rewrites `dir/runs.csv` in plan order from the log on disk (the caller holds the directory's lock), streamed
 * (stream/rewrite-runs.ts).
 */
export async function rewriteRunsCsv(dir: string, plan: AnyPlan, metrics: readonly string[]): Promise<RewrittenRuns> {
  return rewriteRunsLog(dir, plan, metrics);
}

/** history.csv in plan order, keeping only rows of runs whose result is recorded (others are done again). */
export function rewriteHistoryCsv(dir: string, plan: AnyPlan, recorded: (runId: string) => boolean): void {
  const path = join(dir, 'history.csv');
  if (!existsSync(path)) return;
  const { header, rows } = readCsvLog(path);
  const order = planRank(plan);
  const kept = rows.filter((r) => recorded(r.run_id!));
  const rank = (r: Record<string, string>) => order(r.run_id!) ?? Number.MAX_SAFE_INTEGER;
  kept.sort((a, b) => rank(a) - rank(b) || Number(a.epoch) - Number(b.epoch)); // stable: metrics keep their order
  writeFileAtomic(path, csvText(header, kept.map((r) => header.map((h) => r[h] ?? ''))));
}

/** summary.csv, its columns in the order of columns.ts (grid keys, n, failed, the sort metric's first). */
export function writeSummaryCsv(dir: string, summary: readonly SummaryRow[], context: ColumnContext): void {
  const columns = orderSummaryColumns(Object.keys(summary[0] ?? {}), context);
  writeFileAtomic(join(dir, 'summary.csv'), stringify(summary as SummaryRow[], { header: true, columns, record_delimiter: '\n', cast: { number: (x) => String(x) } }));
}

/**
 * Every final file of a results directory from its runs.csv log: runs.csv rewritten in plan order, history.csv
 * likewise, summary.csv; returns the summary and what it was computed from, streamed from the rewritten
 * runs.csv (what every later step must use). `onRun` sees each run of the plan once, as recorded there.
 */
export async function writeFinalResults(dir: string, set: StudyResults, opts: { readonly onRun?: (result: RunResult) => void } = {}): Promise<StreamedSummary> {
  const rewritten = await rewriteRunsCsv(dir, set.plan, set.metrics);
  await rewriteHistoryLog(dir, set.plan, rewritten.has);
  const streamed = await summarizeRuns(join(dir, 'runs.csv'), set, { deduped: true, ...(opts.onRun ? { onRun: opts.onRun } : {}) });
  writeSummaryCsv(dir, streamed.summary, { gridKeys: set.plan.gridKeys, metrics: set.metrics, sortMetric: planSortOf(set.plan, set.metrics).metric });
  return streamed;
}
