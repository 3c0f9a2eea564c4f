/**
 * Keras' Dropout with the run's seeded generator: in training, each element is kept with probability
 * 1 - rate and scaled by 1 / (1 - rate) (tf.nn.dropout's inverted dropout, so the expected output is the
 * input), and zeroed otherwise; the identity at inference. Used both as a noise kind and as a model layer.
 */
import * as tf from '@tensorflow/tfjs';
import { SeededRateLayer } from './seeded-noise.js';

export type { RateArgs } from './seeded-noise.js';

export class SeededDropout extends SeededRateLayer {
  static readonly className = 'SeededDropout';

  protected perturb(x: tf.Tensor): tf.Tensor {
    return tf.mul(x, this.source.keep(x.shape, this.rate, 1 / (1 - this.rate), 0));
  }
}
