/**
 * The five numbers of a Tukey box plot for one grid point, from a stream of values in bounded memory. Values
 * are counted exactly, as a histogram of distinct values, up to EXACT_LIMIT distinct ones: an accuracy on 70
 * test rows has at most 71, so its quartiles stay exact at any number of runs (a t-digest would interpolate
 * between those steps, off by a third of one at 200,000 runs). Past the limit (a continuous metric such as a
 * loss) the histogram goes into a t-digest (Dunning's streaming quantile sketch, the `tdigest` package) and
 * every later value with it. Exact quartiles are vega-lite's own (linear interpolation between order
 * statistics: d3's quantile, R's type 7, numpy's default), so a point with few runs draws the same box as before.
 */
import { createRequire } from 'node:module';

/** Up to this many distinct values per point are counted exactly: about 40 KB per point at most. */
export const EXACT_LIMIT = 1000;
/** Whiskers reach the furthest value within this many IQRs of the box (Tukey; vega-lite's `extent: 1.5`). */
export const WHISKER_IQR = 1.5;
/** tdigest's default compression (delta 0.01: about 100 centroids' worth of accuracy in the tails). */
const DIGEST_DELTA = 0.01;

interface TDigestLike {
  push(x: number, n?: number): void;
  percentile(p: number): number;
}
// tdigest is CommonJS without types: its constructor and the two methods used here. Automatic recompression
// is off (K = 0) because tdigest's compress() shuffles with Math.random: the same runs must draw the same page.
const { TDigest } = createRequire(import.meta.url)('tdigest') as { TDigest: new (delta: number, K: number) => TDigestLike };

export interface BoxStats {
  readonly n: number;
  readonly q1: number;
  readonly median: number;
  readonly q3: number;
  /** Whisker ends: the most extreme values within 1.5 IQR of the box (exact), or the fences clipped to the data's range (sketch). */
  readonly lower: number;
  readonly upper: number;
  readonly min: number;
  readonly max: number;
  /** true: quartiles and whiskers from every value; false: from the t-digest. */
  readonly exact: boolean;
}

/** The p-quantile of sorted values, interpolating linearly between order statistics (R type 7, d3.quantile). */
export function quantileSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error('quantileSorted: no values');
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** The p-quantile of a histogram (distinct values ascending, their counts), as quantileSorted of its values. */
function quantileCounted(values: readonly number[], counts: readonly number[], n: number, p: number): number {
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  // The order statistics lo and lo + 1 (0-based), found in one walk over the cumulative counts.
  let seen = 0;
  let atLo = NaN;
  for (let i = 0; i < values.length; i++) {
    seen += counts[i]!;
    if (Number.isNaN(atLo) && seen > lo) atLo = values[i]!;
    if (seen > lo + 1 || (seen > lo && lo + 1 >= n)) return atLo + (h - lo) * (values[i]! - atLo);
  }
  return atLo;
}

/** One grid point's values, seen one at a time. */
export class BoxAccumulator {
  private counts: Map<number, number> | null = new Map();
  private digest: TDigestLike | null = null;
  private count = 0;
  private lo = Infinity;
  private hi = -Infinity;

  add(value: number): void {
    if (!Number.isFinite(value)) return;
    this.count++;
    if (value < this.lo) this.lo = value;
    if (value > this.hi) this.hi = value;
    if (this.counts !== null) {
      this.counts.set(value, (this.counts.get(value) ?? 0) + 1);
      if (this.counts.size <= EXACT_LIMIT) return;
      // Past the limit: the histogram into the sketch, and from now on only the sketch.
      this.digest = new TDigest(DIGEST_DELTA, 0);
      for (const [v, c] of this.counts) this.digest.push(v, c);
      this.counts = null;
      return;
    }
    this.digest!.push(value);
  }

  get n(): number {
    return this.count;
  }

  /** The box of the values so far, or null before the first. */
  box(): BoxStats | null {
    if (this.count === 0) return null;
    if (this.counts !== null) {
      const values = [...this.counts.keys()].sort((a, b) => a - b);
      const counts = values.map((v) => this.counts!.get(v)!);
      const q = (p: number) => quantileCounted(values, counts, this.count, p);
      const q1 = q(0.25);
      const q3 = q(0.75);
      const iqr = q3 - q1;
      const inside = values.filter((v) => v >= q1 - WHISKER_IQR * iqr && v <= q3 + WHISKER_IQR * iqr);
      return { n: this.count, q1, median: q(0.5), q3, lower: inside[0]!, upper: inside[inside.length - 1]!, min: this.lo, max: this.hi, exact: true };
    }
    const digest = this.digest!;
    // The sketch interpolates inside its centroids; its extremes are clipped to the values really seen.
    const clip = (v: number) => Math.min(this.hi, Math.max(this.lo, v));
    const q1 = clip(digest.percentile(0.25));
    const q3 = clip(digest.percentile(0.75));
    const iqr = q3 - q1;
    return { n: this.count, q1, median: clip(digest.percentile(0.5)), q3, lower: clip(q1 - WHISKER_IQR * iqr), upper: clip(q3 + WHISKER_IQR * iqr), min: this.lo, max: this.hi, exact: false };
  }
}
