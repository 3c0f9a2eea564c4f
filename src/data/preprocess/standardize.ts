/**
 * data.standardize: z-scores of every feature, with the mean and standard deviation of the training rows only,
 * applied to the training and the test rows alike (what scikit-learn's StandardScaler().fit(train) then
 * .transform(train) and .transform(test) compute). Statistics from the test rows would leak them into training.
 * Called on whatever split a run uses, so a study that re-splits per repeat standardizes each split anew.
 */
import type { Table } from '../dataset.js';

/** The rows that train and the rows that test, before they become float32 (see dataset.ts). */
export interface Split {
  readonly train: Table;
  readonly test: Table;
}

/** Per-feature centre and scale, as StandardScaler's mean_ and scale_. */
export interface Scaling {
  readonly mean: Float64Array;
  readonly scale: Float64Array;
}

/** Machine epsilon of float64 (numpy's np.finfo(np.float64).eps). */
const EPS = 2 ** -52;

/**
 * Mean and population standard deviation (ddof 0) of each column, computed as scikit-learn 1.2's
 * _incremental_mean_and_var does for one batch (the mean, then the corrected two-pass variance); a column that
 * is constant to within that algorithm's rounding error (its _is_constant_feature) gets scale 1, so it becomes
 * 0 rather than noise divided by a tiny number.
 *
 * @param rows the training rows; at least one
 * @throws {RangeError} when there are no rows
 */
export function fitScaling(rows: Table): Scaling {
  const d = rows.nFeatures;
  const n = rows.y.length;
  if (n === 0) throw new RangeError('fitScaling: expected at least one training row');
  const mean = new Float64Array(d);
  const scale = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += rows.X[i * d + j]!;
    const m = sum / n;
    let correction = 0;
    let squares = 0;
    for (let i = 0; i < n; i++) {
      const t = rows.X[i * d + j]! - m;
      correction += t;
      squares += t * t;
    }
    const variance = (squares - (correction * correction) / n) / n;
    const constant = variance <= n * EPS * variance + (n * m * EPS) ** 2;
    mean[j] = m;
    scale[j] = constant ? 1 : Math.sqrt(variance);
  }
  return { mean, scale };
}

/** (x − mean) / scale for every value of `rows`. */
export function applyScaling(rows: Table, { mean, scale }: Scaling): Table {
  const d = rows.nFeatures;
  const X = new Float64Array(rows.X.length);
  for (let k = 0; k < X.length; k++) X[k] = (rows.X[k]! - mean[k % d]!) / scale[k % d]!;
  return { nFeatures: d, X, y: rows.y };
}

/**
 * Standardizes a split with the training rows' statistics.
 *
 * @param split training and test rows of one run
 * @returns new tables; the labels are shared, not copied
 * @example
 * standardize({ train: { nFeatures: 1, X: Float64Array.of(1, 3), y }, test: { nFeatures: 1, X: Float64Array.of(5), y: y2 } });
 * // train X => [-1, 1], test X => [3]
 */
export function standardize(split: Split): Split {
  const scaling = fitScaling(split.train);
  return { train: applyScaling(split.train, scaling), test: applyScaling(split.test, scaling) };
}
