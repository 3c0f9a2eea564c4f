/**
 * A GaussianNoise layer that draws from the run's seeded generator. tfjs' own tf.layers.gaussianNoise draws
 * unseeded randomness, so two runs with the same seed would differ. Same semantics otherwise: additive
 * N(0, stddev²) noise in the training phase only; the identity at inference.
 *
 * Noise comes from a NoiseSource shared by all noise layers of a model, so draws happen in network order,
 * one batch × width block per layer per forward pass: the order the fused engine uses too.
 */
import * as tf from '@tensorflow/tfjs';
import { fillNormal } from '../rng/normal.js';
import type { Xoshiro128 } from '../rng/xoshiro128.js';

/** Hands out blocks of seeded normals as tensors. `rng` can be swapped (training vs evaluation noise). */
export class NoiseSource {
  constructor(public rng: Xoshiro128) {}

  draw(shape: number[], stddev: number): tf.Tensor {
    const n = shape.reduce((a, b) => a * b, 1);
    const buf = new Float32Array(n);
    fillNormal(this.rng, buf, n, stddev);
    return tf.tensor(buf, shape, 'float32');
  }
}

export interface SeededNoiseArgs {
  /** Standard deviation of the additive noise. */
  readonly stddev: number;
  readonly source: NoiseSource;
  readonly name?: string;
  readonly inputShape?: number[];
}

export class SeededGaussianNoise extends tf.layers.Layer {
  static readonly className = 'SeededGaussianNoise';
  readonly stddev: number;
  private readonly source: NoiseSource;

  constructor(args: SeededNoiseArgs) {
    super(args.inputShape ? { name: args.name, inputShape: args.inputShape } : { name: args.name });
    this.stddev = args.stddev;
    this.source = args.source;
    this.supportsMasking = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return inputShape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0]! : inputs;
    if (kwargs.training !== true || this.stddev === 0) return x;
    return tf.tidy(() => tf.add(x, this.source.draw(x.shape, this.stddev)));
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), stddev: this.stddev };
  }
}
