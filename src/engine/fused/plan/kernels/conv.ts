/**
 * Conv1D / Conv2D, the linear part (the activation is a kernel of its own, so `pre` noise can sit between):
 * stride 1 and valid or same padding as the tfjs engine's PatchConv, kernel [k, (k,) C, F] in Keras' layout,
 * over the library loops of layers/conv.ts (their summation order is documented there), or their
 * WebAssembly twin (layers/conv-wasm.ts, the same bits) with ctx.wasm.
 */
import { convBackward, convForward } from '../../layers/conv.js';
import { WasmConv } from '../../layers/conv-wasm.js';
import { inputSize, outputPositions, windowGeometry, type Padding, type WindowGeometry } from '../../layers/window.js';
import type { KernelContext, LayerKernel } from '../kernel.js';

export class ConvKernel implements LayerKernel {
  readonly outShape: readonly number[];
  readonly zerosIgnored = false;
  private readonly geometry: WindowGeometry;
  private readonly out: Float64Array;
  private readonly dX: Float64Array;
  private readonly kernel: Float32Array;
  private readonly bias: Float32Array;
  private readonly gKernel: Float64Array;
  private readonly gBias: Float64Array;
  private readonly twin: WasmConv | null;

  constructor(ctx: KernelContext, private readonly filters: number, kernelSize: number, padding: Padding) {
    this.geometry = windowGeometry(ctx.inShape, kernelSize, 1, padding);
    const g = this.geometry;
    this.outShape = ctx.inShape.length === 2 ? [g.outW, filters] : [g.outH, g.outW, filters];
    this.out = ctx.arena.f64(ctx.maxRows * outputPositions(g) * filters);
    this.dX = ctx.arena.f64(ctx.maxRows * inputSize(g));
    [this.kernel, this.bias] = ctx.params.values as [Float32Array, Float32Array];
    [this.gKernel, this.gBias] = ctx.params.grads as [Float64Array, Float64Array];
    this.twin = null;
    if (ctx.wasm && ctx.arena.counting) {
      // The twin's own memory holds the batch, the weights, out, dOut, the gradients and dX: count about as much.
      ctx.arena.f64(2 * ctx.maxRows * (inputSize(g) + outputPositions(g) * filters) + 2 * g.kh * g.kw * g.channels * filters);
    } else if (ctx.wasm) {
      this.twin = new WasmConv(g, filters, ctx.maxRows);
    }
  }

  forward(x: Float64Array, rows: number): Float64Array {
    if (this.twin !== null) this.twin.forward(x, rows, this.kernel, this.bias, this.out);
    else convForward(this.geometry, this.filters, x, rows, this.kernel, this.bias, this.out);
    return this.out;
  }

  backward(x: Float64Array, dOut: Float64Array, rows: number, wantDx: boolean): Float64Array | null {
    if (this.twin !== null) this.twin.backward(x, dOut, rows, this.kernel, this.gKernel, this.gBias, wantDx ? this.dX : null);
    else convBackward(this.geometry, this.filters, x, dOut, rows, this.kernel, this.gKernel, this.gBias, wantDx ? this.dX : null);
    return wantDx ? this.dX : null;
  }
}
