/**
 * Running moments of one sample in a mergeable form, for summaries that stream (issue 13): O(1) state per
 * grid point and metric, updated one run at a time (Welford) and combined across shards or workers in any
 * order (Chan et al.), with the statistics summary.csv needs computed from the moments alone.
 * Each function here equals its sample-based twin (mean, sampleVariance, welchPValue, ci95, cohensD) to
 * 1e-12 relative, and is exact where that one is: a constant sample has m2 = 0 exactly. One limit, measured:
 * for a sample whose mean dwarfs its spread (1e6 ± 1) the one-pass update keeps about 11 digits of the
 * variance (1e-11 relative; the two-pass sampleVariance is exact to an ulp there); the other reference samples
 * agree to 2e-14 or better.
 */
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import type { Interval } from './ci95.js';
import { checkSample } from './sample.js';

/** Two-sided 95 %, as ci95. */
const UPPER_TAIL = 0.975;

/** The moments of a sample: its size, mean and sum of squared deviations from the mean. */
export interface Moments {
  /** Number of values. */
  readonly n: number;
  /** Their mean (0 when n = 0). */
  readonly mean: number;
  /** Σ(x − mean)² (0 when n < 2, and exactly 0 for a constant sample). */
  readonly m2: number;
}

/** The moments of no values: the identity of mergeMoments. */
export function emptyMoments(): Moments {
  return { n: 0, mean: 0, m2: 0 };
}

/**
 * The moments with one more value, by Welford's (1962) update: δ = x − mean, mean' = mean + δ/(n + 1),
 * m2' = m2 + δ·(x − mean'). A constant sample stays exact: the first value sets mean = x, then δ = 0.
 *
 * @param m the moments so far
 * @param x the new value: a finite number
 * @returns new moments; m is not changed
 * @throws {TypeError} when x is not a finite number
 * @throws {RangeError} when m is not valid moments
 * @example
 * addValue(addValue(emptyMoments(), 1), 3); // => { n: 2, mean: 2, m2: 2 }
 */
export function addValue(m: Moments, x: number): Moments {
  checkMoments('addValue', m);
  if (!(typeof x === 'number' && Number.isFinite(x))) throw new TypeError(`addValue: expected a finite number, found ${String(x)}`);
  const n = m.n + 1;
  const delta = x - m.mean;
  const mean = m.mean + delta / n;
  return { n, mean, m2: m.m2 + delta * (x - mean) };
}

/**
 * The moments of two samples together, by Chan, Golub & LeVeque's (1979) pairwise formula:
 * δ = mean_b − mean_a, mean = mean_a + δ·n_b/n, m2 = m2_a + m2_b + δ²·n_a·n_b/n. Merging with empty
 * moments returns the other side unchanged; two chunks of the same constant merge to m2 = 0 exactly.
 *
 * @param a moments of one part
 * @param b moments of the other part
 * @returns the moments of both
 * @throws {RangeError} when a or b is not valid moments
 * @example
 * mergeMoments(momentsOf([1, 2]), momentsOf([3, 4])); // => { n: 4, mean: 2.5, m2: 5 }
 */
export function mergeMoments(a: Moments, b: Moments): Moments {
  checkMoments('mergeMoments', a);
  checkMoments('mergeMoments', b);
  if (a.n === 0) return b;
  if (b.n === 0) return a;
  const n = a.n + b.n;
  const delta = b.mean - a.mean;
  return { n, mean: a.mean + delta * (b.n / n), m2: a.m2 + b.m2 + delta * delta * ((a.n * b.n) / n) };
}

/**
 * The moments of a whole sample (Welford over xs in order).
 *
 * @param xs the sample: finite numbers (may be empty)
 * @throws {TypeError} when a value is not a finite number
 * @example
 * momentsOf([2, 4, 4, 4, 5, 5, 7, 9]); // => { n: 8, mean: 5, m2: 32 }
 */
export function momentsOf(xs: readonly number[]): Moments {
  checkSample('momentsOf', xs, 0);
  return xs.reduce(addValue, emptyMoments());
}

