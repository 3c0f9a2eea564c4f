/**
 * The part make_circles and make_moons share (sklearn/datasets/_samples_generator.py): stack the outer
 * points (label 0) before the inner ones (label 1), shuffle the rows with sklearn.utils.shuffle, then add
 * Gaussian noise, all from one RandomState(seed) in that order.
 */
import type { Table } from './dataset.js';
import { RandomState } from './random-state.js';

/** Points of one class as two coordinate arrays of equal length. */
export interface Points {
  readonly x: Float64Array;
  readonly y: Float64Array;
}

export interface TwoClassOptions {
  /** Standard deviation of the noise; undefined draws none (sklearn's noise=None). */
  readonly noise: number | undefined;
  readonly seed: number;
  readonly shuffle: boolean;
}

/** Rows [outer; inner] with labels 0 then 1, shuffled and noised the way sklearn does it. */
export function twoClassTable(outer: Points, inner: Points, opts: TwoClassOptions): Table {
  const nOut = outer.x.length;
  const n = nOut + inner.x.length;
  const rng = new RandomState(opts.seed);
  // sklearn.utils.shuffle -> resample(replace=False): indices = arange(n); random_state.shuffle(indices); X[indices].
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (opts.shuffle) rng.shuffle(order);
  const X = new Float64Array(2 * n);
  const y = new Int32Array(n);
  for (let row = 0; row < n; row++) {
    const src = order[row]!;
    const inInner = src >= nOut;
    const k = inInner ? src - nOut : src;
    X[2 * row] = inInner ? inner.x[k]! : outer.x[k]!;
    X[2 * row + 1] = inInner ? inner.y[k]! : outer.y[k]!;
    y[row] = inInner ? 1 : 0;
  }
  // X += generator.normal(scale=noise, size=X.shape): draws in row-major order, each 0.0 + noise·gauss.
  if (opts.noise !== undefined) for (let i = 0; i < X.length; i++) X[i] = X[i]! + rng.normal(0.0, opts.noise);
  return { nFeatures: 2, X, y };
}
