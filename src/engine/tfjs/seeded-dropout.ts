/**
 * Keras' Dropout with the run's seeded generator: in training, each element is kept with probability
 * 1 - rate and scaled by 1 / (1 - rate) (tf.nn.dropout's inverted dropout, so the expected output is the
 * input), and zeroed otherwise; the identity at inference. Used both as a noise kind and as a model layer.
 */
import * as tf from '@tensorflow/tfjs';
import { SeededNoiseLayer, type SeededLayerArgs } from './seeded-noise.js';

export interface RateArgs extends SeededLayerArgs {
  /** Fraction of elements dropped, in [0, 1). */
  readonly rate: number;
}

export class SeededDropout extends SeededNoiseLayer {
  static readonly className = 'SeededDropout';
  readonly rate: number;

  constructor(args: RateArgs) {
    super(args);
    if (!(args.rate >= 0 && args.rate < 1)) throw new RangeError(`SeededDropout: rate must be in [0, 1), got ${args.rate}`);
    this.rate = args.rate;
  }

  protected inert(): boolean {
    return this.rate === 0;
  }

  protected perturb(x: tf.Tensor): tf.Tensor {
    return tf.mul(x, this.source.keep(x.shape, this.rate, 1 / (1 - this.rate), 0));
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), rate: this.rate };
  }
}
