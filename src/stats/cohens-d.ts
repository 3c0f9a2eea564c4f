import { mean } from './mean.js';
import { checkSample } from './sample.js';
import { sampleVariance } from './sample-variance.js';

/**
 * Cohen's d of `samples` against `baseline`: (x̄ − b̄) / s_pooled, with the pooled sample standard deviation
 * s_pooled = √(((n_b − 1)·s_b² + (n_x − 1)·s_x²) / (n_b + n_x − 2)). Positive when samples score higher.
 * (No library function: scipy has none either; the reference values are numpy arithmetic.)
 *
 * @param baseline the baseline sample: at least one finite number
 * @param samples the compared sample: at least one finite number
 * @returns d, or null when n_b + n_x < 3 (no pooled variance) or both samples are constant (s_pooled = 0)
 * @throws {RangeError} when a sample is empty
 * @throws {TypeError} when a value is not a finite number
 * @example
 * cohensD([1, 2, 3], [3, 4, 5]); // => 2
 */
export function cohensD(baseline: readonly number[], samples: readonly number[]): number | null {
  checkSample('cohensD', baseline, 1);
  checkSample('cohensD', samples, 1);
  const nb = baseline.length;
  const nx = samples.length;
  if (nb + nx < 3) return null;
  // A one-value side adds nothing to the pooled sum of squares but still gives its mean.
  const ssb = nb > 1 ? (nb - 1) * sampleVariance(baseline)! : 0;
  const ssx = nx > 1 ? (nx - 1) * sampleVariance(samples)! : 0;
  const pooled = Math.sqrt((ssb + ssx) / (nb + nx - 2));
  if (pooled === 0) return null;
  return (mean(samples) - mean(baseline)) / pooled;
}
