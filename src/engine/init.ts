/**
 * The shared seeded initializer: Keras' defaults for Dense layers, glorot-uniform kernels and zero biases.
 * Both engines start from these weights, so with noise off they follow the same trajectory.
 */
import { STREAM, Xoshiro128 } from './rng/xoshiro128.js';

export interface DenseWeights {
  /** Kernel of layer i: sizes[i] × sizes[i+1], row-major (tfjs' [fanIn, fanOut] layout). */
  readonly kernels: Float32Array[];
  /** Bias of layer i: sizes[i+1] zeros. */
  readonly biases: Float32Array[];
}

/**
 * Glorot (Xavier) uniform: U(-limit, limit) with limit = sqrt(6 / (fanIn + fanOut)), as
 * tf.keras.initializers.GlorotUniform and tf.initializers.glorotUniform define it.
 */
export function glorotUniform(rng: Xoshiro128, fanIn: number, fanOut: number): Float32Array {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  const w = new Float32Array(fanIn * fanOut);
  for (let i = 0; i < w.length; i++) w[i] = (2 * rng.nextFloat() - 1) * limit;
  return w;
}

/** Initial weights of a stack of Dense layers with the given sizes (inputs, hidden..., outputs). */
export function initialDenseWeights(sizes: readonly number[], seed: number): DenseWeights {
  const rng = Xoshiro128.fromSeed(seed, STREAM.init);
  const kernels: Float32Array[] = [];
  const biases: Float32Array[] = [];
  for (let i = 0; i + 1 < sizes.length; i++) {
    kernels.push(glorotUniform(rng, sizes[i]!, sizes[i + 1]!));
    biases.push(new Float32Array(sizes[i + 1]!));
  }
  return { kernels, biases };
}
