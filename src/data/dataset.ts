/**
 * A dataset ready for training: row-major float32 features and labels, split into train and test rows
 * the way the tutorial splits (first trainSize rows train, the rest test).
 */
export interface Dataset {
  /** Number of input features per row. */
  readonly nFeatures: number;
  readonly nTrain: number;
  readonly nTest: number;
  /** nTrain × nFeatures, row-major. */
  readonly xTrain: Float32Array;
  /** nTrain labels (0/1 for binary classification). */
  readonly yTrain: Float32Array;
  /** nTest × nFeatures, row-major. */
  readonly xTest: Float32Array;
  readonly yTest: Float32Array;
}

/** A generated or loaded table before the split: n rows of `nFeatures` doubles and a label each. */
export interface Table {
  readonly nFeatures: number;
  /** n × nFeatures, row-major, float64 as numpy gives them. */
  readonly X: Float64Array;
  readonly y: Int32Array | Float64Array;
}

/** The first `trainSize` rows of a table (train) and the rest (test), still float64 (views, not copies). */
export function splitRows(table: Table, trainSize: number): { train: Table; test: Table } {
  const d = table.nFeatures;
  return {
    train: { nFeatures: d, X: table.X.subarray(0, trainSize * d), y: table.y.subarray(0, trainSize) },
    test: { nFeatures: d, X: table.X.subarray(trainSize * d), y: table.y.subarray(trainSize) },
  };
}

/** Training and test rows as the engines take them: float32. */
export function toDataset(train: Table, test: Table): Dataset {
  return {
    nFeatures: train.nFeatures,
    nTrain: train.y.length,
    nTest: test.y.length,
    xTrain: Float32Array.from(train.X),
    yTrain: Float32Array.from(train.y),
    xTest: Float32Array.from(test.X),
    yTest: Float32Array.from(test.y),
  };
}

/** Splits a table into the first `trainSize` rows (train) and the rest (test), as float32. */
export function splitTable(table: Table, trainSize: number): Dataset {
  const { train, test } = splitRows(table, trainSize);
  return toDataset(train, test);
}
