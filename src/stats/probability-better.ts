import { checkPaired } from './paired.js';

/**
 * P(A>B), the probability that A beats B on a repeat, estimated as the share of paired repeats i in which
 * a_i beats b_i, a tie counting one half (Bouthillier et al. 2021, "Accounting for Variance in Machine
 * Learning Benchmarks", MLSys: the "probability of outperforming"):
 * P̂ = (#{a_i > b_i} + ½ #{a_i = b_i}) / n. ½ means a coin toss; Bouthillier et al. call γ = 0.75 meaningful.
 *
 * Ties are common and matter: an accuracy on a small test set is a multiple of 1/n_test (on 70 test points,
 * two repeats that differ by one point differ by 0.014), so repeats of two close configurations often score
 * exactly the same. Counting a tie as half a win keeps P̂ = ½ for identical configurations and makes
 * P̂(A>B) + P̂(B>A) = 1. Ties are exact equality: one metric computed the same way rounds to the same double.
 *
 * @param a the metric over A's repeats: at least one finite number
 * @param b the metric over B's repeats, repeat i paired with a's repeat i
 * @param lowerIsBetter when true, a_i beats b_i when it is lower (losses, errors); default false
 * @returns P̂ in [0, 1], a multiple of 1/(2n)
 * @throws {TypeError} when a value is not a finite number
 * @throws {RangeError} when a and b are empty or differ in length
 * @example
 * probabilityBetter([0.9, 0.8, 0.7, 0.6], [0.8, 0.8, 0.8, 0.8]); // => 0.375 (one win, one tie, two losses)
 * probabilityBetter([0.2, 0.3], [0.4, 0.3], true); // => 0.75 (lower loss wins)
 */
export function probabilityBetter(a: readonly number[], b: readonly number[], lowerIsBetter = false): number {
  checkPaired('probabilityBetter', a, b, 1);
  const scores = pairScores(a, b, lowerIsBetter);
  return scores.reduce((s, x) => s + x, 0) / scores.length;
}

/**
 * Each pair's share of a win for A: 1 (A beats B), ½ (tie) or 0. Sums of these are exact in a double, so
 * P̂ over any set of pairs has a single rounding (the division), whatever the order.
 */
export function pairScores(a: readonly number[], b: readonly number[], lowerIsBetter: boolean): Float64Array {
  const sign = lowerIsBetter ? -1 : 1;
  return Float64Array.from(a, (x, i) => {
    const d = sign * (x - b[i]!);
    return d > 0 ? 1 : d === 0 ? 0.5 : 0;
  });
}
