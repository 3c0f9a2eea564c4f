/**
 * summary.csv's rows and report.html's runs from a runs.csv streamed row by row (issue 13): a SummaryStream
 * (summary-stream.ts) and a RunDigest (report/digest/) fed from one pass over the file (and one before it,
 * of the baseline's rows, in a paired study), so `sweep`, `report`, `merge` and `check` hold per grid point
 * what the statistics need and one number per run, never the runs.
 */
import type { AnyPlan } from '../../plan/plan.js';
import type { RunResult } from '../../protocol.js';
import type { TableRow } from '../../stats/table-row.js';
import { safeCell } from '../cells.js';
import { chooseRoles } from '../charts/roles.js';
import type { CurrentStudy } from '../check-runs.js';
import { planSortOf } from '../columns.js';
import { RunDigest } from '../digest/run-digest.js';
import { pairedDesignOf } from '../paired-design.js';
import { rangesOf, type SummaryRow } from '../summary.js';
import { studyRaceOf } from '../race.js';
import { feedRuns } from './feed-runs.js';
import { SummaryStream } from './summary-stream.js';

/** A study's results as the summary needs them: its plan, metrics and baseline. */
export interface StudyResults {
  readonly plan: AnyPlan;
  readonly metrics: readonly string[];
  readonly baseline: number | null;
}

export interface StreamedSummary {
  readonly summary: SummaryRow[];
  /** The running state the summary came from (each point's sort metric by repeat, for best per placement). */
  readonly stream: SummaryStream;
  /** report.html's boxes and dots. */
  readonly digest: RunDigest;
}

/**
 * An empty SummaryStream for a study (`file` names the study in the error for a race.metric it does not have).
 */
export function summaryStreamOf({ plan, metrics, baseline }: StudyResults, file?: string): SummaryStream {
  const range = rangesOf(plan);
  return new SummaryStream({ points: plan.points, gridKeys: plan.gridKeys, metrics, baseline, ...(range ? { range } : {}), paired: pairedDesignOf(plan, metrics), sortMetric: planSortOf(plan, metrics).metric, race: studyRaceOf(plan, metrics, baseline, file) });
}

/** Each grid point's grid-key cells, as runs.csv and summary.csv show them. */
export function pointCells(plan: AnyPlan): TableRow[] {
  return plan.points.map((p) => Object.fromEntries(plan.gridKeys.map((k) => [k, safeCell(p.values[k])])));
}

/**
 * An empty RunDigest for a study: the sort metric (report.html's box plot), colored by the charts' panel key,
 * sampled with the study's seed, as renderReport would digest the same runs itself.
 */
export function reportDigestOf({ plan, metrics }: Pick<StudyResults, 'plan' | 'metrics'>): RunDigest {
  const panel = chooseRoles(plan.gridKeys, pointCells(plan)).panel;
  return new RunDigest({ gridKeys: plan.gridKeys, metric: planSortOf(plan, metrics).metric, ...(panel ? { groupKey: panel } : {}), points: plan.points.length, seed: plan.study.seed });
}

/** Feeds one run to a digest, as the report's run rows would show it. */
export function digestRun(digest: RunDigest, cells: readonly TableRow[], metric: string, r: RunResult): void {
  digest.add({ ...cells[r.pointIndex], repeat: r.repeat, run_id: r.runId, status: r.status, [metric]: r.metrics[metric] ?? null });
}

export interface SummarizeOptions {
  /** The file holds each run once (rewritten in plan order). */
  readonly deduped?: boolean;
  /** Check every row first (a file no sweep of this process rewrote). */
  readonly check?: { readonly current?: CurrentStudy };
  /** Each run, once, after the summary has it. */
  readonly onRun?: (result: RunResult) => void;
}

/** The summary and digest of a runs.csv. */
export async function summarizeRuns(path: string, set: StudyResults, opts: SummarizeOptions = {}, file?: string): Promise<StreamedSummary> {
  const stream = summaryStreamOf(set, file);
  const digest = reportDigestOf(set);
  const cells = pointCells(set.plan);
  const metric = planSortOf(set.plan, set.metrics).metric;
  const first = pairedDesignOf(set.plan, set.metrics) !== null ? set.baseline : null;
  await feedRuns({
    path,
    plan: set.plan,
    metrics: set.metrics,
    ...(opts.deduped ? { deduped: true } : {}),
    ...(opts.check ? { check: opts.check } : {}),
    // Paired: the baseline's repeats first, so no other run waits for its baseline repeat; the digest takes
    // every run in file order all the same (its boxes come out in the order the grid has its points).
    firstPoint: first,
    onFirst: (r) => stream.add(r),
    afterFirst: () => stream.baselineComplete(),
    onRun: (r) => {
      if (r.pointIndex !== first) stream.add(r);
      digestRun(digest, cells, metric, r);
      opts.onRun?.(r);
    },
  });
  return { summary: stream.rows(), stream, digest };
}
