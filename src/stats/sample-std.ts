import { sampleStandardDeviation } from 'simple-statistics';
import { checkSample, isConstant } from './sample.js';

/**
 * The sample standard deviation, √(Σ(x − x̄)² / (n − 1)) (numpy's `std(ddof=1)`), from
 * [simple-statistics](https://simple-statistics.github.io/docs/#samplestandarddeviation); exactly 0 for a
 * constant sample (see isConstant).
 *
 * @param xs the sample: finite numbers
 * @returns the standard deviation, or null when n < 2
 * @throws {TypeError} when a value is not a finite number
 * @example
 * sampleStd([2, 4, 4, 4, 5, 5, 7, 9]); // => 2.138089935299395
 * sampleStd([0.8]); // => null
 */
export function sampleStd(xs: readonly number[]): number | null {
  checkSample('sampleStd', xs, 0);
  if (xs.length < 2) return null;
  return isConstant(xs) ? 0 : sampleStandardDeviation(xs as number[]);
}
