/**
 * Keras' AlphaDropout with the run's seeded generator (Klambauer et al. 2017, "Self-Normalizing Neural
 * Networks"): in training, dropped elements are set to SELU's negative saturation α' = -λα instead of 0, then
 * an affine correction a·x + b restores zero mean and unit variance for standardized inputs, with
 *   a = ((1 - rate)(1 + rate·α'²))^(-1/2),   b = -a·α'·rate;
 * the identity at inference. The constants are SELU's (tf.keras AlphaDropout uses the same digits).
 */
import * as tf from '@tensorflow/tfjs';
import { SeededRateLayer } from './seeded-noise.js';

/** SELU's α (Klambauer et al. 2017, eq. 14). */
export const SELU_ALPHA = 1.6732632423543772848170429916717;
/** SELU's λ (Klambauer et al. 2017, eq. 14). */
export const SELU_SCALE = 1.0507009873554804934193349852946;

/** The value dropped elements take before the affine correction: α' = -λα. */
export const ALPHA_PRIME = -SELU_ALPHA * SELU_SCALE;

/** The affine correction (a, b) for a drop rate. */
export function alphaDropoutAffine(rate: number): { a: number; b: number } {
  const a = ((1 - rate) * (1 + rate * ALPHA_PRIME ** 2)) ** -0.5;
  return { a, b: -a * ALPHA_PRIME * rate };
}

export class SeededAlphaDropout extends SeededRateLayer {
  static readonly className = 'SeededAlphaDropout';

  protected perturb(x: tf.Tensor): tf.Tensor {
    const { a, b } = alphaDropoutAffine(this.rate);
    const kept = tf.cast(this.source.keep(x.shape, this.rate, 1, 0), 'bool');
    return tf.add(tf.mul(tf.where(kept, x, tf.scalar(ALPHA_PRIME)), a), b);
  }
}
