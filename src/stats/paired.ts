/**
 * Paired samples (repeat i of A against repeat i of B): the checks and differences shared by the paired
 * statistics in this folder, so every one fails the same way on bad input and sees the same ties.
 */
import { checkSample } from './sample.js';

/**
 * How far apart two differences a_i − b_i may be and still count as the same value, in units of
 * Number.EPSILON times the largest |input|.
 *
 * Why: metrics are rounded before we see them. Accuracies on 70 test points are k/70 rounded to a double,
 * so a point that wins by exactly one test point in every repeat has differences 0.014285714285714285,
 * 0.014285714285714287, 0.01428571428571429, ... (8 distinct doubles over k = 0..69). Taken at face value
 * they have a standard deviation of about 1e-17 and a paired t of about 1e15 (scipy's ttest_rel reports
 * p ≈ 0), and the Wilcoxon test breaks ties that are really there. Each input carries at most ½ ulp
 * (ε/2·|x|) of rounding, so a difference is off by at most about 2ε·max|x| and two differences of the same
 * true value differ by at most about 4ε·max|x|; 8 leaves a margin. Real differences between repeats of a
 * metric are never that small (a spread of 1e-15 relative).
 */
const ROUNDING_EPSILONS = 8;

/**
 * Throws unless `a` and `b` are arrays of finite numbers of the same length (at least `minLength`).
 *
 * @param name the statistic's function name, for the message
 * @throws {TypeError} when a value is not a finite number
 * @throws {RangeError} when the lengths differ or are below minLength
 */
export function checkPaired(name: string, a: readonly number[], b: readonly number[], minLength = 0): void {
  checkSample(name, a, minLength);
  checkSample(name, b, minLength);
  if (a.length !== b.length) throw new RangeError(`${name}: expected paired samples of equal length, found ${a.length} and ${b.length} values`);
}

/** d_i = a_i − b_i, the per-repeat differences (as numpy's `a - b`). */
export function differences(a: readonly number[], b: readonly number[]): number[] {
  return a.map((x, i) => x - b[i]!);
}

/** The largest gap between differences that is rounding of the inputs, not spread (see ROUNDING_EPSILONS). */
export function roundingTolerance(a: readonly number[], b: readonly number[]): number {
  let scale = 0;
  for (let i = 0; i < a.length; i++) scale = Math.max(scale, Math.abs(a[i]!), Math.abs(b[i]!));
  return ROUNDING_EPSILONS * Number.EPSILON * scale;
}

/** True when every value lies within `tolerance` of every other (max − min ≤ tolerance). */
export function allWithin(xs: readonly number[], tolerance: number): boolean {
  return Math.max(...xs) - Math.min(...xs) <= tolerance;
}

/**
 * Non-negative values with rounding-level gaps closed: sorted, each run of values whose successive gaps are
 * at most `tolerance` takes the run's smallest value, and values within `tolerance` of 0 become 0. Equal
 * outputs are then exactly the ties a rank test should see.
 *
 * @param magnitudes values ≥ 0 (e.g. |d_i|)
 * @param tolerance the largest gap that is rounding (roundingTolerance)
 * @returns the snapped values, in the input's order
 * @example
 * snapTies([0.3, 1e-17, 0.30000000000000004, 0.5], 1e-15); // => [0.3, 0, 0.3, 0.5]
 */
export function snapTies(magnitudes: readonly number[], tolerance: number): number[] {
  const order = magnitudes.map((_, i) => i).sort((i, j) => magnitudes[i]! - magnitudes[j]!);
  const out = magnitudes.slice();
  // 0 starts the first run, so magnitudes within tolerance of 0 are zeros.
  let representative = 0;
  let previous = 0;
  for (const i of order) {
    const v = magnitudes[i]!;
    if (v - previous > tolerance) representative = v;
    out[i] = representative;
    previous = v;
  }
  return out;
}
