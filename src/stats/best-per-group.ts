import { welchPValue } from './welch-p-value.js';
import { comparePaired } from './compare-points.js';
import { holm } from './holm.js';
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
  /**
   * Best against runner-up: two-sided p (Welch over their runs, or a paired t-test over matched repeats in a
   * paired study), Holm-adjusted over the group's comparisons of the best with every other point; null when
   * undefined (see welchPValue, pairedT).
   */
  readonly pValue: number | null;
  /** pValue < alpha; null when there is no runner-up or no p-value. */
  readonly distinguishable: boolean | null;
  /**
   * The set of reliably best points: the best and every point of the group not shown worse than it (paired:
   * its verdict against the best is not "worse"; unpaired: its Holm-adjusted p against the best ≥ alpha).
   */
  readonly contenders: readonly TableRow[];
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
  /** A paired study: compare on repeats matched by index (runs need a `repeat` cell) with verdicts (compare-points.ts). */
  readonly paired?: { readonly gamma?: number; readonly equivalence?: number; readonly seed: number; readonly testTrainRatio?: number };
}

/**
 * The best grid point of each group (e.g. the best stddev for each placement), the set of points not shown
 * worse than it, and whether it is distinguishable from the runner-up. The comparisons of the best with the
 * group's other points are one family per group, Holm-adjusted within it (issue 17: an unadjusted p called a
 * point "distinguishable" that no adjusted test would); groups are separate questions ("is this choice within
 * the group clear?"), not adjusted across.
 * Ties on the mean keep summary order (the first row wins); their p-value is then high, so not distinguishable.
 *
 * @param summary summary rows (grid keys and `<metric>_mean`); rows whose mean is null are left out
 * @param runs run rows (grid keys, `status`, `repeat`, the metric; only status "ok" runs count), or a summary
 *   row's values of the metric by repeat (a summary streamed from runs.csv keeps those: report/stream/)
 * @param options grid keys, group key, metric, alpha (default 0.05), paired
 * @returns one entry per group, in the order groups first appear in `summary`
 * @throws {RangeError} when groupBy is not a grid key or alpha is not in (0, 1)
 * @example
 * bestPerGroup(summary, runs, { gridKeys: ['noise.placement', 'noise.stddev'], groupBy: 'noise.placement', metric: 'test_accuracy' });
 */
export function bestPerGroup(summary: readonly TableRow[], runs: readonly TableRow[] | ((row: TableRow) => ReadonlyMap<number, number>), options: BestOptions): BestInGroup[] {
  const { gridKeys, groupBy, metric, alpha = DEFAULT_ALPHA, lowerIsBetter = false, paired } = options;
  const sign = lowerIsBetter ? -1 : 1;
  if (!gridKeys.includes(groupBy)) throw new RangeError(`bestPerGroup: expected groupBy to be a grid key (${gridKeys.join(', ')}), found "${groupBy}"`);
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`bestPerGroup: expected alpha in (0, 1), found ${alpha}`);

  const of = typeof runs === 'function' ? runs : samplesByPoint(runs, gridKeys, metric);

  const groups = new Map<string, TableRow[]>();
  for (const row of summary) {
    if (typeof row[`${metric}_mean`] !== 'number') continue;
    const group = row[groupBy] === null || row[groupBy] === undefined ? '' : String(row[groupBy]);
    groups.set(group, [...(groups.get(group) ?? []), row]);
  }

  return [...groups].map(([group, rows], g) => {
    // Array.prototype.sort is stable: equal means keep summary order.
    const ranked = [...rows].sort((a, b) => sign * ((b[`${metric}_mean`] as number) - (a[`${metric}_mean`] as number)));
    const best = ranked[0]!;
    const others = ranked.slice(1);
    const comparisons = others.map((row, i) => {
      if (!paired) return { p: welchPValue([...of(best).values()], [...of(row).values()]), worse: null as boolean | null };
      const c = comparePaired(of(row), of(best), { lowerIsBetter, seed: (paired.seed + 7919 * (g + 1) + i) >>> 0, ...(paired.gamma !== undefined ? { gamma: paired.gamma } : {}), ...(paired.equivalence !== undefined ? { equivalence: paired.equivalence } : {}), ...(paired.testTrainRatio !== undefined ? { testTrainRatio: paired.testTrainRatio } : {}) });
      return { p: c.pValue, worse: c.verdict === 'worse' };
    });
    const adjusted = holm(comparisons.map((c) => c.p));
    const shownWorse = (i: number): boolean => comparisons[i]!.worse ?? (adjusted[i] !== null && adjusted[i]! < alpha);
    const contenders = [best, ...others.filter((_, i) => !shownWorse(i))];
    const pValue = others.length === 0 ? null : adjusted[0]!;
    return { group, best, runnerUp: others[0] ?? null, pValue, distinguishable: pValue === null ? null : pValue < alpha, contenders };
  });
}

/** Each summary row's values of `metric` by repeat, from run rows. */
function samplesByPoint(runs: readonly TableRow[], gridKeys: readonly string[], metric: string): (row: TableRow) => ReadonlyMap<number, number> {
  const samples = new Map<string, Map<number, number>>();
  for (const run of runs) {
    if (run.status !== 'ok') continue;
    const value = Number(run[metric] ?? NaN);
    if (run[metric] === '' || !Number.isFinite(value)) continue;
    const key = pointKey(run, gridKeys);
    const byRepeat = samples.get(key) ?? new Map<number, number>();
    byRepeat.set(run.repeat === undefined || run.repeat === null ? byRepeat.size : Number(run.repeat), value);
    samples.set(key, byRepeat);
  }
  return (row) => samples.get(pointKey(row, gridKeys)) ?? new Map<number, number>();
}
