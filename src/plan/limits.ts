/**
 * The study's `limits:` (config/schema/limits.ts), checked before the thing they bound is allocated: the grid's
 * size from the lengths of its lists (before the cross product is built), runs from that and `repeats`
 * (before the run list is), and for each grid point its generated rows and its model's parameter count
 * (before any dataset or model exists). Each failure is one line naming the key that raises it.
 */
import type { LayerSpec, Limits, LimitName, ModelSpec, RunConfig, Study } from '../config/schema.js';
import { plannedRepeats } from '../config/schema.js';
import { featureShape } from '../data/generate.js';
import { InputError } from '../errors.js';
import { layerShapes, ShapeMismatch } from '../engine/tfjs/layer-shapes.js';

function tooBig(where: string, key: string, what: string, limit: LimitName, max: number, found: number, how = ''): InputError {
  return new InputError(`${where}: ${key}: expected at most ${max.toLocaleString('en-US')} ${what} (limits.${limit}), found ${found.toLocaleString('en-US')}${how}; raise limits.${limit} in the study or pass --limit ${limit}=N`);
}

/** Grid points, repeats and runs of a study, from the lengths of the grid's lists alone. */
export function checkStudySize(study: Pick<Study, 'grid' | 'repeats' | 'limits' | 'race'>, file: string): void {
  const { limits } = study;
  // A race plans its worst case, every point at race.max.
  const key = study.race?.max !== undefined ? 'race.max' : 'repeats';
  const repeats = plannedRepeats(study);
  const points = Object.values(study.grid).reduce((n, values) => n * values.length, 1);
  if (points > limits.gridPoints) throw tooBig(file, 'grid', 'grid points', 'gridPoints', limits.gridPoints, points, ' (the product of the lengths of its lists)');
  if (repeats > limits.repeats) throw tooBig(file, key, 'repeats', 'repeats', limits.repeats, repeats);
  if (points * repeats > limits.runs) throw tooBig(file, key, 'runs', 'runs', limits.runs, points * repeats, ' (grid points × repeats)');
}

/** Weights and biases of one layer given the shape of its input row. */
function layerParameters(layer: LayerSpec, input: readonly number[]): number {
  const last = input[input.length - 1] ?? 1;
  switch (layer.type) {
    case 'dense':
      return (last + 1) * layer.units;
    case 'conv1d':
      return (layer.kernelSize * last + 1) * layer.filters;
    case 'conv2d':
      return (layer.kernelSize * layer.kernelSize * last + 1) * layer.filters;
    case 'lstm':
      return 4 * layer.units * (last + layer.units + 1);
    default:
      return 0;
  }
}

/**
 * Trainable parameters of a model on rows of `input` shape with `outputs` output units, as Keras counts them.
 * @example parameterCount({ hidden: [500], activation: 'relu' }, [2], 1) === 2001 // the tutorial's MLP
 */
export function parameterCount(model: ModelSpec, input: readonly number[], outputs: number): number {
  if (model.layers === undefined) {
    const widths = [input.reduce((a, b) => a * b, 1), ...model.hidden, outputs];
    return widths.slice(1).reduce((n, w, i) => n + (widths[i]! + 1) * w, 0);
  }
  const shapes = layerShapes(model.layers, model.inputShape ?? input);
  const hidden = model.layers.reduce((n, layer, i) => n + layerParameters(layer, shapes[i]!), 0);
  return hidden + (shapes[shapes.length - 1]![0]! + 1) * outputs;
}

/**
 * Rows to generate and parameters to train for one grid point. `features` is the row shape when the data is a
 * file (known only once it is read); generated data knows its own.
 */
export function checkPointSize(config: RunConfig, limits: Limits, where: string, features?: readonly number[]): void {
  const data = config.data;
  if ('generator' in data && data.samples > limits.samples) throw tooBig(where, 'data.samples', 'generated rows', 'samples', limits.samples, data.samples);
  const shape = features ?? featureShape(data);
  if (shape === undefined) return;
  const outputs = 'classes' in data && config.model.task === 'multiclass' ? data.classes : 'centers' in data && config.model.task === 'multiclass' ? data.centers : 1;
  let n: number;
  try {
    n = parameterCount(config.model, shape, outputs);
  } catch (err) {
    if (err instanceof ShapeMismatch) return; // the data does not fit the model: loading reports that, with its file
    throw err;
  }
  if (n > limits.parameters) throw tooBig(where, 'model', 'parameters per model', 'parameters', limits.parameters, n);
}
