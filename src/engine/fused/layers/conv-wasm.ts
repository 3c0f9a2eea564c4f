/**
 * Conv1D / Conv2D of conv.ts on the WebAssembly kernel (asm/conv.ts): the same functions over the same typed
 * arrays, the same bits (test/engine/fused/layers/conv-wasm.test.ts), faster. One instance per layer owns a
 * memory sized for its geometry and batch; each call copies in what it reads (the batch, the weights, which
 * the optimizer updates between steps, dOut) and copies out what it writes: O(rows · cells) against the
 * O(rows · cells · taps · F) of the work.
 */
import { instantiateKernel, type KernelExports, Layout } from '../wasm-kernel.js';
import { inputSize, outputPositions, type WindowGeometry } from './window.js';

export class WasmConv {
  private readonly kernel: KernelExports;
  private readonly buffer: ArrayBuffer;
  private readonly at: Record<'x' | 'w' | 'b' | 'out' | 'dOut' | 'gw' | 'gb' | 'dX', number>;
  private readonly weights: number;
  private readonly geometryArgs: readonly number[];

  constructor(private readonly g: WindowGeometry, private readonly filters: number, private readonly maxRows: number) {
    const layout = new Layout();
    this.weights = g.kh * g.kw * g.channels * filters;
    const inRow = inputSize(g);
    const outRow = outputPositions(g) * filters;
    this.at = {
      // The weights as doubles: widened once a call here, not at each of their uses in the loops.
      x: layout.take(maxRows * inRow, 8), w: layout.take(this.weights, 8), b: layout.take(filters, 8),
      out: layout.take(maxRows * outRow, 8), dOut: layout.take(maxRows * outRow, 8),
      gw: layout.take(this.weights, 8), gb: layout.take(filters, 8), dX: layout.take(maxRows * inRow, 8),
    };
    ({ kernel: this.kernel, buffer: this.buffer } = instantiateKernel(layout.size));
    this.geometryArgs = [g.inH, g.inW, g.channels, g.kh, g.kw, g.sh, g.sw, g.outH, g.outW, g.top, g.left, filters];
  }

  private copyIn(x: Float64Array, rows: number, kernel: Float32Array): void {
    if (rows > this.maxRows) throw new RangeError(`WasmConv: ${rows} rows, sized for ${this.maxRows}`);
    const n = rows * inputSize(this.g);
    new Float64Array(this.buffer, this.at.x, n).set(x.subarray(0, n));
    new Float64Array(this.buffer, this.at.w, this.weights).set(kernel.subarray(0, this.weights));
  }

  /** convForward of conv.ts. */
  forward(x: Float64Array, rows: number, kernel: Float32Array, bias: Float32Array, out: Float64Array): void {
    this.copyIn(x, rows, kernel);
    new Float64Array(this.buffer, this.at.b, this.filters).set(bias.subarray(0, this.filters));
    const [inH, inW, C, kh, kw, sh, sw, outH, outW, top, left, F] = this.geometryArgs as [number, number, number, number, number, number, number, number, number, number, number, number];
    this.kernel.convForward(inH, inW, C, kh, kw, sh, sw, outH, outW, top, left, F, this.at.x, rows, this.at.w, this.at.b, this.at.out);
    const n = rows * outputPositions(this.g) * this.filters;
    out.set(new Float64Array(this.buffer, this.at.out, n));
  }

  /** convBackward of conv.ts, for the last forward over the same x. */
  backward(x: Float64Array, dOut: Float64Array, rows: number, kernel: Float32Array, gKernel: Float64Array, gBias: Float64Array, dX: Float64Array | null): void {
    this.copyIn(x, rows, kernel);
    const n = rows * outputPositions(this.g) * this.filters;
    new Float64Array(this.buffer, this.at.dOut, n).set(dOut.subarray(0, n));
    const [inH, inW, C, kh, kw, sh, sw, outH, outW, top, left, F] = this.geometryArgs as [number, number, number, number, number, number, number, number, number, number, number, number];
    this.kernel.convBackward(inH, inW, C, kh, kw, sh, sw, outH, outW, top, left, F, this.at.x, this.at.dOut, rows, this.at.w, this.at.gw, this.at.gb, dX === null ? 0 : this.at.dX);
    gKernel.set(new Float64Array(this.buffer, this.at.gw, this.weights));
    gBias.set(new Float64Array(this.buffer, this.at.gb, this.filters));
    if (dX !== null) dX.set(new Float64Array(this.buffer, this.at.dX, rows * inputSize(this.g)));
  }
}
