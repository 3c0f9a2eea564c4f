import ttest2 from '@stdlib/stats-ttest2';
import { checkSample, isConstant } from './sample.js';

/**
 * The two-sided p-value of Welch's t-test (unequal variances, Welch–Satterthwaite degrees of freedom) for
 * equal means of x and y, from `@stdlib/stats-ttest2` (Welch by default), as scipy's
 * `ttest_ind(x, y, equal_var=False).pvalue`. Symmetric in x and y.
 *
 * Null when the test is undefined:
 * - a side has fewer than 2 values (no variance estimate);
 * - both sides are constant: the t statistic's standard error and its degrees of freedom are 0/0. scipy then
 *   gives nan (equal means) or 0 (different means), and rounding-dependent nonsense for constants whose float
 *   mean is off by an ulp (see isConstant); none of these is evidence, so this returns null.
 * One constant side is fine: the other side's variance carries the test (df = its n − 1).
 *
 * @param x first sample: finite numbers
 * @param y second sample: finite numbers
 * @returns p in [0, 1], or null
 * @throws {TypeError} when a value is not a finite number
 * @example
 * welchPValue([0.5, 0.75], [1, 2, 4]); // => 0.19026682699000777
 * welchPValue([0.8], [0.9, 0.95]); // => null
 */
export function welchPValue(x: readonly number[], y: readonly number[]): number | null {
  checkSample('welchPValue', x, 0);
  checkSample('welchPValue', y, 0);
  if (x.length < 2 || y.length < 2) return null;
  if (isConstant(x) && isConstant(y)) return null;
  return ttest2(x as number[], y as number[]).pValue;
}
