/**
 * Conv1D / Conv2D (stride 1, padding valid or same, Keras' semantics and kernel layout) computed as one matrix
 * product over image patches: the kernel's k (or k × k) shifted slices of the input, concatenated along the
 * channels, times the kernel reshaped to [k·k·C, filters].
 *
 * Not tf.layers.conv2d because the wasm backend the workers use (tfjs 4.22) registers no Conv2DBackpropFilter
 * kernel, so a conv layer there cannot be trained ("Kernel 'Conv2DBackpropFilter' not registered for backend
 * 'wasm'"); slice, concat, pad and matMul have gradients on every backend. Conv1D is the same with height 1.
 */
import * as tf from '@tensorflow/tfjs';

export interface PatchConvArgs {
  /** 1: inputs [batch, steps, channels]; 2: [batch, height, width, channels]. */
  readonly rank: 1 | 2;
  readonly filters: number;
  /** Window size (k, or k × k for rank 2). */
  readonly kernelSize: number;
  readonly padding: 'valid' | 'same';
  readonly name?: string;
  /** Initial [kernel, bias], set when the layer is built. */
  readonly weights?: tf.Tensor[];
}

export class PatchConv extends tf.layers.Layer {
  static readonly className = 'PatchConv';
  readonly rank: 1 | 2;
  readonly filters: number;
  readonly kernelSize: number;
  readonly padding: 'valid' | 'same';
  private kernel?: tf.LayerVariable;
  private bias?: tf.LayerVariable;

  constructor(args: PatchConvArgs) {
    super({ name: args.name, weights: args.weights });
    this.rank = args.rank;
    this.filters = args.filters;
    this.kernelSize = args.kernelSize;
    this.padding = args.padding;
  }

  /** Kernel shape in Keras' layout: [k, C, filters] or [k, k, C, filters]. */
  kernelShape(channels: number): number[] {
    const window = this.rank === 1 ? [this.kernelSize] : [this.kernelSize, this.kernelSize];
    return [...window, channels, this.filters];
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const channels = shape[shape.length - 1]!;
    this.kernel = this.addWeight('kernel', this.kernelShape(channels), 'float32', tf.initializers.zeros());
    this.bias = this.addWeight('bias', [this.filters], 'float32', tf.initializers.zeros());
    this.built = true;
  }

  /** Output length along one spatial axis (stride 1). */
  private outLength(n: number): number {
    return this.padding === 'same' ? n : n - this.kernelSize + 1;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const spatial = shape.slice(1, -1).map((n) => (n === null ? null : this.outLength(n)));
    return [shape[0]!, ...spatial, this.filters];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const input = Array.isArray(inputs) ? inputs[0]! : inputs;
      // Rank 1 is rank 2 with height 1: [batch, 1, steps, channels].
      let x = (this.rank === 1 ? tf.expandDims(input, 1) : input) as tf.Tensor4D;
      const k = this.kernelSize;
      const kh = this.rank === 1 ? 1 : k;
      if (this.padding === 'same') {
        // TensorFlow's SAME padding: the extra pixel of an even window goes after (bottom/right).
        const pad = (size: number): [number, number] => [Math.floor((size - 1) / 2), size - 1 - Math.floor((size - 1) / 2)];
        x = tf.pad(x, [[0, 0], pad(kh), pad(k), [0, 0]]);
      }
      const [batch, height, width, channels] = x.shape;
      const outH = height - kh + 1;
      const outW = width - k + 1;
      const slices: tf.Tensor4D[] = [];
      for (let dy = 0; dy < kh; dy++) for (let dx = 0; dx < k; dx++) slices.push(tf.slice(x, [0, dy, dx, 0], [batch, outH, outW, channels]));
      const patches = tf.reshape(slices.length === 1 ? slices[0]! : tf.concat(slices, 3), [batch * outH * outW, kh * k * channels]);
      const kernel = tf.reshape(this.kernel!.read(), [kh * k * channels, this.filters]);
      const out = tf.add(tf.matMul(patches, kernel), this.bias!.read());
      return tf.reshape(out, this.rank === 1 ? [batch, outW, this.filters] : [batch, outH, outW, this.filters]);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), rank: this.rank, filters: this.filters, kernelSize: this.kernelSize, padding: this.padding };
  }
}
