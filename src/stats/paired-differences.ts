/**
 * The paired t-test's p-value of one grid point against the baseline, from a running summary of the per-repeat
 * differences d = a − b in O(1) memory: what summary.csv's `m_p_value` is in a paired study for each metric but
 * the sort metric (whose comparison keeps every repeat: compare-points.ts). It is comparePaired(a, b).pValue
 * (pairedT's p, Nadeau–Bengio-corrected when asked) computed from
 * - n, the mean of d (RunningSample: simple-statistics' mean, exact for constant differences) and m2 (Welford);
 * - min and max of d and max |a|, |b|, for pairedT's "all differences equal up to rounding" (paired.ts), which
 *   then has no test; their plain sum, for comparePaired's p of 1 (mean exactly 0) or 0 (any other constant).
 * Fed the pairs in repeat order it gives comparePaired's p to rounding of the variance (1e-15 relative here);
 * checked against it on random and tied samples in test/stats/paired-differences.test.ts.
 */
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import { checkTestTrainRatio } from './nadeau-bengio.js';
import { RunningSample } from './running-sample.js';

/** As paired.ts's ROUNDING_EPSILONS: differences this many ε·max|input| apart are the same value. */
const ROUNDING_EPSILONS = 8;

export class PairedDifferences {
  private readonly d = new RunningSample();
  private plainSum = 0;
  private low = Infinity;
  private high = -Infinity;
  private scale = 0;

  /**
   * One more repeat both points finished.
   * @param a this point's value at the repeat
   * @param b the baseline's value at the same repeat
   * @throws {TypeError} when a or b is not a finite number
   */
  add(a: number, b: number): void {
    if (!(Number.isFinite(a) && Number.isFinite(b))) throw new TypeError(`PairedDifferences.add: expected finite numbers, found ${String(a)} and ${String(b)}`);
    const d = a - b;
    this.d.add(d);
    this.plainSum += d;
    if (d < this.low) this.low = d;
    if (d > this.high) this.high = d;
    this.scale = Math.max(this.scale, Math.abs(a), Math.abs(b));
  }

  /** Repeats both points finished. */
  get n(): number {
    return this.d.n;
  }

  /**
   * The two-sided paired t p-value, as comparePaired(a, b, { testTrainRatio }).pValue: null for no pair or one;
   * 1 or 0 when every difference is the same value up to rounding (mean exactly 0, or not); else pairedT's p.
   *
   * @param testTrainRatio n_test / n_train of re-split repeats (Nadeau–Bengio); absent for a fixed split
   * @throws {RangeError} when testTrainRatio is negative or not finite
   */
  pValue(testTrainRatio?: number): number | null {
    if (testTrainRatio !== undefined) checkTestTrainRatio('PairedDifferences.pValue', testTrainRatio);
    const n = this.d.n;
    if (n < 2) return null;
    if (this.high - this.low <= ROUNDING_EPSILONS * Number.EPSILON * this.scale) return this.plainSum / n === 0 ? 1 : 0;
    const { mean, m2 } = this.d.moments();
    const variance = m2 / (n - 1);
    const standardError = Math.sqrt(testTrainRatio === undefined ? variance / n : (1 / n + testTrainRatio) * variance);
    const t = mean / standardError;
    return Math.min(1, 2 * tCdf(-Math.abs(t), n - 1));
  }
}
