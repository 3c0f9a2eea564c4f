/**
 * Whether a model given as model.layers fits the rows its data gives: model.inputShape (or the generator's own
 * shape) must hold as many values as a row has, and every layer must take the shape the one before it makes.
 * Checked twice before any run: in the plan for generators, whose shapes the spec says, and against the loaded
 * table for data files, whose column count only the file says (plan/check-data.ts).
 */
import type { ModelSpec } from '../config/schema.js';
import { layerShapes, ShapeMismatch } from '../engine/tfjs/layer-shapes.js';
import { InputError, inputError } from '../errors.js';

/** What is known of a row before training: its shape (generators), or only its length (data files). */
export interface RowFacts {
  /** The generator's row shape, e.g. [12, 12, 1]; undefined for a data file (its rows are flat). */
  readonly shape?: readonly number[];
  /** Values per row; undefined when not known yet (a data file before it is read). */
  readonly values?: number;
  /** How to name the data in a message: "the data", "configs/data/digits.csv". */
  readonly name: string;
}

const product = (xs: readonly number[]) => xs.reduce((a, b) => a * b, 1);

/** A shape that holds `values` numbers and has the rank a layer asked for: [n, 1], or [√n, √n, 1] when n is a square. */
function suggestedShape(values: number, rank: number): number[] | undefined {
  if (rank === 2) return [values, 1];
  const side = Math.round(Math.sqrt(values));
  return rank === 3 && side * side === values ? [side, side, 1] : undefined;
}

/**
 * @throws InputError naming `where` and the key (model.inputShape, or the layer that does not fit) when the
 *   model cannot take the data's rows
 */
export function checkModelFits(model: Pick<ModelSpec, 'layers' | 'inputShape'>, row: RowFacts, where: string): void {
  const { layers, inputShape } = model;
  if (layers === undefined) return; // model.hidden: Dense layers take flat rows of any length
  const values = row.values ?? (row.shape ? product(row.shape) : undefined);
  if (inputShape !== undefined && values !== undefined && product(inputShape) !== values) {
    const has = row.shape ? `shape [${row.shape.join(', ')}]` : `${values} feature columns`;
    throw inputError(where, 'model.inputShape', `${values} values per row, as ${row.name} has (${has})`, inputShape);
  }
  const shape = inputShape ?? row.shape ?? (values === undefined ? undefined : [values]);
  if (shape === undefined) return;
  try {
    layerShapes(layers, shape);
  } catch (err) {
    if (!(err instanceof ShapeMismatch)) throw err;
    // A data file's rows are flat: the fix is nearly always model.inputShape.
    const wanted = /\[(height, width, channels|steps, channels|steps, features)\]/.exec(err.expected)?.[1]?.split(',').length;
    const suggestion = inputShape === undefined && row.shape === undefined && values !== undefined && wanted !== undefined ? suggestedShape(values, wanted) : undefined;
    const hint = inputShape === undefined && row.shape === undefined ? `; rows of ${row.name} are flat: give model.inputShape${suggestion ? `, e.g. [${suggestion.join(', ')}]` : ''}` : '';
    throw new InputError(`${where}: ${err.message}${hint}`);
  }
}
