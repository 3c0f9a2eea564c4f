/**
 * data.shuffle: a table's rows in a seeded random order before the split, so a file sorted by its label (or
 * by anything) does not train on one kind of row and test on another.
 */
import type { Table } from '../dataset.js';
import { RandomState } from '../random-state.js';
import { shuffleRows } from '../shuffle-rows.js';

/**
 * The rows of `table` (features and labels together) in the order scikit-learn's
 * `sklearn.utils.shuffle(X, y, random_state=seed)` gives them, so a Python user can reproduce the split:
 * `X, y = shuffle(X, y, random_state=seed); X[:trainSize]` are the training rows.
 *
 * @param table the rows as read or generated
 * @param seed numpy RandomState seed, 0 ≤ seed < 2³²
 * @returns a new table; `table` is not changed
 * @example
 * shuffleTable({ nFeatures: 1, X: Float64Array.of(0, 1, 2, 3, 4), y: Float64Array.of(0, 1, 2, 3, 4) }, 1).y; // => [2, 1, 4, 0, 3], as numpy
 */
export function shuffleTable(table: Table, seed: number): Table {
  const { X, y } = shuffleRows(new RandomState(seed), table.X, table.nFeatures, table.y);
  return { nFeatures: table.nFeatures, X, y };
}
