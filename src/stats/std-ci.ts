import gammaincinv from '@stdlib/math-base-special-gammaincinv';
import { checkSample } from './sample.js';
import { sampleStd } from './sample-std.js';

/**
 * The confidence interval of a standard deviation under normality: (n − 1)s² / σ² follows χ² with n − 1
 * degrees of freedom, so σ lies in [s·√((n−1)/χ²₁₋α/₂), s·√((n−1)/χ²α/₂)] with probability 1 − α. The χ²
 * quantile is 2·P⁻¹(k/2, p), the inverse regularized lower incomplete gamma of
 * [@stdlib](https://github.com/stdlib-js/math-base-special-gammaincinv); checked against scipy 1.17's
 * `chi2.ppf` (test/stats/std-ci.test.ts). A standard deviation from 10 runs is uncertain by about −31 %/+83 %:
 * `sweep variance` shows this interval so that two sources' spreads are not compared on noise.
 *
 * @param xs the sample: finite numbers
 * @param level the coverage, in (0, 1); default 0.95
 * @returns { std, low, high }, or null when n < 2
 * @throws {TypeError} when a value is not a finite number or the level is outside (0, 1)
 * @example
 * stdCi([0.80, 0.82, 0.79, 0.81, 0.84]); // => { std: 0.0192…, low: 0.0115…, high: 0.0552… }
 */
export function stdCi(xs: readonly number[], level = 0.95): { std: number; low: number; high: number } | null {
  checkSample('stdCi', xs, 0);
  if (!(level > 0 && level < 1)) throw new TypeError(`stdCi: expected a level in (0, 1), found ${level}`);
  const std = sampleStd(xs);
  if (std === null) return null;
  const df = xs.length - 1;
  const tail = (1 - level) / 2;
  const chi2 = (p: number) => 2 * gammaincinv(p, df / 2);
  return { std, low: std * Math.sqrt(df / chi2(1 - tail)), high: std * Math.sqrt(df / chi2(tail)) };
}
