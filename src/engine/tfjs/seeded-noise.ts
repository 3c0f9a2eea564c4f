/**
 * Noise layers that draw from the run's seeded generator. tfjs' own tf.layers.gaussianNoise (and dropout,
 * gaussianDropout, alphaDropout) draw unseeded randomness, so two runs with the same seed would differ.
 * Same semantics otherwise (Keras'): noise in the training phase only, the identity at inference.
 *
 * Noise comes from a NoiseSource shared by all noise layers of a model, so draws happen in network order,
 * one block of R × width draws per layer per forward pass, row-major (normals for the Gaussian kinds, from
 * the generator's normal lanes by rng/normal.ts fillNormal; uniforms for the dropout kinds, from its own
 * stream): the order the fused engine uses too.
 *
 * Masks: given a step mask (kwargs.mask, [batch, steps], 1 for real steps), a layer keeps its input where the
 * mask is 0, so padding stays padding. The block drawn is the same with or without a mask.
 */
import * as tf from '@tensorflow/tfjs';
import { fillNormal } from '../rng/normal.js';
import type { Xoshiro128 } from '../rng/xoshiro128.js';

/** Hands out blocks of seeded draws as tensors. `rng` can be swapped (training vs evaluation noise). */
export class NoiseSource {
  constructor(public rng: Xoshiro128) {}

  /** N(0, stddev²) draws of the given shape. */
  draw(shape: number[], stddev: number): tf.Tensor {
    const n = shape.reduce((a, b) => a * b, 1);
    const buf = new Float32Array(n);
    fillNormal(this.rng, buf, n, stddev);
    return tf.tensor(buf, shape, 'float32');
  }

  /**
   * One uniform draw u in [0, 1) per element, mapped to `kept` where u >= rate and to `dropped` elsewhere
   * (tf.nn.dropout's and Keras AlphaDropout's keep rule: an element is kept with probability 1 - rate).
   */
  keep(shape: number[], rate: number, kept: number, dropped: number): tf.Tensor {
    const n = shape.reduce((a, b) => a * b, 1);
    const buf = new Float32Array(n);
    for (let i = 0; i < n; i++) buf[i] = this.rng.nextFloat() >= rate ? kept : dropped;
    return tf.tensor(buf, shape, 'float32');
  }
}

export interface SeededLayerArgs {
  readonly source: NoiseSource;
  readonly name?: string;
  readonly inputShape?: number[];
}

/** What the noise layers share: training-phase only, step masks, shape-preserving. */
export abstract class SeededNoiseLayer extends tf.layers.Layer {
  protected readonly source: NoiseSource;

  constructor(args: SeededLayerArgs) {
    super(args.inputShape ? { name: args.name, inputShape: args.inputShape } : { name: args.name });
    this.source = args.source;
    this.supportsMasking = true;
  }

  /** The training-phase output for x, drawing one block from the source. */
  protected abstract perturb(x: tf.Tensor): tf.Tensor;

  /** Whether the layer is the identity even in training (stddev or rate 0): then it draws nothing. */
  protected abstract inert(): boolean;

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return inputShape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0]! : inputs;
    if (kwargs.training !== true || this.inert()) return x;
    const mask = kwargs.mask as tf.Tensor | null | undefined;
    return tf.tidy(() => {
      const noisy = this.perturb(x);
      if (mask === undefined || mask === null) return noisy;
      let real = tf.cast(mask, 'bool');
      while (real.rank < x.rank) real = tf.expandDims(real, -1);
      return tf.where(real, noisy, x);
    });
  }
}

export interface RateArgs extends SeededLayerArgs {
  /** Fraction of elements dropped, in [0, 1). */
  readonly rate: number;
}

/**
 * The layers set by a drop rate (Dropout, GaussianDropout, AlphaDropout): the rate checked once, the identity
 * at rate 0 (as Keras applies them only for 0 < rate < 1), and a config that round-trips the rate.
 */
export abstract class SeededRateLayer extends SeededNoiseLayer {
  readonly rate: number;

  constructor(args: RateArgs) {
    super(args);
    if (!(args.rate >= 0 && args.rate < 1)) throw new RangeError(`${new.target.name}: rate must be in [0, 1), got ${args.rate}`);
    this.rate = args.rate;
  }

  protected inert(): boolean {
    return this.rate === 0;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), rate: this.rate };
  }
}

export interface SeededGaussianNoiseArgs extends SeededLayerArgs {
  /** Standard deviation of the additive noise. */
  readonly stddev: number;
}

/** Keras' GaussianNoise: x + N(0, stddev²) in training. */
export class SeededGaussianNoise extends SeededNoiseLayer {
  static readonly className = 'SeededGaussianNoise';
  readonly stddev: number;

  constructor(args: SeededGaussianNoiseArgs) {
    super(args);
    this.stddev = args.stddev;
  }

  protected inert(): boolean {
    return this.stddev === 0;
  }

  protected perturb(x: tf.Tensor): tf.Tensor {
    return tf.add(x, this.source.draw(x.shape, this.stddev));
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), stddev: this.stddev };
  }
}
