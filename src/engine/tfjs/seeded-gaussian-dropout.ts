/**
 * Keras' GaussianDropout with the run's seeded generator: in training, x · N(1, rate / (1 - rate)), the
 * multiplicative Gaussian noise with the variance of Dropout's scaled keep mask (Srivastava et al. 2014,
 * section 10); the identity at inference.
 */
import * as tf from '@tensorflow/tfjs';
import type { RateArgs } from './seeded-dropout.js';
import { SeededNoiseLayer } from './seeded-noise.js';

export class SeededGaussianDropout extends SeededNoiseLayer {
  static readonly className = 'SeededGaussianDropout';
  readonly rate: number;

  constructor(args: RateArgs) {
    super(args);
    if (!(args.rate >= 0 && args.rate < 1)) throw new RangeError(`SeededGaussianDropout: rate must be in [0, 1), got ${args.rate}`);
    this.rate = args.rate;
  }

  /** Standard deviation of the multiplier: sqrt(rate / (1 - rate)), as Keras defines it. */
  get stddev(): number {
    return Math.sqrt(this.rate / (1 - this.rate));
  }

  protected inert(): boolean {
    return this.rate === 0;
  }

  protected perturb(x: tf.Tensor): tf.Tensor {
    return tf.mul(x, tf.add(this.source.draw(x.shape, this.stddev), 1));
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), rate: this.rate };
  }
}
