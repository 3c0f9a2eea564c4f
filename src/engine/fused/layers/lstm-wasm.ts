/**
 * The LSTM of lstm.ts on the WebAssembly kernel (asm/lstm.ts): the same functions over the same typed arrays,
 * the same bits (test/engine/fused/layers/lstm-wasm.test.ts), faster. One instance per layer owns a memory
 * sized for its shape and batch, with the tape inside; each call copies in what it reads (the batch, its mask,
 * the weights, which the optimizer updates between steps) and copies out what it writes. The copies are small
 * beside the work: a step of 16 units reads 17·64 weights and does 64·17 multiply-adds per row and step.
 */
import { instantiateKernel, type KernelExports, Layout } from '../wasm-kernel.js';
import { lstmOutputSize, type LstmShape } from './lstm.js';

export class WasmLstm {
  private readonly kernel: KernelExports;
  private readonly buffer: ArrayBuffer;
  private readonly at: Record<'x' | 'mask' | 'w' | 'u' | 'b' | 'out' | 'gates' | 'c' | 'h' | 'tanhC' | 'dz' | 'dh' | 'dc' | 'dhPrev' | 'dOut' | 'gw' | 'gu' | 'gb' | 'dX', number>;

  constructor(readonly shape: LstmShape, private readonly maxRows: number) {
    const { steps: T, features: F, units: U } = shape;
    const G = 4 * U;
    const layout = new Layout();
    const f64 = (n: number) => layout.take(n, 8);
    const f32 = (n: number) => layout.take(n, 4);
    this.at = {
      x: f64(maxRows * T * F), mask: f32(Math.ceil((maxRows * T) / 4)), w: f32(F * G), u: f32(U * G), b: f32(G),
      out: f64(maxRows * lstmOutputSize(shape)), gates: f64(maxRows * T * G), c: f64(maxRows * (T + 1) * U), h: f64(maxRows * (T + 1) * U),
      tanhC: f64(maxRows * T * U), dz: f64(G), dh: f64(U), dc: f64(U), dhPrev: f64(U),
      dOut: f64(maxRows * lstmOutputSize(shape)), gw: f64(F * G), gu: f64(U * G), gb: f64(G), dX: f64(maxRows * T * F),
    };
    ({ kernel: this.kernel, buffer: this.buffer } = instantiateKernel(layout.size));
  }

  private f64(at: number, n: number): Float64Array {
    return new Float64Array(this.buffer, at, n);
  }

  private f32(at: number, n: number): Float32Array {
    return new Float32Array(this.buffer, at, n);
  }

  /** Copies the batch, its mask and the weights in; returns the mask's pointer (0: no mask). */
  private load(x: Float64Array, rows: number, mask: Uint8Array | null, kernel: Float32Array, recurrent: Float32Array): number {
    if (rows > this.maxRows) throw new RangeError(`WasmLstm: ${rows} rows, sized for ${this.maxRows}`);
    const { steps: T, features: F } = this.shape;
    this.f64(this.at.x, rows * T * F).set(x.subarray(0, rows * T * F));
    this.f32(this.at.w, kernel.length).set(kernel);
    this.f32(this.at.u, recurrent.length).set(recurrent);
    if (mask === null) return 0;
    new Uint8Array(this.buffer, this.at.mask, rows * T).set(mask.subarray(0, rows * T));
    return this.at.mask;
  }

  /** lstmForward of lstm.ts (the tape stays in this instance, for backward). */
  forward(x: Float64Array, rows: number, mask: Uint8Array | null, kernel: Float32Array, recurrent: Float32Array, bias: Float32Array, out: Float64Array): void {
    const { steps: T, features: F, units: U, returnSequences } = this.shape;
    const m = this.load(x, rows, mask, kernel, recurrent);
    this.f32(this.at.b, bias.length).set(bias);
    const a = this.at;
    this.kernel.lstmForward(T, F, U, returnSequences ? 1 : 0, a.x, rows, m, a.w, a.u, a.b, a.out, a.gates, a.c, a.h, a.tanhC);
    const n = rows * lstmOutputSize(this.shape);
    out.set(this.f64(a.out, n));
  }

  /** lstmBackward of lstm.ts, for the last forward over the same x. */
  backward(
    x: Float64Array, dOut: Float64Array, rows: number, mask: Uint8Array | null, kernel: Float32Array, recurrent: Float32Array,
    gKernel: Float64Array, gRecurrent: Float64Array, gBias: Float64Array, dX: Float64Array | null,
  ): void {
    const { steps: T, features: F, units: U, returnSequences } = this.shape;
    const m = this.load(x, rows, mask, kernel, recurrent);
    const n = rows * lstmOutputSize(this.shape);
    const a = this.at;
    this.f64(a.dOut, n).set(dOut.subarray(0, n));
    this.kernel.lstmBackward(T, F, U, returnSequences ? 1 : 0, a.x, a.dOut, rows, m, a.w, a.u, a.gw, a.gu, a.gb, dX === null ? 0 : a.dX, a.gates, a.c, a.h, a.tanhC, a.dz, a.dh, a.dc, a.dhPrev);
    gKernel.set(this.f64(a.gw, F * 4 * U));
    gRecurrent.set(this.f64(a.gu, U * 4 * U));
    gBias.set(this.f64(a.gb, 4 * U));
    if (dX !== null) dX.set(this.f64(a.dX, rows * T * F));
  }
}
