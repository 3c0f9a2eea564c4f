/** Input checks shared by the statistics in this folder, so every one fails the same way on bad input. */

/**
 * Throws unless `xs` is an array of at least `minLength` finite numbers. The message names the statistic.
 *
 * @param name the statistic's function name, for the message
 * @param xs the sample
 * @param minLength fewest values the statistic accepts
 * @throws {TypeError} when xs is not an array of finite numbers
 * @throws {RangeError} when xs has fewer than minLength values
 */
export function checkSample(name: string, xs: readonly number[], minLength = 1): void {
  if (!Array.isArray(xs)) throw new TypeError(`${name}: expected an array of numbers, found ${typeof xs}`);
  if (xs.length < minLength) throw new RangeError(`${name}: expected at least ${minLength} value(s), found ${xs.length}`);
  const bad = xs.findIndex((x) => typeof x !== 'number' || !Number.isFinite(x));
  if (bad >= 0) throw new TypeError(`${name}: expected finite numbers, found ${String(xs[bad])} at index ${bad}`);
}

/**
 * True when every value equals the first (an empty sample counts as constant).
 *
 * Why it matters: floating-point summation does not return c for the mean of [c, c, ..., c]
 * (simple-statistics gives 0.8000000000000002 for six 0.8s, numpy 0.7999999999999998), so a sample with no
 * spread gets a variance of about 1e-32. Tests on such a variance report nonsense: scipy's Welch test gives
 * p = 0.076 for six 0.8s against four 0.8s. Repeats that all score the same accuracy are common in sweeps,
 * so the statistics here treat a constant sample exactly: mean c, variance 0.
 */
export function isConstant(xs: readonly number[]): boolean {
  return xs.every((x) => x === xs[0]);
}
