/**
 * Dense (the linear part: x·W + b; its activation is a kernel of its own, so `pre` noise can sit between):
 * Keras' kernel layout [fanIn, units], applied to the last axis, so a row of shape [steps, fanIn] is `steps`
 * rows of fanIn (a dense layer on sequences, as tfjs applies it).
 *
 * Summation order (kept by a SIMD twin so both give the same bits):
 *   forward   z[r, j] = b[j], then + x[r, k]·W[k, j] for k in order (each j its own sum: lanes over j);
 *   backward  gW[k, j] and gb[j] sum over rows in order; dX[r, k] = Σ_j W[k, j]·dOut[r, j] as two partial sums
 *             (even and odd j, a f64x2's lanes) added at the end, as kernels.ts does for the tutorial's layers.
 * Inputs that are exactly 0 (inactive ReLUs) are skipped: they add nothing. asm/dense.ts is the WebAssembly
 * twin, run over the plan's arena when it lives in the kernel's memory.
 */
import type { KernelExports } from '../../wasm-kernel.js';
import type { LayerKernel, KernelContext } from '../kernel.js';
import { sizeOf } from '../kernel.js';

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

/**
 * Overwrites gw (fanIn × n) and gb (n) with the batch's sums, and dX (rows × fanIn) when not null: with
 * `sparseDx`, 0 wherever x is 0 (the stage before ignores the gradient there: kernel.ts zerosIgnored).
 */
export function denseBackward(x: Float64Array, dOut: Float64Array, rows: number, fanIn: number, w: Float32Array, n: number, gw: Float64Array, gb: Float64Array, dX: Float64Array | null, sparseDx = false): void {
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
      if (sparseDx && x[xo + k] === 0) {
        dX[xo + k] = 0;
        continue;
      }
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
  readonly zerosIgnored = false;
  private readonly fanIn: number;
  private readonly units: number;
  /** Rows of fanIn per input row (steps, for a dense layer on sequences). */
  private readonly perRow: number;
  /** dX left at 0 where x is 0: the stage before ignores the gradient there (kernel.ts zerosIgnored). */
  private readonly sparseDx: boolean;
  private readonly out: Float64Array;
  private readonly dX: Float64Array;
  private readonly w: Float32Array;
  private readonly b: Float32Array;
  private readonly gw: Float64Array;
  private readonly gb: Float64Array;
  /** The WebAssembly kernel whose memory holds every array here (asm/dense.ts), and its scratch. */
  private readonly kernel: KernelExports | null;
  private readonly nonzeros: Int32Array;
  /** The weights as doubles, widened at each forward pass for the kernel (the backward pass reuses them). */
  private readonly w64: Float64Array;

  constructor(ctx: KernelContext, units: number) {
    const shape = ctx.inShape;
    this.fanIn = shape[shape.length - 1]!;
    this.units = units;
    this.perRow = sizeOf(shape) / this.fanIn;
    this.sparseDx = ctx.inputZerosIgnored;
    this.outShape = [...shape.slice(0, -1), units];
    this.out = ctx.arena.f64(ctx.maxRows * this.perRow * units);
    this.dX = ctx.arena.f64(ctx.maxRows * sizeOf(shape));
    this.w = ctx.params.values[0]!;
    this.b = ctx.params.values[1]!;
    this.gw = ctx.params.grads[0]!;
    this.gb = ctx.params.grads[1]!;
    this.kernel = ctx.loops === 'wasm' ? (ctx.arena.kernel ?? null) : null;
    this.w64 = ctx.loops === 'wasm' ? ctx.arena.f64(this.fanIn * units) : new Float64Array(0);
    this.nonzeros = ctx.loops === 'wasm' ? ctx.arena.i32(Math.max(this.fanIn, ctx.maxRows * this.perRow)) : new Int32Array(0);
  }

  forward(x: Float64Array, rows: number): Float64Array {
    const n = rows * this.perRow;
    if (this.kernel !== null) {
      this.kernel.widenF32(this.w.byteOffset, this.w64.byteOffset, this.w.length);
      this.kernel.denseForward(x.byteOffset, n, this.fanIn, this.w64.byteOffset, this.b.byteOffset, this.units, this.out.byteOffset, this.nonzeros.byteOffset);
    } else denseForward(x, n, this.fanIn, this.w, this.b, this.units, this.out);
    return this.out;
  }

  backward(x: Float64Array, dOut: Float64Array, rows: number, wantDx: boolean): Float64Array | null {
    const n = rows * this.perRow;
    if (this.kernel !== null) {
      this.kernel.denseBackward(x.byteOffset, dOut.byteOffset, n, this.fanIn, this.w64.byteOffset, this.units, this.gw.byteOffset, this.gb.byteOffset, wantDx ? this.dX.byteOffset : 0, this.sparseDx ? 1 : 0, this.nonzeros.byteOffset);
    } else {
      denseBackward(x, dOut, n, this.fanIn, this.w, this.units, this.gw, this.gb, wantDx ? this.dX : null, this.sparseDx);
    }
    return wantDx ? this.dX : null;
  }
}
