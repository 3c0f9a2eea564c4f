import { sampleVariance as ssSampleVariance } from 'simple-statistics';
import { checkSample, isConstant } from './sample.js';

/**
 * The unbiased sample variance, Σ(x − x̄)² / (n − 1) (Bessel's correction, numpy's `var(ddof=1)`), from
 * [simple-statistics](https://simple-statistics.github.io/docs/#samplevariance); exactly 0 for a constant sample
 * (see isConstant).
 *
 * @param xs the sample: finite numbers
 * @returns the variance, or null when n < 2 (one value says nothing about spread)
 * @throws {TypeError} when a value is not a finite number
 * @example
 * sampleVariance([1, 2, 4]); // => 2.333333333333333
 * sampleVariance([0.8]); // => null
 */
export function sampleVariance(xs: readonly number[]): number | null {
  checkSample('sampleVariance', xs, 0);
  if (xs.length < 2) return null;
  return isConstant(xs) ? 0 : ssSampleVariance(xs as number[]);
}
