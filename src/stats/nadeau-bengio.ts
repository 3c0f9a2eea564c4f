import { checkSample } from './sample.js';
import { sampleVariance } from './sample-variance.js';

/**
 * The Nadeau–Bengio (2003) corrected variance of the mean of n differences from resampled train/test
 * splits: (1/n + n_test/n_train) · s_d², where s_d² is the sample variance (n − 1) of the differences.
 *
 * Why: when every repeat draws a new split of the same data, the training sets overlap, so the differences
 * are positively correlated and s_d²/n underestimates the variance of their mean (Dietterich 1998 showed
 * the resulting t-test rejects far too often). Nadeau & Bengio ("Inference for the Generalization Error",
 * Machine Learning 52, 2003) bound the correlation by n_test/n_train, which gives this correction; with
 * testTrainRatio = 0 it is the plain s_d²/n.
 *
 * @param differences the per-repeat differences d_i = a_i − b_i: at least two finite numbers
 * @param testTrainRatio n_test / n_train of the splits: a finite number ≥ 0
 * @returns the corrected variance of the mean difference (exactly 0 when the differences are constant)
 * @throws {RangeError} when there are fewer than two differences, or testTrainRatio is negative or not finite
 * @throws {TypeError} when a difference is not a finite number
 * @example
 * // s² = 2.5, n = 5, 100 test rows and 400 training rows: (1/5 + 1/4) · 2.5
 * nadeauBengioVariance([1, 2, 3, 4, 5], 100 / 400); // => 1.125
 */
export function nadeauBengioVariance(differences: readonly number[], testTrainRatio: number): number {
  checkSample('nadeauBengioVariance', differences, 2);
  checkTestTrainRatio('nadeauBengioVariance', testTrainRatio);
  return (1 / differences.length + testTrainRatio) * sampleVariance(differences)!;
}

/** Throws unless ratio is a finite number ≥ 0; the message names the statistic. */
export function checkTestTrainRatio(name: string, ratio: number): void {
  if (!(typeof ratio === 'number' && Number.isFinite(ratio) && ratio >= 0)) {
    throw new RangeError(`${name}: expected testTrainRatio (n_test / n_train) to be a finite number ≥ 0, found ${String(ratio)}`);
  }
}
