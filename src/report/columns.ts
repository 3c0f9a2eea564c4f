/**
 * The column order of runs.csv and summary.csv, as rules rather than lists, so a spreadsheet opens on what
 * the study is about and a column added later lands where its kind belongs:
 *
 *  summary.csv: grid keys · n · failed · a race's status columns · the sort metric's columns · each other
 *               metric's columns · the rest
 *  runs.csv:    grid keys · repeat · seed (and seed_* / *_seed) · the sort metric · the other metrics · the
 *               rest · seconds, engine, status, error, run_id
 *
 * A metric's columns are the ones named `<metric>_<something>` (mean, std, ..., and any statistic added
 * later); within a group, columns keep the order they were given in. Readers look columns up by name, so a
 * results directory written in an earlier order (metrics in plan order) reads back the same.
 */

import type { SortSpec } from '../config/schema.js';
import { lowerIsBetter } from '../engine/metrics.js';

/**
 * The metric the tables sort by and "best" means: test accuracy where there is one, else for regression the
 * test error of the loss the study trains with (test_mae for train.loss mae, else test_mse), else the first
 * test metric; test_accuracy for no metrics at all (a report of nothing).
 */
export function sortMetricOf(metrics: readonly string[], trainLoss?: 'mse' | 'mae'): string {
  const error = trainLoss === 'mae' ? 'test_mae' : 'test_mse';
  const preferred = ['test_accuracy', 'test_accuracy_noisy', error, `${error}_noisy`].find((m) => metrics.includes(m));
  return preferred ?? metrics.find((m) => m.startsWith('test_')) ?? metrics[0] ?? 'test_accuracy';
}

/** The metric that ranks grid points and which way is better. */
export interface SortBy {
  readonly metric: string;
  readonly lowerIsBetter: boolean;
}

/** `sort:` as the study names it (the direction from the name unless given), else sortMetricOf's choice. */
export function sortOf(metrics: readonly string[], sort: SortSpec | undefined, trainLoss?: 'mse' | 'mae'): SortBy {
  if (sort === undefined) {
    const metric = sortMetricOf(metrics, trainLoss);
    return { metric, lowerIsBetter: lowerIsBetter(metric) };
  }
  if (typeof sort === 'string') return { metric: sort, lowerIsBetter: lowerIsBetter(sort) };
  return { metric: sort.metric, lowerIsBetter: sort.better === 'lower' };
}

/** What planSortOf reads of a plan: the study's sort:, and each point's regression loss (model studies). */
interface SortedPlan {
  readonly study: { readonly sort?: SortSpec };
  readonly points: readonly { readonly config: unknown }[];
}

/**
 * The one sort metric of a plan, used everywhere (table, progress, columns, report): its `sort:`, else
 * sortMetricOf's choice, told the regression loss when every point trains with the same one.
 */
export function planSortOf(plan: SortedPlan, metrics: readonly string[]): SortBy {
  const losses = new Set(plan.points.map((p) => (p.config as { train?: { loss?: 'mse' | 'mae' } }).train?.loss));
  return sortOf(metrics, plan.study.sort, losses.size === 1 ? [...losses][0] : undefined);
}

/** "lower is better" or "higher is better", as tables and charts say it. */
export function directionOf(sort: SortBy): string {
  return sort.lowerIsBetter ? 'lower is better' : 'higher is better';
}

/** The metrics in column order: the sort metric (the study's `sort:`, else sortMetricOf's) first, the others as given. */
export function metricsInColumnOrder(metrics: readonly string[], sortMetric?: string): string[] {
  if (metrics.length === 0) return [];
  const first = sortMetric !== undefined && metrics.includes(sortMetric) ? sortMetric : sortMetricOf(metrics);
  return [first, ...metrics.filter((m) => m !== first)];
}

/** A racing study's summary columns (report/race.ts), beside n and failed: how much of the study each point got. */
export const SUMMARY_RACE_COLUMNS = ['status', 'eliminated_after', 'eliminated_round'] as const;

/** runs.csv's last columns: how the run went rather than what it measured. */
export const RUN_BOOKKEEPING = ['seconds', 'engine', 'status', 'error', 'run_id'] as const;

/**
 * runs.csv's per-source seed columns of a plan (seeding.ts): seed_init, seed_order, seed_noise, and seed_split
 * when a point draws its split (data.split); none for a run: study, whose runs get one seed.
 */
export function seedColumnsOf(plan: { readonly study: object; readonly points: readonly { readonly config: unknown }[] }): string[] {
  if ('run' in plan.study) return [];
  const split = plan.points.some((p) => (p.config as { data?: { split?: unknown } }).data?.split !== undefined);
  return ['seed_init', 'seed_order', 'seed_noise', ...(split ? ['seed_split'] : [])];
}

/** A run's seed column: `seed`, and per-source ones such as `seed_init` or `init_seed`. */
export function isSeedColumn(column: string): boolean {
  return column === 'seed' || column.startsWith('seed_') || column.endsWith('_seed');
}

export interface ColumnContext {
  readonly gridKeys: readonly string[];
  readonly metrics: readonly string[];
  /** The study's sort metric when it names one (`sort:`); else sortMetricOf's choice. */
  readonly sortMetric?: string;
}

/** Sorts columns by [group, position in group]; ties keep their given order (Array.prototype.sort is stable). */
function orderBy(columns: readonly string[], rank: (column: string) => readonly [number, number]): string[] {
  const ranks = new Map(columns.map((c) => [c, rank(c)]));
  return [...columns].sort((a, b) => {
    const [ga, pa] = ranks.get(a)!;
    const [gb, pb] = ranks.get(b)!;
    return ga - gb || pa - pb;
  });
}

/** summary.csv's columns, ordered by the rules above. */
export function orderSummaryColumns(columns: readonly string[], { gridKeys, metrics, sortMetric }: ColumnContext): string[] {
  const ordered = metricsInColumnOrder(metrics, sortMetric);
  // Longest name first, so test_accuracy_noisy_mean belongs to test_accuracy_noisy, not to test_accuracy.
  const byLength = [...ordered].sort((a, b) => b.length - a.length);
  return orderBy(columns, (c) => {
    if (gridKeys.includes(c)) return [0, gridKeys.indexOf(c)];
    if (c === 'n') return [1, 0];
    if (c === 'failed') return [2, 0];
    if ((SUMMARY_RACE_COLUMNS as readonly string[]).includes(c)) return [2, 1 + SUMMARY_RACE_COLUMNS.indexOf(c as (typeof SUMMARY_RACE_COLUMNS)[number])];
    const metric = byLength.find((m) => c.startsWith(`${m}_`));
    if (metric !== undefined) return [3, ordered.indexOf(metric)];
    return [4, 0];
  });
}

/** runs.csv's columns, ordered by the rules above. */
export function orderRunColumns(columns: readonly string[], { gridKeys, metrics, sortMetric }: ColumnContext): string[] {
  const ordered = metricsInColumnOrder(metrics, sortMetric);
  const bookkeeping: readonly string[] = RUN_BOOKKEEPING;
  return orderBy(columns, (c) => {
    if (gridKeys.includes(c)) return [0, gridKeys.indexOf(c)];
    if (c === 'repeat') return [1, 0];
    if (c === 'seed') return [2, 0];
    if (isSeedColumn(c)) return [3, 0];
    if (ordered.includes(c)) return [4, ordered.indexOf(c)];
    if (bookkeeping.includes(c)) return [6, bookkeeping.indexOf(c)];
    return [5, 0];
  });
}
