/**
 * MaxPooling1D / MaxPooling2D and AveragePooling1D / AveragePooling2D (Keras: poolSize, strides, valid or same
 * padding) over the loops of layers/pool.ts: the max keeps the first largest cell of each window, which the
 * backward pass sends the gradient to; the average spreads each output's gradient over its window, as tfjs does.
 */
import { avgPoolBackward, avgPoolForward, maxPoolBackward, maxPoolForward } from '../../layers/pool.js';
import { inputSize, outputPositions, windowGeometry, type Padding, type WindowGeometry } from '../../layers/window.js';
import type { KernelExports } from '../../wasm-kernel.js';
import type { KernelContext, LayerKernel } from '../kernel.js';

/** One row's output shape: [steps, channels] for 1-d layers, [height, width, channels] for 2-d ones. */
function outShapeOf(ctx: KernelContext, g: WindowGeometry): number[] {
  return ctx.inShape.length === 2 ? [g.outW, g.channels] : [g.outH, g.outW, g.channels];
}

export class MaxPoolKernel implements LayerKernel {
  readonly outShape: readonly number[];
  /** An output of 0 is the value of the cell it came from, which gets its gradient. */
  readonly zerosIgnored: boolean;
  private readonly geometry: WindowGeometry;
  private readonly out: Float64Array;
  private readonly argmax: Int32Array;
  private readonly dX: Float64Array;
  /** The WebAssembly kernel whose memory holds the arrays (asm/pool.ts), or null. */
  private readonly kernel: KernelExports | null;

  constructor(ctx: KernelContext, poolSize: number, strides: number, padding: Padding) {
    this.geometry = windowGeometry(ctx.inShape, poolSize, strides, padding);
    this.zerosIgnored = ctx.inputZerosIgnored;
    const g = this.geometry;
    this.outShape = outShapeOf(ctx, g);
    const outs = ctx.maxRows * outputPositions(g) * g.channels;
    this.out = ctx.arena.f64(outs);
    this.argmax = ctx.arena.i32(outs);
    this.dX = ctx.arena.f64(ctx.maxRows * inputSize(g));
    this.kernel = ctx.loops === 'wasm' ? (ctx.arena.kernel ?? null) : null;
  }

  forward(x: Float64Array, rows: number): Float64Array {
    const g = this.geometry;
    if (this.kernel !== null) this.kernel.maxPoolForward(g.inH, g.inW, g.channels, g.kh, g.kw, g.sh, g.sw, g.outH, g.outW, g.top, g.left, x.byteOffset, rows, this.out.byteOffset, this.argmax.byteOffset);
    else maxPoolForward(g, x, rows, this.out, this.argmax);
    return this.out;
  }

  backward(_x: Float64Array, dOut: Float64Array, rows: number, wantDx: boolean): Float64Array | null {
    if (!wantDx) return null;
    const g = this.geometry;
    if (this.kernel !== null) this.kernel.maxPoolBackward(dOut.byteOffset, rows * outputPositions(g) * g.channels, this.argmax.byteOffset, rows * inputSize(g), this.dX.byteOffset);
    else maxPoolBackward(g, dOut, rows, this.argmax, this.dX);
    return this.dX;
  }
}

export class AvgPoolKernel implements LayerKernel {
  readonly outShape: readonly number[];
  /** An average of 0 need not come from cells that all ignore their gradient (-1 and 1; positive values that underflow). */
  readonly zerosIgnored = false;
  private readonly geometry: WindowGeometry;
  private readonly out: Float64Array;
  private readonly dX: Float64Array;
  /** The WebAssembly kernel whose memory holds the arrays (asm/pool.ts), or null. */
  private readonly kernel: KernelExports | null;

  constructor(ctx: KernelContext, poolSize: number, strides: number, padding: Padding) {
    this.geometry = windowGeometry(ctx.inShape, poolSize, strides, padding);
    const g = this.geometry;
    this.outShape = outShapeOf(ctx, g);
    this.out = ctx.arena.f64(ctx.maxRows * outputPositions(g) * g.channels);
    this.dX = ctx.arena.f64(ctx.maxRows * inputSize(g));
    this.kernel = ctx.loops === 'wasm' ? (ctx.arena.kernel ?? null) : null;
  }

  forward(x: Float64Array, rows: number): Float64Array {
    const g = this.geometry;
    if (this.kernel !== null) this.kernel.avgPoolForward(g.inH, g.inW, g.channels, g.kh, g.kw, g.sh, g.sw, g.outH, g.outW, g.top, g.left, x.byteOffset, rows, this.out.byteOffset);
    else avgPoolForward(g, x, rows, this.out);
    return this.out;
  }

  backward(_x: Float64Array, dOut: Float64Array, rows: number, wantDx: boolean): Float64Array | null {
    if (!wantDx) return null;
    const g = this.geometry;
    if (this.kernel !== null) this.kernel.avgPoolBackward(g.inH, g.inW, g.channels, g.kh, g.kw, g.sh, g.sw, g.outH, g.outW, g.top, g.left, dOut.byteOffset, rows, this.dX.byteOffset);
    else avgPoolBackward(g, dOut, rows, this.dX);
    return this.dX;
  }
}
