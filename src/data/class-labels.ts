/**
 * Labels read from a CSV file against the model's task: multiclass labels are class indices 0, 1, ..., k-1,
 * and when a column does not fit the task, the message says which model.task does fit it.
 */
import { inputError } from '../errors.js';

/** A label column with more distinct values than this, and fewer rows than ROWS_PER_CLASS per value, is no class label. */
const MANY_CLASSES = 20;
const ROWS_PER_CLASS = 5;

/** What a label column holds, in words, and the model.task that reads it; for the end of an error message. */
export function labelColumnHint(cells: readonly string[]): string {
  const distinct = [...new Set(cells)];
  const numbers = distinct.map(Number);
  if (numbers.some((v, i) => distinct[i] === '' || !Number.isFinite(v))) {
    return `the column holds ${distinct.length} distinct labels, not all numbers: recode them as class indices 0 to ${distinct.length - 1} (and set model.task: multiclass for more than two)`;
  }
  const min = Math.min(...numbers);
  const max = Math.max(...numbers);
  if (numbers.every(Number.isInteger) && min === 0 && max === numbers.length - 1) {
    return `the column holds ${numbers.length} classes (0 to ${max}): a ${numbers.length}-class label needs model.task: multiclass`;
  }
  const what = numbers.every(Number.isInteger) ? 'whole numbers' : 'numbers';
  return `the column holds ${numbers.length} distinct ${what} from ${min} to ${max}: a continuous target needs model.task: regression (classes need recoding as 0 to k-1 and model.task: multiclass)`;
}

/**
 * Checks that every label is a whole number from 0 (the index of its class, as the softmax output's columns).
 * Rows are numbered as in csv-table.ts: the header is row 1.
 * @throws InputError naming the file, row and label column for the first label that is not, and what the
 *   column holds (a continuous target is a regression's)
 */
export function checkClassLabels(file: string, column: string, y: ArrayLike<number>): void {
  for (let i = 0; i < y.length; i++) {
    const v = y[i]!;
    if (!Number.isInteger(v) || v < 0) {
      const error = inputError(file, `row ${i + 2}, column ${JSON.stringify(column)}`, 'a class index 0, 1, 2, ... (multiclass model)', v);
      error.message += `: ${labelColumnHint(Array.from(y, String))}`;
      throw error;
    }
  }
  // Many distinct values with few rows each are a count or a measurement, not classes: a softmax over 0..346
  // for scikit-learn's diabetes target (214 values in 442 rows) is a mistake, not a model.
  const distinct = new Set(Array.from(y)).size;
  if (distinct > MANY_CLASSES && y.length / distinct < ROWS_PER_CLASS) {
    throw inputError(file, `column ${JSON.stringify(column)}`, `class indices 0 to k-1 with several rows per class (multiclass model), found ${distinct} distinct labels in ${y.length} rows: ${labelColumnHint(Array.from(y, String))}`);
  }
}
