/** Labels of a multiclass model read from a CSV file: class indices 0, 1, ..., k-1. */
import { inputError } from '../errors.js';

/**
 * Checks that every label is a whole number from 0 (the index of its class, as the softmax output's columns).
 * Rows are numbered as in csv-table.ts: the header is row 1.
 * @throws InputError naming the file, row and label column for the first label that is not.
 */
export function checkClassLabels(file: string, column: string, y: ArrayLike<number>): void {
  for (let i = 0; i < y.length; i++) {
    const v = y[i]!;
    if (!Number.isInteger(v) || v < 0) throw inputError(file, `row ${i + 2}, column ${JSON.stringify(column)}`, 'a class index 0, 1, 2, ... (multiclass model)', v);
  }
}
