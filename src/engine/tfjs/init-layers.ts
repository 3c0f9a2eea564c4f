/**
 * Initial weights of a model.layers stack (and of the `hidden: [...]` form, as a stack of dense layers), with
 * Keras' default initializers, all drawn in layer order from the run's STREAM.init generator:
 *   Dense, Conv1D, Conv2D kernels: glorot uniform (fans from the receptive field, Keras' _compute_fans);
 *   LSTM: kernel glorot uniform, recurrent kernel orthogonal, bias zero but 1 for the forget gate
 *   (unit_forget_bias); every other bias zero.
 * A stack of dense layers draws exactly what initialDenseWeights draws, so the tfjs and fused engines start
 * dense models from the same weights.
 */
import type { LayerSpec } from '../../config/schema.js';
import { glorotUniform } from '../init.js';
import { nextNormal } from '../rng/normal.js';
import { STREAM, Xoshiro128 } from '../rng/xoshiro128.js';

/** Row-major values and their shape, ready for a tensor. */
export interface WeightArray {
  readonly values: Float32Array;
  readonly shape: number[];
}

/** Glorot uniform for a kernel of any rank: U(-limit, limit), limit = sqrt(6 / (fanIn + fanOut)). */
function glorotKernel(rng: Xoshiro128, shape: number[]): WeightArray {
  const receptive = shape.slice(0, -2).reduce((a, b) => a * b, 1);
  const fanIn = shape[shape.length - 2]! * receptive;
  const fanOut = shape[shape.length - 1]! * receptive;
  if (receptive === 1) return { values: glorotUniform(rng, fanIn, fanOut), shape };
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  const values = new Float32Array(shape.reduce((a, b) => a * b, 1));
  for (let i = 0; i < values.length; i++) values[i] = (2 * rng.nextFloat() - 1) * limit;
  return { values, shape };
}

/**
 * Keras' Orthogonal(gain=1) for a rows × cols matrix with rows < cols (the LSTM recurrent kernel, u × 4u):
 * QR of a cols × rows standard normal matrix with Q's columns signed so R's diagonal is positive, transposed.
 * Modified Gram-Schmidt gives that Q directly (its R has a positive diagonal); in double precision, which
 * keeps rows orthonormal to about 1e-15 for the sizes used here.
 */
export function orthogonal(rng: Xoshiro128, rows: number, cols: number): WeightArray {
  if (rows > cols) throw new RangeError(`orthogonal: expected rows <= cols, got ${rows} × ${cols}`);
  // a: cols × rows, row-major; its columns become the rows of the result.
  const columns = Array.from({ length: rows }, () => new Float64Array(cols));
  for (let i = 0; i < cols; i++) for (let j = 0; j < rows; j++) columns[j]![i] = nextNormal(rng);
  for (let j = 0; j < rows; j++) {
    const v = columns[j]!;
    for (let p = 0; p < j; p++) {
      const q = columns[p]!;
      let dot = 0;
      for (let i = 0; i < cols; i++) dot += q[i]! * v[i]!;
      for (let i = 0; i < cols; i++) v[i] = v[i]! - dot * q[i]!;
    }
    let norm = 0;
    for (let i = 0; i < cols; i++) norm += v[i]! * v[i]!;
    norm = Math.sqrt(norm);
    for (let i = 0; i < cols; i++) v[i] = v[i]! / norm;
  }
  const values = new Float32Array(rows * cols);
  for (let j = 0; j < rows; j++) values.set(columns[j]!, j * cols);
  return { values, shape: [rows, cols] };
}

function zeros(n: number): WeightArray {
  return { values: new Float32Array(n), shape: [n] };
}

/**
 * Weights of each layer in tfjs' order ([kernel, bias] or, for LSTM, [kernel, recurrent kernel, bias]);
 * [] for layers without weights. `inputs[i]` is the row shape layer i receives (layer-shapes.ts).
 */
export function initialLayerWeights(layers: readonly LayerSpec[], inputs: readonly (readonly number[])[], seed: number): WeightArray[][] {
  const rng = Xoshiro128.fromSeed(seed, STREAM.init);
  return layers.map((layer, i) => {
    const channels = inputs[i]![inputs[i]!.length - 1]!;
    switch (layer.type) {
      case 'dense':
        return [glorotKernel(rng, [channels, layer.units]), zeros(layer.units)];
      case 'conv1d':
        return [glorotKernel(rng, [layer.kernelSize, channels, layer.filters]), zeros(layer.filters)];
      case 'conv2d':
        return [glorotKernel(rng, [layer.kernelSize, layer.kernelSize, channels, layer.filters]), zeros(layer.filters)];
      case 'lstm': {
        const u = layer.units;
        const kernel = glorotKernel(rng, [channels, 4 * u]);
        const recurrent = orthogonal(rng, u, 4 * u);
        const bias = zeros(4 * u);
        // Gates in Keras' (and tfjs') order i, f, c, o: the forget gate's bias starts at 1.
        bias.values.fill(1, u, 2 * u);
        return [kernel, recurrent, bias];
      }
      default:
        return [];
    }
  });
}
