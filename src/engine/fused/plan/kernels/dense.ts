/**
 * Dense (the linear part: x·W + b; its activation is a kernel of its own, so `pre` noise can sit between):
 * Keras' kernel layout [fanIn, units], applied to the last axis, so a row of shape [steps, fanIn] is `steps`
 * rows of fanIn (a dense layer on sequences, as tfjs applies it).
 *
 * Summation order (kept by a SIMD twin so both give the same bits):
 *   forward   z[r, j] = b[j], then + x[r, k]·W[k, j] for k in order (each j its own sum: lanes over j);
 *   backward  gW[k, j] and gb[j] sum over rows in order; dX[r, k] = Σ_j W[k, j]·dOut[r, j] as two partial sums
 *             (even and odd j, a f64x2's lanes) added at the end, as kernels.ts does for the tutorial's layers.
 * Inputs that are exactly 0 (inactive ReLUs) are skipped: they add nothing.
 */
import type { LayerKernel, KernelContext } from '../kernel.js';
import { sizeOf } from '../kernel.js';
import { WasmConv } from '../../layers/conv-wasm.js';
import { windowGeometry } from '../../layers/window.js';

/** z (rows × n) = x (rows × fanIn) · w (fanIn × n, row-major) + b. */
export function denseForward(x: Float64Array, rows: number, fanIn: number, w: Float32Array, b: Float32Array, n: number, z: Float64Array): void {
  for (let r = 0; r < rows; r++) {
    const zo = r * n;
    const xo = r * fanIn;
    for (let j = 0; j < n; j++) z[zo + j] = b[j]!;
    for (let k = 0; k < fanIn; k++) {
      const xv = x[xo + k]!;
      if (xv === 0) continue;
      const wo = k * n;
      for (let j = 0; j < n; j++) z[zo + j] += xv * w[wo + j]!;
    }
  }
}

/** Overwrites gw (fanIn × n) and gb (n) with the batch's sums, and dX (rows × fanIn) when not null. */
export function denseBackward(x: Float64Array, dOut: Float64Array, rows: number, fanIn: number, w: Float32Array, n: number, gw: Float64Array, gb: Float64Array, dX: Float64Array | null): void {
  gw.fill(0, 0, fanIn * n);
  gb.fill(0, 0, n);
  for (let r = 0; r < rows; r++) {
    const go = r * n;
    for (let j = 0; j < n; j++) gb[j] += dOut[go + j]!;
    const xo = r * fanIn;
    for (let k = 0; k < fanIn; k++) {
      const xv = x[xo + k]!;
      if (xv === 0) continue;
      const wo = k * n;
      for (let j = 0; j < n; j++) gw[wo + j] += xv * dOut[go + j]!;
    }
  }
  if (dX === null) return;
  for (let r = 0; r < rows; r++) {
    const go = r * n;
    const xo = r * fanIn;
    for (let k = 0; k < fanIn; k++) {
      const wo = k * n;
      let s = 0;
      let sNext = 0;
      for (let j = 0; j < n; j++) {
        const t = s + w[wo + j]! * dOut[go + j]!;
        s = sNext;
        sNext = t;
      }
      dX[xo + k] = s + sNext;
    }
  }
}

export class DenseKernel implements LayerKernel {
  readonly outShape: readonly number[];
  private readonly fanIn: number;
  private readonly units: number;
  /** Rows of fanIn per input row (steps, for a dense layer on sequences). */
  private readonly perRow: number;
  private readonly out: Float64Array;
  private readonly dX: Float64Array;
  /**
   * The WebAssembly twin: a 1 × 1 convolution over a 1 × 1 image of fanIn channels sums exactly as the loops
   * above (bias, then x_k·W_kj for k in order, zeros skipped; dX as even and odd partial sums), so asm/conv.ts
   * serves both; made at the first pass (a counting arena builds kernels only to size them).
   */
  private twin: WasmConv | null = null;
  private readonly wasm: boolean;
  private readonly maxRows: number;

  constructor(ctx: KernelContext, units: number) {
    this.wasm = ctx.loops === 'wasm';
    this.maxRows = ctx.maxRows;
    const shape = ctx.inShape;
    this.fanIn = shape[shape.length - 1]!;
    this.units = units;
    this.perRow = sizeOf(shape) / this.fanIn;
    this.outShape = [...shape.slice(0, -1), units];
    this.out = ctx.arena.f64(ctx.maxRows * this.perRow * units);
    this.dX = ctx.arena.f64(ctx.maxRows * sizeOf(shape));
    this.w = ctx.params.values[0]!;
    this.b = ctx.params.values[1]!;
    this.gw = ctx.params.grads[0]!;
    this.gb = ctx.params.grads[1]!;
  }

  private readonly w: Float32Array;
  private readonly b: Float32Array;
  private readonly gw: Float64Array;
  private readonly gb: Float64Array;

  private wasmTwin(): WasmConv {
    this.twin ??= new WasmConv(windowGeometry([1, 1, this.fanIn], 1, 1, 'valid'), this.units, this.maxRows * this.perRow);
    return this.twin;
  }

  forward(x: Float64Array, rows: number): Float64Array {
    if (this.wasm) this.wasmTwin().forward(x, rows * this.perRow, this.w, this.b, this.out);
    else denseForward(x, rows * this.perRow, this.fanIn, this.w, this.b, this.units, this.out);
    return this.out;
  }

  backward(x: Float64Array, dOut: Float64Array, rows: number, wantDx: boolean): Float64Array | null {
    const dX = wantDx ? this.dX : null;
    if (this.wasm) this.wasmTwin().backward(x, dOut, rows * this.perRow, this.w, this.gw, this.gb, dX);
    else denseBackward(x, dOut, rows * this.perRow, this.fanIn, this.w, this.units, this.gw, this.gb, dX);
    return dX;
  }
}
