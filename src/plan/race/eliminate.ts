/**
 * One round of a race (issue 11): which of the points still racing are eliminated. Pure: the decision is a
 * function of the finished values of repeats 0..repeats−1 alone, so a resumed race, a race on more workers and a
 * race whose max was raised decide every round the same way (replay.ts replays them from runs.csv).
 *
 * The rule: the best survivor (highest mean, or lowest for a metric where lower is better; ties to the lower
 * point index) is compared with every other survivor: the paired t-test on matched repeats when the study is
 * paired (Nadeau–Bengio-corrected when the repeats re-split the data, as the summary's comparisons are), else
 * Welch's. Holm adjusts those p-values over the family of survivors compared; a survivor worse than the best
 * with an adjusted p ≤ alpha is rejected. A rejected point is eliminated, except the baseline: it is never
 * eliminated (every point stays comparable with it), but once rejected it no longer keeps the race going.
 */
import { pairedPValue } from '../../stats/compare-points.js';
import { holm } from '../../stats/holm.js';
import { welchPValue } from '../../stats/welch-p-value.js';

/** How a race compares two points: paired on repeats (with n_test/n_train of a point that re-splits its data), or Welch. */
export interface RaceTest {
  readonly paired: boolean;
  /** n_test / n_train of a point whose repeats re-split overlapping data (paired only); undefined: no correction. */
  readonly testTrainRatio?: (point: number) => number | undefined;
}

export interface RoundInput {
  /** 1-based: round 1 is decided at race.min repeats. */
  readonly round: number;
  /** Repeats of each survivor this round decides on: only repeats 0..repeats−1 count. */
  readonly repeats: number;
  /** Point indices still racing. */
  readonly survivors: readonly number[];
  /** A point's finished values of the race metric by repeat index (repeats at or beyond `repeats` are ignored). */
  readonly values: (point: number) => ReadonlyMap<number, number>;
  readonly lowerIsBetter: boolean;
  /** The baseline point, never eliminated; null when the study has none. */
  readonly baseline: number | null;
  readonly alpha: number;
  readonly test: RaceTest;
}

export interface Comparison {
  readonly point: number;
  /** Two-sided p against the best (null when the test is undefined: fewer than two values, no variance). */
  readonly pValue: number | null;
  /** Holm-adjusted over the round's comparisons. */
  readonly pHolm: number | null;
  /** Worse than the best and pHolm ≤ alpha. */
  readonly rejected: boolean;
}

export interface RoundDecision {
  readonly round: number;
  readonly repeats: number;
  /** The best survivor by mean, or null when no survivor has a value. */
  readonly best: number | null;
  /** Every survivor but the best, against the best, in survivor order. */
  readonly comparisons: readonly Comparison[];
  /** Rejected survivors other than the baseline: out of the race. */
  readonly eliminated: readonly number[];
  /** Survivors other than the best that were not rejected: while there is one, the race goes on. */
  readonly contending: readonly number[];
}

function mean(xs: readonly number[]): number {
  return xs.reduce((s, x) => s + x, 0) / xs.length;
}

/**
 * The values of repeats 0..repeats−1, as repeat → value in repeat order: sums over them then add in one order
 * whatever order the runs finished in (a float sum in another order can differ in its last bits, and so a p-value).
 */
function upTo(values: ReadonlyMap<number, number>, repeats: number): Map<number, number> {
  return new Map([...values].filter(([repeat]) => repeat < repeats).sort(([a], [b]) => a - b));
}

/** p of `point` against `best` and whether `point` did worse on the values compared (its direction). */
function compare(point: Map<number, number>, best: Map<number, number>, index: number, input: RoundInput): { pValue: number | null; worse: boolean } {
  const sign = input.lowerIsBetter ? -1 : 1;
  if (input.test.paired) {
    const { meanDifference, pValue } = pairedPValue(point, best, input.test.testTrainRatio?.(index));
    return { pValue, worse: meanDifference !== null && sign * meanDifference < 0 };
  }
  const a = [...point.values()];
  const b = [...best.values()];
  if (a.length === 0 || b.length === 0) return { pValue: null, worse: false };
  return { pValue: welchPValue(a, b), worse: sign * (mean(a) - mean(b)) < 0 };
}

/**
 * Decides one round.
 * @example
 * // Point 1 is far below point 0 on five paired repeats: eliminated at alpha 0.05.
 * const v = [new Map([[0, 0.8], [1, 0.82], [2, 0.79], [3, 0.81], [4, 0.8]]), new Map([[0, 0.5], [1, 0.53], [2, 0.49], [3, 0.52], [4, 0.5]])];
 * decideRound({ round: 1, repeats: 5, survivors: [0, 1], values: (i) => v[i]!, lowerIsBetter: false, baseline: null, alpha: 0.05, test: { paired: true } }).eliminated; // => [1]
 */
export function decideRound(input: RoundInput): RoundDecision {
  const { round, repeats, survivors, lowerIsBetter, baseline, alpha } = input;
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`decideRound: expected alpha in (0, 1), found ${String(alpha)}`);
  const seen = new Map(survivors.map((p) => [p, upTo(input.values(p), repeats)]));
  const sign = lowerIsBetter ? -1 : 1;
  let best: number | null = null;
  let bestMean = -Infinity;
  for (const p of survivors) {
    const xs = [...seen.get(p)!.values()];
    if (xs.length === 0) continue;
    const m = sign * mean(xs);
    if (best === null || m > bestMean) {
      best = p;
      bestMean = m;
    }
  }
  if (best === null) return { round, repeats, best, comparisons: [], eliminated: [], contending: [...survivors] };

  const others = survivors.filter((p) => p !== best);
  const tests = others.map((p) => compare(seen.get(p)!, seen.get(best!)!, p, input));
  const adjusted = holm(tests.map((t) => t.pValue));
  const comparisons = others.map((point, k): Comparison => {
    const pHolm = adjusted[k]!;
    return { point, pValue: tests[k]!.pValue, pHolm, rejected: tests[k]!.worse && pHolm !== null && pHolm <= alpha };
  });
  return {
    round,
    repeats,
    best,
    comparisons,
    eliminated: comparisons.filter((c) => c.rejected && c.point !== baseline).map((c) => c.point),
    contending: comparisons.filter((c) => !c.rejected).map((c) => c.point),
  };
}
