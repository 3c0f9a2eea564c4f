import { mean as ssMean } from 'simple-statistics';
import { checkSample, isConstant } from './sample.js';

/**
 * The arithmetic mean, Σx / n ([simple-statistics](https://simple-statistics.github.io/docs/#mean)), exact for
 * a constant sample (see isConstant).
 *
 * @param xs the sample: at least one finite number
 * @returns the mean
 * @throws {RangeError} when xs is empty
 * @throws {TypeError} when a value is not a finite number
 * @example
 * mean([0.8, 0.9, 1]); // => 0.9
 */
export function mean(xs: readonly number[]): number {
  checkSample('mean', xs, 1);
  return isConstant(xs) ? xs[0]! : ssMean(xs as number[]);
}
