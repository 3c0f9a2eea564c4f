/**
 * MaxPooling1D / MaxPooling2D (Keras: poolSize, strides, valid or same padding) over the library loops of
 * layers/pool.ts: the first largest cell of each window, which the backward pass sends the gradient to.
 */
import { maxPoolBackward, maxPoolForward } from '../../layers/pool.js';
import { inputSize, outputPositions, windowGeometry, type Padding, type WindowGeometry } from '../../layers/window.js';
import type { KernelContext, LayerKernel } from '../kernel.js';

export class MaxPoolKernel implements LayerKernel {
  readonly outShape: readonly number[];
  /** An output of 0 is the value of the cell it came from, which gets its gradient. */
  readonly zerosIgnored: boolean;
  private readonly geometry: WindowGeometry;
  private readonly out: Float64Array;
  private readonly argmax: Int32Array;
  private readonly dX: Float64Array;

  constructor(ctx: KernelContext, poolSize: number, strides: number, padding: Padding) {
    this.geometry = windowGeometry(ctx.inShape, poolSize, strides, padding);
    this.zerosIgnored = ctx.inputZerosIgnored;
    const g = this.geometry;
    this.outShape = ctx.inShape.length === 2 ? [g.outW, g.channels] : [g.outH, g.outW, g.channels];
    const outs = ctx.maxRows * outputPositions(g) * g.channels;
    this.out = ctx.arena.f64(outs);
    this.argmax = ctx.arena.i32(outs);
    this.dX = ctx.arena.f64(ctx.maxRows * inputSize(g));
  }

  forward(x: Float64Array, rows: number): Float64Array {
    maxPoolForward(this.geometry, x, rows, this.out, this.argmax);
    return this.out;
  }

  backward(_x: Float64Array, dOut: Float64Array, rows: number, wantDx: boolean): Float64Array | null {
    if (!wantDx) return null;
    maxPoolBackward(this.geometry, dOut, rows, this.argmax, this.dX);
    return this.dX;
  }
}
