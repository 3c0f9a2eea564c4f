/**
 * data.trainSize as a row count: a count stays as it is, a fraction f in (0, 1) of n rows trains floor(f · n)
 * rows, as scikit-learn's train_test_split(train_size=f) does (its _validate_shuffle_split, checked with
 * scikit-learn 1.2.1: 0.7 of 569 rows is 398, 0.29 of 100 is 28, since 0.29 · 100 is 28.999999999999996).
 */

/** Whether a trainSize is a fraction of the rows rather than a count. */
export function isFraction(trainSize: number): boolean {
  return trainSize > 0 && trainSize < 1;
}

/**
 * @param trainSize a whole number of rows, or a fraction in (0, 1)
 * @param rows the table's row count
 * @returns the number of rows that train (may be 0 or ≥ rows: the caller says what is wrong)
 * @example
 * trainRows(0.7, 569); // => 398
 * trainRows(30, 100); // => 30
 */
export function trainRows(trainSize: number, rows: number): number {
  return isFraction(trainSize) ? Math.floor(trainSize * rows) : trainSize;
}
