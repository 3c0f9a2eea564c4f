/** scikit-learn's make_blobs with integer `centers`: isotropic Gaussian clusters, the same doubles for the same arguments. */
import type { Table } from './dataset.js';
import { RandomState } from './random-state.js';
import { shuffleRows } from './shuffle-rows.js';

export interface BlobsOptions {
  readonly samples: number;
  /** n_features: dimensions of each point. */
  readonly features: number;
  /** Number of clusters; their centers are drawn uniformly from centerBox in every dimension. */
  readonly centers: number;
  /** cluster_std: standard deviation of every cluster. */
  readonly clusterStd: number;
  /** random_state: an integer in [0, 2^32 - 1]. */
  readonly seed: number;
  /** center_box: default (-10, 10), sklearn's. */
  readonly centerBox?: readonly [number, number];
  readonly shuffle?: boolean;
}

/**
 * Same numbers and row order as `sklearn.datasets.make_blobs(n_samples=samples, n_features=features,
 * centers=centers, cluster_std=clusterStd, center_box=centerBox, shuffle=shuffle, random_state=seed)`
 * (scikit-learn 1.2; sklearn/datasets/_samples_generator.py). Labels are the cluster indices 0..centers-1.
 * @throws RangeError for counts that are not positive integers (callers validate user input first).
 */
export function makeBlobs(opts: BlobsOptions): Table {
  const { samples, features, centers, clusterStd } = opts;
  for (const [name, v] of [['samples', samples], ['features', features], ['centers', centers]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`makeBlobs: ${name} must be a positive integer, got ${v}`);
  }
  const [low, high] = opts.centerBox ?? [-10, 10];
  const rng = new RandomState(opts.seed);
  // generator.uniform(low, high, size=(centers, features)): numpy's random_uniform is low + (high - low) * u.
  const centerAt = new Float64Array(centers * features);
  for (let i = 0; i < centerAt.length; i++) centerAt[i] = low + (high - low) * rng.randomSample();
  // int(n_samples // n_centers) each, and one more for the first n_samples % n_centers clusters.
  const perCenter = Array.from({ length: centers }, (_, i) => Math.floor(samples / centers) + (i < samples % centers ? 1 : 0));
  const X = new Float64Array(samples * features);
  const y = new Int32Array(samples);
  let row = 0;
  perCenter.forEach((n, c) => {
    // generator.normal(loc=centers[c], scale=std, size=(n, features)): C order, loc broadcast along rows.
    for (let r = 0; r < n; r++, row++) {
      for (let f = 0; f < features; f++) X[row * features + f] = rng.normal(centerAt[c * features + f]!, clusterStd);
      y[row] = c;
    }
  });
  if (opts.shuffle === false) return { nFeatures: features, X, y };
  const shuffled = shuffleRows(rng, X, features, y);
  return { nFeatures: features, X: shuffled.X, y: shuffled.y };
}
