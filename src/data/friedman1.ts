/**
 * scikit-learn's make_friedman1 (Friedman 1991, "Multivariate adaptive regression splines"): a regression
 * target from the first five of `features` uniform inputs,
 *   y = 10 sin(π x0 x1) + 20 (x2 - 0.5)² + 10 x3 + 5 x4 + noise · N(0, 1),
 * the remaining inputs being irrelevant. A small nonlinear regression problem a wide MLP overfits.
 */
import { crSin } from './correctly-rounded.js';
import type { Table } from './dataset.js';
import { RandomState } from './random-state.js';

export interface Friedman1Options {
  readonly samples: number;
  /** n_features, at least 5. */
  readonly features: number;
  /** Standard deviation of the Gaussian noise added to y. */
  readonly noise: number;
  readonly seed: number;
}

/**
 * Same numbers as `sklearn.datasets.make_friedman1(n_samples=samples, n_features=features, noise=noise,
 * random_state=seed)` (scikit-learn 1.2) computed with a correctly rounded sin (see correctly-rounded.ts).
 * @throws RangeError for fewer than 5 features or a sample count that is not a positive integer.
 */
export function makeFriedman1(opts: Friedman1Options): Table {
  const { samples, features, noise } = opts;
  if (!Number.isInteger(features) || features < 5) throw new RangeError(`makeFriedman1: features must be an integer >= 5, got ${features}`);
  if (!Number.isInteger(samples) || samples < 1) throw new RangeError(`makeFriedman1: samples must be a positive integer, got ${samples}`);
  const rng = new RandomState(opts.seed);
  const X = new Float64Array(samples * features);
  for (let i = 0; i < X.length; i++) X[i] = rng.randomSample();
  const y = new Float64Array(samples);
  for (let r = 0; r < samples; r++) {
    const x = (c: number) => X[r * features + c]!;
    const centered = x(2) - 0.5;
    // numpy evaluates left to right: (((a + b) + c) + d) + e, with ** 2 as a plain square.
    y[r] = 10 * crSin(Math.PI * x(0) * x(1)) + 20 * (centered * centered) + 10 * x(3) + 5 * x(4);
  }
  // noise * generator.standard_normal(size=n_samples) is drawn after X, even for noise = 0.
  for (let r = 0; r < samples; r++) y[r] = y[r]! + noise * rng.standardNormal();
  return { nFeatures: features, X, y };
}
