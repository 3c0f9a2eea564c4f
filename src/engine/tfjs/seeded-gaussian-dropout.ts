/**
 * Keras' GaussianDropout with the run's seeded generator: in training, x · N(1, rate / (1 - rate)), the
 * multiplicative Gaussian noise with the variance of Dropout's scaled keep mask (Srivastava et al. 2014,
 * section 10); the identity at inference.
 */
import * as tf from '@tensorflow/tfjs';
import { SeededRateLayer } from './seeded-noise.js';

export class SeededGaussianDropout extends SeededRateLayer {
  static readonly className = 'SeededGaussianDropout';

  /** Standard deviation of the multiplier: sqrt(rate / (1 - rate)), as Keras defines it. */
  get stddev(): number {
    return Math.sqrt(this.rate / (1 - this.rate));
  }

  protected perturb(x: tf.Tensor): tf.Tensor {
    return tf.mul(x, tf.add(this.source.draw(x.shape, this.stddev), 1));
  }
}
