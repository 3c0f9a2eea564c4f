/**
 * One sample seen one value at a time, in O(1) memory: what summary.csv needs of a grid point's metric when its
 * runs are streamed from runs.csv (issue 13) instead of held in memory. Three running sums, each chosen so the
 * statistics equal their sample-based twins:
 * - the mean is simple-statistics' Kahan–Babuska sum (the algorithm of its `sum`, which `mean` divides by n),
 *   run in arrival order: fed the values in the same order, it is the same double as mean(); in another order it
 *   differs by rounding only (the compensated sum is accurate to an ulp or so whatever the order);
 * - m2 = Σ(x − x̄)² by Welford's update (moments.ts), for the variance and everything built on it;
 * - whether every value equals the first, so a constant sample has mean c and m2 0 exactly, as isConstant makes
 *   mean, sampleVariance and sampleStd give (sample.ts says why that matters for the tests).
 * Mutable on purpose: one per grid point and metric, updated once per run (a million times at scale).
 */
import { addValue, emptyMoments, type Moments } from './moments.js';

export class RunningSample {
  private count = 0;
  private first = 0;
  private constant = true;
  /** Kahan–Babuska (Neumaier) sum: the running total and its correction, as simple-statistics' sum. */
  private total = 0;
  private correction = 0;
  private welford: Moments = emptyMoments();

  /**
   * @param x the next value: a finite number
   * @throws {TypeError} when x is not a finite number
   */
  add(x: number): void {
    if (!(typeof x === 'number' && Number.isFinite(x))) throw new TypeError(`RunningSample.add: expected a finite number, found ${String(x)}`);
    this.welford = addValue(this.welford, x);
    if (this.count === 0) {
      this.first = x;
      this.total = x;
    } else {
      if (x !== this.first) this.constant = false;
      const next = this.total + x;
      this.correction += Math.abs(this.total) >= Math.abs(x) ? this.total - next + x : x - next + this.total;
      this.total = next;
    }
    this.count++;
  }

  /** Number of values. */
  get n(): number {
    return this.count;
  }

  /** The mean, as mean() of the values (exactly the first value of a constant sample); null when empty. */
  mean(): number | null {
    if (this.count === 0) return null;
    return this.constant ? this.first : (this.total + this.correction) / this.count;
  }

  /** n, the mean above and m2 (exactly 0 for a constant sample), for the statistics of moments.ts. */
  moments(): Moments {
    return { n: this.count, mean: this.mean() ?? 0, m2: this.constant ? 0 : this.welford.m2 };
  }
}
