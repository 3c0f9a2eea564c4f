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

/** Splits a table into the first `trainSize` rows (train) and the rest (test), as float32. */
export function splitTable(table: Table, trainSize: number): Dataset {
  const n = table.y.length;
  const d = table.nFeatures;
  return {
    nFeatures: d,
    nTrain: trainSize,
    nTest: n - trainSize,
    xTrain: Float32Array.from(table.X.subarray(0, trainSize * d)),
    yTrain: Float32Array.from(table.y.subarray(0, trainSize)),
    xTest: Float32Array.from(table.X.subarray(trainSize * d)),
    yTest: Float32Array.from(table.y.subarray(trainSize)),
  };
}
