import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { mean } from './mean.js';
import { checkSample } from './sample.js';
import { sampleStd } from './sample-std.js';

/** Two-sided 95 %: the interval leaves 2.5 % of the t distribution on each side. */
const UPPER_TAIL = 0.975;

export interface Interval {
  readonly low: number | null;
  readonly high: number | null;
}

/**
 * The 95 % confidence interval of the mean from Student's t distribution:
 * x̄ ± t(0.975, n − 1) · s / √n, as scipy's `t.interval(0.95, n - 1, loc=mean, scale=sem)`.
 *
 * A constant sample gives [x̄, x̄] (no spread seen; the interval says nothing about repeats not run).
 *
 * @param xs the sample: at least one finite number
 * @returns the bounds, both null when n < 2 (no spread can be estimated from one value)
 * @throws {RangeError} when xs is empty
 * @throws {TypeError} when a value is not a finite number
 * @example
 * ci95([0.5, 0.75]); // => { low: -0.9632755920218368, high: 2.2132755920218368 }
 */
export function ci95(xs: readonly number[]): Interval {
  checkSample('ci95', xs, 1);
  const s = sampleStd(xs);
  if (s === null) return { low: null, high: null };
  const m = mean(xs);
  const halfWidth = tQuantile(UPPER_TAIL, xs.length - 1) * (s / Math.sqrt(xs.length));
  return { low: m - halfWidth, high: m + halfWidth };
}