/**
 * The unbiased sample variance m2 / (n − 1), as sampleVariance.
 *
 * @returns the variance, or null when n < 2
 * @throws {RangeError} when m is not valid moments
 * @example
 * varianceOf(momentsOf([1, 2, 4])); // => 2.333333333333333
 */
export function varianceOf(m: Moments): number | null {
  checkMoments('varianceOf', m);
  return m.n < 2 ? null : m.m2 / (m.n - 1);
}

/**
 * Welch's two-sided p-value from the moments of the two samples, as welchPValue gives from the samples
 * themselves (null when a side has fewer than two values or both are constant: see welchPValue).
 *
 * @throws {RangeError} when a or b is not valid moments
 * @example
 * welchFromMoments(momentsOf([0.5, 0.75]), momentsOf([1, 2, 4])); // => 0.19026682699000766 (welchPValue: ...777)
 */
export function welchFromMoments(a: Moments, b: Moments): number | null {
  checkMoments('welchFromMoments', a);
  checkMoments('welchFromMoments', b);
  if (a.n < 2 || b.n < 2) return null;
  if (a.m2 === 0 && b.m2 === 0) return null;
  const va = varianceOf(a)! / a.n;
  const vb = varianceOf(b)! / b.n;
  const se2 = va + vb;
  const t = (a.mean - b.mean) / Math.sqrt(se2);
  // Welch–Satterthwaite degrees of freedom; a constant side contributes 0 and the other's n − 1 remains.
  const df = (se2 * se2) / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1));
  return 2 * tCdf(-Math.abs(t), df);
}

/**
 * The 95 % Student-t interval of the mean from moments, as ci95: mean ± t(0.975, n − 1)·√(m2/(n − 1)/n);
 * [mean, mean] for a constant sample, nulls for n = 1.
 *
 * @throws {RangeError} when m is not valid moments or n = 0 (as ci95 refuses an empty sample)
 * @example
 * ci95FromMoments(momentsOf([0.5, 0.75])); // => { low: -0.9632755920218368, high: 2.2132755920218368 }
 */
export function ci95FromMoments(m: Moments): Interval {
  checkMoments('ci95FromMoments', m);
  if (m.n === 0) throw new RangeError('ci95FromMoments: expected at least 1 value, found 0');
  if (m.n < 2) return { low: null, high: null };
  const halfWidth = tQuantile(UPPER_TAIL, m.n - 1) * Math.sqrt(varianceOf(m)! / m.n);
  return { low: m.mean - halfWidth, high: m.mean + halfWidth };
}

/**
 * Cohen's d of a sample against a baseline from their moments, as cohensD: (mean − mean_b) / s_pooled with
 * s_pooled = √((m2_b + m2) / (n_b + n − 2)); null when n_b + n < 3 or both samples are constant.
 *
 * @throws {RangeError} when either is not valid moments or has n = 0 (as cohensD refuses an empty sample)
 * @example
 * cohensDFromMoments(momentsOf([1, 2, 3]), momentsOf([3, 4, 5])); // => 2
 */
export function cohensDFromMoments(baseline: Moments, m: Moments): number | null {
  checkMoments('cohensDFromMoments', baseline);
  checkMoments('cohensDFromMoments', m);
  if (baseline.n === 0 || m.n === 0) throw new RangeError(`cohensDFromMoments: expected at least 1 value on each side, found ${baseline.n} and ${m.n}`);
  if (baseline.n + m.n < 3) return null;
  const pooled = Math.sqrt((baseline.m2 + m.m2) / (baseline.n + m.n - 2));
  if (pooled === 0) return null;
  return (m.mean - baseline.mean) / pooled;
}

/** Throws unless m has an integer n ≥ 0, a finite mean and a finite m2 ≥ 0; the message names the function. */
function checkMoments(name: string, m: Moments): void {
  if (typeof m !== 'object' || m === null) throw new RangeError(`${name}: expected moments { n, mean, m2 }, found ${String(m)}`);
  const { n, mean, m2 } = m;
  if (!(Number.isInteger(n) && n >= 0 && Number.isFinite(mean) && Number.isFinite(m2) && m2 >= 0)) {
    throw new RangeError(`${name}: expected moments with an integer n ≥ 0, a finite mean and a finite m2 ≥ 0, found ${JSON.stringify(m)}`);
  }
}
