/**
 * The runs of a runs.csv, each once, handed one at a time to whatever summarizes them (issue 13): the file is
 * streamed, never held. A run may have several rows (failed, then retried on resume): the latest counts, as
 * resultSetOf decides; a log that may hold such rows costs one pass more, to find each run's latest row (4
 * bytes a run of the plan). The runs of one grid point can also be handed over first, in a pass of their own
 * (a paired summary wants the baseline's repeats before the others': summary-stream.ts).
 */
import type { AnyPlan } from '../../plan/plan.js';
import type { RunResult } from '../../protocol.js';
import { checkRunsRow, type CurrentStudy } from '../check-runs.js';
import { parseRunColumns, resultFromRow } from '../runs-csv.js';
import { logRows, readLogHeader } from './csv-records.js';
import { planOrder } from './plan-order.js';

export interface FeedOptions {
  readonly path: string;
  readonly plan: AnyPlan;
  /** The metrics a result carries (resultFromRow). */
  readonly metrics: readonly string[];
  /** The file holds each run once (a rewritten runs.csv): no pass to find each run's latest row. */
  readonly deduped?: boolean;
  /** Only a run's latest ok row counts, and runs without one are left out (what a resumed sweep reuses). */
  readonly okOnly?: boolean;
  /** Check every row as check-runs.ts does (in the first pass, before any run is handed on). */
  readonly check?: { readonly current?: CurrentStudy };
  /** A grid point whose runs go to `onFirst` in a pass before the others, then `afterFirst` is called. */
  readonly firstPoint?: number | null;
  readonly onFirst?: (result: RunResult) => void;
  readonly afterFirst?: () => void;
  /** Each run of the plan, once, with its row, in file order (those of `firstPoint` too, after onFirst had them). */
  readonly onRun: (result: RunResult, row: Readonly<Record<string, string>>) => void;
  /** Each row of a run the plan does not have (every such row, in file order). */
  readonly onStale?: (row: Readonly<Record<string, string>>) => void;
}

/**
 * @throws InputError when the file cannot be read, is not CSV, or (with `check`) holds a row a sweep does not write
 */
export async function feedRuns(opts: FeedOptions): Promise<void> {
  const { path, plan, metrics, okOnly = false } = opts;
  const { indexOf } = planOrder(plan);
  let latest: Int32Array | null = null;
  if (!opts.deduped || opts.check) {
    const context = opts.check ? { path, metrics: parseRunColumns(await readLogHeader(path), path).metrics, ...(opts.check.current ? { current: opts.check.current } : {}) } : null;
    if (!opts.deduped) latest = new Int32Array(plan.runs.length).fill(-1);
    for await (const { row, line, ordinal } of logRows(path)) {
      if (context) checkRunsRow(row, line, context);
      const index = indexOf.get(row.run_id ?? '');
      if (latest && index !== undefined && (!okOnly || row.status === 'ok')) latest[index] = ordinal;
    }
  }
  const counts = (index: number, row: Readonly<Record<string, string>>, ordinal: number): boolean => (latest ? latest[index] === ordinal : !okOnly || row.status === 'ok');
  const first = opts.firstPoint ?? null;
  if (first !== null) {
    for await (const { row, ordinal } of logRows(path)) {
      const index = indexOf.get(row.run_id ?? '');
      if (index === undefined || plan.runs.pointOf(index) !== first || !counts(index, row, ordinal)) continue;
      opts.onFirst?.(resultFromRow(row, metrics, first));
    }
    opts.afterFirst?.();
  }
  for await (const { row, ordinal } of logRows(path)) {
    const index = indexOf.get(row.run_id ?? '');
    if (index === undefined) {
      opts.onStale?.(row);
      continue;
    }
    const pointIndex = plan.runs.pointOf(index);
    if (!counts(index, row, ordinal)) continue;
    opts.onRun(resultFromRow(row, metrics, pointIndex), row);
  }
}
