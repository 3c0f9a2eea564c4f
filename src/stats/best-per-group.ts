import { welchPValue } from './welch-p-value.js';
import { pointKey, type TableRow } from './table-row.js';

/** The conventional 5 % level for "distinguishable from the runner-up". */
export const DEFAULT_ALPHA = 0.05;

export interface BestInGroup {
  /** The group's value of `groupBy` as shown in the table ('' when the key was blank). */
  readonly group: string;
  /** The summary row with the highest mean of the metric in the group. */
  readonly best: TableRow;
  /** The second highest; null when the group has one point with a mean. */
  readonly runnerUp: TableRow | null;
  /** Welch's two-sided p, best against runner-up, over their runs; null when undefined (see welchPValue). */
  readonly pValue: number | null;
  /** pValue < alpha; null when there is no runner-up or no p-value. */
  readonly distinguishable: boolean | null;
}

export interface BestOptions {
  readonly gridKeys: readonly string[];
  /** The grid key whose values form the groups, e.g. `noise.placement`. */
  readonly groupBy: string;
  /** The metric to optimize, e.g. `test_accuracy`: rows are ranked by `<metric>_mean`. */
  readonly metric: string;
  /** Rank by the lowest mean instead (losses and errors such as test_mse). Default false: highest first. */
  readonly lowerIsBetter?: boolean;
  readonly alpha?: number;
}

/**
 * The best grid point of each group (e.g. the best stddev for each placement) and whether it is
 * distinguishable from the runner-up: Welch's p of their runs below alpha. Unadjusted for the number of
 * groups: it answers "is this choice within the group clear?", one question per group.
 * Ties on the mean keep summary order (the first row wins); their p-value is then high, so not distinguishable.
 *
 * @param summary summary rows (grid keys and `<metric>_mean`); rows whose mean is null are left out
 * @param runs run rows (grid keys, `status`, the metric); only status "ok" runs count
 * @param options grid keys, group key, metric and alpha (default 0.05)
 * @returns one entry per group, in the order groups first appear in `summary`
 * @throws {RangeError} when groupBy is not a grid key or alpha is not in (0, 1)
 * @example
 * bestPerGroup(summary, runs, { gridKeys: ['noise.placement', 'noise.stddev'], groupBy: 'noise.placement', metric: 'test_accuracy' });
 */
export function bestPerGroup(summary: readonly TableRow[], runs: readonly TableRow[], options: BestOptions): BestInGroup[] {
  const { gridKeys, groupBy, metric, alpha = DEFAULT_ALPHA, lowerIsBetter = false } = options;
  const sign = lowerIsBetter ? -1 : 1;
  if (!gridKeys.includes(groupBy)) throw new RangeError(`bestPerGroup: expected groupBy to be a grid key (${gridKeys.join(', ')}), found "${groupBy}"`);
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`bestPerGroup: expected alpha in (0, 1), found ${alpha}`);

  const samples = new Map<string, number[]>();
  for (const run of runs) {
    if (run.status !== 'ok') continue;
    const value = Number(run[metric] ?? NaN);
    if (run[metric] === '' || !Number.isFinite(value)) continue;
    const key = pointKey(run, gridKeys);
    samples.set(key, [...(samples.get(key) ?? []), value]);
  }

  const groups = new Map<string, TableRow[]>();
  for (const row of summary) {
    if (typeof row[`${metric}_mean`] !== 'number') continue;
    const group = row[groupBy] === null || row[groupBy] === undefined ? '' : String(row[groupBy]);
    groups.set(group, [...(groups.get(group) ?? []), row]);
  }

  return [...groups].map(([group, rows]) => {
    // Array.prototype.sort is stable: equal means keep summary order.
    const ranked = [...rows].sort((a, b) => sign * ((b[`${metric}_mean`] as number) - (a[`${metric}_mean`] as number)));
    const best = ranked[0]!;
    const runnerUp = ranked[1] ?? null;
    const pValue = runnerUp === null ? null : welchPValue(samples.get(pointKey(best, gridKeys)) ?? [], samples.get(pointKey(runnerUp, gridKeys)) ?? []);
    return { group, best, runnerUp, pValue, distinguishable: pValue === null ? null : pValue < alpha };
  });
}
