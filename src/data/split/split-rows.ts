/**
 * data.split: which rows of a table train and which test, drawn from a split seed (issue 15). Each kind follows
 * its textbook definition, with numpy's legacy RandomState (data/random-state.ts) as the source of draws, so a
 * Python user can replay a split with `np.random.RandomState(seed)`:
 * - shuffle: a random permutation of the n rows; its first nTrain train, the rest test (train_test_split).
 * - stratified: each class's rows permuted (in class order 0, 1, ...), nTrain split over the classes in
 *   proportion to their sizes (floor, then the largest remainders, ties to the smaller class index), the same
 *   for the test rows; every class keeps its share on both sides.
 * - bootstrap: nTrain rows drawn with replacement (training repeats them), the rows never drawn test
 *   (out-of-bootstrap), so test rows are never training rows.
 * - kfold: a random permutation cut into k folds of ⌊n/k⌋ or ⌈n/k⌉ rows (the first n mod k folds one longer,
 *   as scikit-learn's KFold); fold f tests, the others train. Repeat r uses fold r mod k of the ⌊r/k⌋-th
 *   permutation, so each permutation's k repeats test every row exactly once.
 * Rows keep their table order within each side (the permutation picks them), so a split is a set, not an order;
 * the batch order is the `order` source's business.
 */
import type { SplitSpec } from '../../config/schema/data.js';
import { RandomState } from '../random-state.js';

/** The rows of one split, as indices into the table. */
export interface RowSplit {
  readonly train: Int32Array;
  readonly test: Int32Array;
}

/** Where one repeat's split comes from: the seed of its permutation and, for kfold, the fold that tests. */
export interface SplitDraw {
  readonly seed: number;
  readonly fold: number;
}

/**
 * The split of `n` rows of kind `spec` for one draw.
 * @param labels class labels (stratified only; ignored otherwise)
 */
export function splitRows(spec: SplitSpec, n: number, nTrain: number, draw: SplitDraw, labels?: ArrayLike<number>): RowSplit {
  const rng = new RandomState(draw.seed >>> 0);
  switch (spec.kind) {
    case 'shuffle': {
      const order = rng.permutation(n);
      return sides(n, order.subarray(0, nTrain));
    }
    case 'stratified':
      if (labels === undefined) throw new Error('splitRows: stratified needs the class labels');
      return sides(n, stratifiedTrain(labels, nTrain, rng));
    case 'bootstrap': {
      const train = new Int32Array(nTrain);
      for (let i = 0; i < nTrain; i++) train[i] = rng.interval(n - 1);
      const drawn = new Uint8Array(n);
      for (const i of train) drawn[i] = 1;
      const test: number[] = [];
      for (let i = 0; i < n; i++) if (!drawn[i]) test.push(i);
      train.sort();
      return { train, test: Int32Array.from(test) };
    }
    case 'kfold': {
      const order = rng.permutation(n);
      const fold = draw.fold % spec.k;
      const base = Math.floor(n / spec.k), extra = n % spec.k;
      const start = fold * base + Math.min(fold, extra);
      const size = base + (fold < extra ? 1 : 0);
      const test = order.slice(start, start + size).sort();
      const inTest = new Uint8Array(n);
      for (const i of test) inTest[i] = 1;
      const train: number[] = [];
      for (let i = 0; i < n; i++) if (!inTest[i]) train.push(i);
      return { train: Int32Array.from(train), test };
    }
  }
}

/** Training rows of a row subset; the test rows are every other row; both ascending. */
function sides(n: number, trainRows: ArrayLike<number>): RowSplit {
  const inTrain = new Uint8Array(n);
  for (let i = 0; i < trainRows.length; i++) inTrain[trainRows[i]!] = 1;
  const train: number[] = [], test: number[] = [];
  for (let i = 0; i < n; i++) (inTrain[i] ? train : test).push(i);
  return { train: Int32Array.from(train), test: Int32Array.from(test) };
}

/** How many rows of each class train: proportional shares, floor then largest remainders. */
export function stratifiedCounts(classSizes: readonly number[], nTrain: number): number[] {
  const n = classSizes.reduce((s, c) => s + c, 0);
  const exact = classSizes.map((c) => (c * nTrain) / n);
  const counts = exact.map(Math.floor);
  let left = nTrain - counts.reduce((s, c) => s + c, 0);
  const byRemainder = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left === 0) break;
    if (counts[i]! < classSizes[i]!) { counts[i]!++; left--; }
  }
  return counts;
}

function stratifiedTrain(labels: ArrayLike<number>, nTrain: number, rng: RandomState): number[] {
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i]!;
    const rows = byClass.get(c);
    if (rows) rows.push(i);
    else byClass.set(c, [i]);
  }
  const classes = [...byClass.keys()].sort((a, b) => a - b);
  const counts = stratifiedCounts(classes.map((c) => byClass.get(c)!.length), nTrain);
  const train: number[] = [];
  classes.forEach((c, ci) => {
    const rows = byClass.get(c)!;
    const order = rng.permutation(rows.length);
    for (let j = 0; j < counts[ci]!; j++) train.push(rows[order[j]!]!);
  });
  return train;
}

/** The classes (labels) that a split leaves without a training row: a model cannot learn them. */
export function classesMissingFromTraining(split: RowSplit, labels: ArrayLike<number>): number[] {
  const all = new Set<number>(), seen = new Set<number>();
  for (let i = 0; i < labels.length; i++) all.add(labels[i]!);
  for (const i of split.train) seen.add(labels[i]!);
  return [...all].filter((c) => !seen.has(c)).sort((a, b) => a - b);
}
