/**
 * One round of a race (issue 11): which of the points still racing are eliminated. Pure: the decision is a
 * function of the finished values of repeats 0..repeats−1 alone, so a resumed race, a race on more workers and a
 * race whose max was raised decide every round the same way (replay.ts replays them from runs.csv).
 *
 * The rule: every pair of survivors is compared, with the paired t-test on matched repeats when the study is
 * paired (Nadeau–Bengio-corrected when the repeats re-split the data, as the summary's comparisons are), else
 * Welch's. Holm adjusts those p-values over all of the round's pairs, and a survivor is rejected when some
 * survivor with a better mean (on the values the pair compared) beats it at an adjusted p ≤ the round's level,
 * roundLevel(alpha, round) (level.ts: the levels of all rounds sum to alpha, so a whole race's family-wise
 * error is at most alpha). The round's best (highest mean, or lowest for a metric where lower is better; ties to
 * the lower point index) is never rejected. Why all pairs and not each point against the best: the best is
 * chosen because it looks best, so testing against it alone at the family's level over-rejects in null races.
 * A rejected point is eliminated, except the baseline: it is never eliminated (every point stays comparable
 * with it), but once rejected it no longer keeps the race going.
 */
import { pairedPValue } from '../../stats/compare-points.js';
import { holm } from '../../stats/holm.js';
import { welchPValue } from '../../stats/welch-p-value.js';
import { roundLevel } from './level.js';

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
  /** The race's family-wise level: round r tests at roundLevel(alpha, r). */
  readonly alpha: number;
  /** The level to test at instead, for a single look (a fixed study judged once spends all of alpha). */
  readonly level?: number;
  readonly test: RaceTest;
}

/** One pair of survivors compared (a before b in survivor order). */
export interface PairTest {
  readonly a: number;
  readonly b: number;
  /** Two-sided p (null when the test is undefined: fewer than two values, no variance). */
  readonly pValue: number | null;
  /** Holm-adjusted over all of the round's pairs. */
  readonly pHolm: number | null;
}

export interface Comparison {
  readonly point: number;
  /** The better point it lost to (pHolm ≤ the level), or null when no better survivor beats it. */
  readonly against: number | null;
  /**
   * Its strongest evidence of being worse: the p of its pair with `against`, else of its pair with the better
   * survivor of the smallest adjusted p; null when no pair with a better survivor could be tested.
   */
  readonly pValue: number | null;
  /** That pair's Holm-adjusted p. */
  readonly pHolm: number | null;
  /** Some better survivor beats it at pHolm ≤ the level. */
  readonly rejected: boolean;
}

export interface RoundDecision {
  readonly round: number;
  readonly repeats: number;
  /** The level this round tested at: roundLevel(alpha, round), or the level given. */
  readonly level: number;
  /** The best survivor by mean, or null when no survivor has a value. */
  readonly best: number | null;
  /** Every pair of survivors, in survivor order (a before b). */
  readonly pairs: readonly PairTest[];
  /** Every survivor but the best, in survivor order. */
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

/**
 * p of `a` against `b` and which of the two did better on the values compared: +1 a, −1 b, 0 neither (equal
 * means, or nothing to compare).
 */
function compare(a: Map<number, number>, b: Map<number, number>, index: number, input: RoundInput): { pValue: number | null; better: number } {
  const sign = input.lowerIsBetter ? -1 : 1;
  if (input.test.paired) {
    const { meanDifference, pValue } = pairedPValue(a, b, input.test.testTrainRatio?.(index));
    return { pValue, better: meanDifference === null ? 0 : Math.sign(sign * meanDifference) };
  }
  const xs = [...a.values()];
  const ys = [...b.values()];
  if (xs.length === 0 || ys.length === 0) return { pValue: null, better: 0 };
  return { pValue: welchPValue(xs, ys), better: Math.sign(sign * (mean(xs) - mean(ys))) };
}

/** The best survivor by mean in the metric's direction (ties to the first in survivor order), or null. */
function bestOf(survivors: readonly number[], seen: ReadonlyMap<number, Map<number, number>>, lowerIsBetter: boolean): number | null {
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
  return best;
}

/**
 * Decides one round.
 * @example
 * // Point 1 is far below point 0 on five paired repeats: eliminated in round 1 (level 0.0304 at alpha 0.05).
 * const v = [new Map([[0, 0.8], [1, 0.82], [2, 0.79], [3, 0.81], [4, 0.8]]), new Map([[0, 0.5], [1, 0.53], [2, 0.49], [3, 0.52], [4, 0.5]])];
 * decideRound({ round: 1, repeats: 5, survivors: [0, 1], values: (i) => v[i]!, lowerIsBetter: false, baseline: null, alpha: 0.05, test: { paired: true } }).eliminated; // => [1]
 */
export function decideRound(input: RoundInput): RoundDecision {
  const { round, repeats, survivors, lowerIsBetter, baseline, alpha } = input;
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`decideRound: expected alpha in (0, 1), found ${String(alpha)}`);
  const level = input.level ?? roundLevel(alpha, round);
  if (!(level > 0 && level < 1)) throw new RangeError(`decideRound: expected level in (0, 1), found ${String(level)}`);
  const seen = new Map(survivors.map((p) => [p, upTo(input.values(p), repeats)]));
  const best = bestOf(survivors, seen, lowerIsBetter);
  if (best === null) return { round, repeats, level, best, pairs: [], comparisons: [], eliminated: [], contending: [...survivors] };

  // The Nadeau–Bengio ratio is a point's own (its data's split); a pair takes a's, as the summary's comparisons do.
  const tests = survivors.flatMap((a, i) => survivors.slice(i + 1).map((b) => ({ a, b, ...compare(seen.get(a)!, seen.get(b)!, a, input) })));
  const adjusted = holm(tests.map((t) => t.pValue));
  const pairs = tests.map((t, k): PairTest => ({ a: t.a, b: t.b, pValue: t.pValue, pHolm: adjusted[k]! }));

  const comparisons = survivors
    .filter((p) => p !== best)
    .map((point): Comparison => {
      // Its pairs with a better survivor, strongest evidence first (adjusted p, raw p, then survivor order).
      const losses = pairs
        .map((pair, k) => ({ pair, other: pair.a === point ? pair.b : pair.a, worse: tests[k]!.better === (pair.a === point ? -1 : 1) }))
        .filter((x) => (x.pair.a === point || x.pair.b === point) && x.worse && x.pair.pHolm !== null)
        .sort((x, y) => x.pair.pHolm! - y.pair.pHolm! || x.pair.pValue! - y.pair.pValue! || survivors.indexOf(x.other) - survivors.indexOf(y.other));
      const strongest = losses[0];
      if (strongest === undefined) return { point, against: null, pValue: null, pHolm: null, rejected: false };
      const rejected = strongest.pair.pHolm! <= level;
      return { point, against: rejected ? strongest.other : null, pValue: strongest.pair.pValue, pHolm: strongest.pair.pHolm, rejected };
    });
  return {
    round,
    repeats,
    level,
    best,
    pairs,
    comparisons,
    eliminated: comparisons.filter((c) => c.rejected && c.point !== baseline).map((c) => c.point),
    contending: comparisons.filter((c) => !c.rejected).map((c) => c.point),
  };
}
