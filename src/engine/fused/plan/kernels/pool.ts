/**
 * MaxPooling1D / MaxPooling2D (Keras: poolSize, strides, valid or same padding) over the library loops of
 * layers/pool.ts: the first largest cell of each window, which the backward pass sends the gradient to.
 */
import { maxPoolBackward, maxPoolForward } from '../../layers/pool.js';
import { inputSize, outputPositions, windowGeometry, type Padding, type WindowGeometry } from '../../layers/window.js';
import type { KernelExports } from '../../wasm-kernel.js';
import type { KernelContext, LayerKernel } from '../kernel.js';

export class MaxPoolKernel implements LayerKernel {
  readonly outShape: readonly number[];
  /** An output of 0 is the value of the cell it came from, which gets its gradient. */
  readonly zerosIgnored: boolean;
  private readonly geometry: WindowGeometry;
  private readonly out: Float64Array;
  private readonly argmax: Int32Array;
  private readonly dX: Float64Array;
  /** The WebAssembly kernel whose memory holds the arrays (asm/elementwise.ts), or null. */
  private readonly kernel: KernelExports | null;

  constructor(ctx: KernelContext, poolSize: number, strides: number, padding: Padding) {
    this.geometry = windowGeometry(ctx.inShape, poolSize, strides, padding);
    this.zerosIgnored = ctx.inputZerosIgnored;
    const g = this.geometry;
    this.outShape = ctx.inShape.length === 2 ? [g.outW, g.channels] : [g.outH, g.outW, g.channels];
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
