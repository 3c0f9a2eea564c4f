/**
 * summary.csv: one row per grid point: the grid keys, n (successful runs), failed, then for each metric its
 * mean, sample std, 95 % Student-t interval of the mean (clipped to the range of the metrics noise-sweep
 * computes), and against the baseline point Welch's two-sided p-value, Cohen's d and the Holm-adjusted p-value
 * across all points compared with the baseline. In a paired study (the default) the p-values are paired
 * t-tests over repeats matched by index, and the sort metric gets the comparison's columns (difference and its
 * interval, P(better) and its interval, Wilcoxon's p, the verdict, repeats to decide). A racing study adds each
 * point's status (winner, survivor, eliminated), the repeats it had when eliminated and the round (race.ts).
 * The file's column order (the sort metric's first) is columns.ts's; rows here are looked up by name.
 * Every repeat stays in runs.csv: the summary adds statistics, it never replaces the data.
 */
import { type AnyPlan, type GridPoint, isCommandPlan } from '../plan/plan.js';
import type { RunResult } from '../protocol.js';
import { metricRange } from '../engine/metrics.js';
import type { Range } from '../stats/clip-interval.js';
import { addHolm } from '../stats/add-holm.js';
import { groupColumns, STAT_SUFFIXES, summarizeGroup } from '../stats/summarize-group.js';
import { safeCell } from './cells.js';
import { lowerIsBetter } from '../engine/metrics.js';
import { comparePaired, type CompareOptions, type PairedComparison } from '../stats/compare-points.js';
import type { PairedDesign } from './paired-design.js';
import { raceColumns, raceStateOf, type StudyRace } from './race.js';

export type SummaryRow = Record<string, string | number | null>;

/** The numeric columns of summary.csv (what `expect:` bounds may name), in column order. */
export function summaryStatColumns(metrics: readonly string[]): string[] {
  return ['n', 'failed', ...metrics.flatMap((m) => STAT_SUFFIXES.map((s) => `${m}_${s}`))];
}

export interface SummaryInput {
  readonly points: readonly GridPoint<unknown>[];
  readonly gridKeys: readonly string[];
  readonly metrics: readonly string[];
  readonly results: readonly RunResult[];
  /** Index of the baseline point, or null. */
  readonly baseline: number | null;
  /** The values each metric can take, its interval clipped to them; absent: unbounded (see rangesOf). */
  readonly range?: (metric: string) => Range;
  /** A paired study's design (paired-design.ts): p-values from paired t-tests and verdicts; absent or null: Welch. */
  readonly paired?: PairedDesign | null;
  /** A racing study's race (race.ts): each point's status, and when it was eliminated; absent or null: no race. */
  readonly race?: StudyRace | null;
}

/** The columns a paired study adds for its sort metric m: the comparison with the baseline (compare-points.ts). */
export const PAIRED_SUFFIXES = ['diff', 'diff_low', 'diff_high', 'p_better', 'p_better_low', 'p_better_high', 'wilcoxon_p'] as const;

/**
 * The ranges a plan's metrics are known to keep: accuracy in [0, 1], losses and errors ≥ 0 for a study of
 * noise-sweep's models; none for a run: study, whose metrics are the user's (a "loss" there may be negative).
 */
export function rangesOf(plan: AnyPlan): ((metric: string) => Range) | undefined {
  return isCommandPlan(plan) ? undefined : metricRange;
}

export function summarize({ points, gridKeys, metrics, results, baseline, range, paired, race }: SummaryInput): SummaryRow[] {
  const raced = race ? raceStateOf(race, points.length, results) : null;
  const ok = new Map<number, RunResult[]>();
  const failed = new Map<number, number>();
  for (const r of results) {
    if (r.status === 'ok') ok.set(r.pointIndex, [...(ok.get(r.pointIndex) ?? []), r]);
    else failed.set(r.pointIndex, (failed.get(r.pointIndex) ?? 0) + 1);
  }
  const samples = (index: number, metric: string): number[] => (ok.get(index) ?? []).map((r) => r.metrics[metric]).filter((x): x is number => x !== undefined);
  const rows = points.map((p) => {
    const row: SummaryRow = {};
    for (const k of gridKeys) row[k] = safeCell(p.values[k]);
    row.n = ok.get(p.index)?.length ?? 0;
    row.failed = failed.get(p.index) ?? 0;
    if (raced) Object.assign(row, raceColumns(raced, p.index));
    for (const m of metrics) {
      const reference = baseline === null || baseline === p.index ? null : samples(baseline, m);
      Object.assign(row, groupColumns(m, summarizeGroup(reference, samples(p.index, m), range?.(m))));
      if (paired && reference !== null) {
        // Paired seeds: repeat k of this point against repeat k of the baseline.
        const c = comparePaired(byRepeat(ok.get(p.index), m), byRepeat(ok.get(baseline!), m), comparisonOptions(paired, p.index, m));
        row[`${m}_p_value`] = c.pValue;
        if (m === paired.metric) Object.assign(row, pairedColumns(m, c));
      }
    }
    if (paired && !(`${paired.metric}_diff` in row)) Object.assign(row, pairedColumns(paired.metric, null));
    return row;
  });
  return addHolm(rows, metrics);
}

/** A point's values of a metric by repeat (its successful runs). */
export function byRepeat(runs: readonly RunResult[] | undefined, metric: string): Map<number, number> {
  const out = new Map<number, number>();
  for (const r of runs ?? []) if (r.metrics[metric] !== undefined) out.set(r.repeat, r.metrics[metric]!);
  return out;
}

/** compare-points options for point `index` of a paired design, for metric `m` (losses: lower is better). */
export function comparisonOptions(d: PairedDesign, index: number, m: string): CompareOptions {
  const ratio = d.testTrainRatio(index);
  return {
    lowerIsBetter: m === d.metric ? d.lowerIsBetter : lowerIsBetter(m),
    gamma: d.gamma,
    ...(d.equivalence !== undefined && m === d.metric ? { equivalence: d.equivalence } : {}),
    ...(ratio !== undefined ? { testTrainRatio: ratio } : {}),
    seed: (d.seed + index) >>> 0,
  };
}

export function pairedColumns(m: string, c: PairedComparison | null): SummaryRow {
  return {
    [`${m}_diff`]: c?.meanDifference ?? null,
    [`${m}_diff_low`]: c?.differenceLow ?? null,
    [`${m}_diff_high`]: c?.differenceHigh ?? null,
    [`${m}_p_better`]: c?.probability ?? null,
    [`${m}_p_better_low`]: c?.probabilityLow ?? null,
    [`${m}_p_better_high`]: c?.probabilityHigh ?? null,
    [`${m}_wilcoxon_p`]: c?.wilcoxonP ?? null,
    verdict: c === null ? '' : c.verdict,
    repeats_to_decide: c?.repeatsToDecide ?? null,
    nadeau_bengio: c === null ? '' : c.corrected ? 'yes' : 'no',
  };
}
