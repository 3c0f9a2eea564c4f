/**
 * Keras' AlphaDropout with the run's seeded generator (Klambauer et al. 2017, "Self-Normalizing Neural
 * Networks"): in training, dropped elements are set to SELU's negative saturation α' = -λα instead of 0, then
 * an affine correction a·x + b restores zero mean and unit variance for standardized inputs, with
 *   a = ((1 - rate)(1 + rate·α'²))^(-1/2),   b = -a·α'·rate;
 * the identity at inference. The constants are SELU's (tf.keras AlphaDropout uses the same digits).
 */
import * as tf from '@tensorflow/tfjs';
import { ALPHA_PRIME, alphaDropoutAffine } from '../alpha-dropout.js';
import { SeededRateLayer } from './seeded-noise.js';

export { ALPHA_PRIME, alphaDropoutAffine, SELU_ALPHA, SELU_SCALE } from '../alpha-dropout.js';

export class SeededAlphaDropout extends SeededRateLayer {
  static readonly className = 'SeededAlphaDropout';

  protected perturb(x: tf.Tensor): tf.Tensor {
    const { a, b } = alphaDropoutAffine(this.rate);
    const kept = tf.cast(this.source.keep(x.shape, this.rate, 1, 0), 'bool');
    return tf.add(tf.mul(tf.where(kept, x, tf.scalar(ALPHA_PRIME)), a), b);
  }
}
