/**
 * Conv1D / Conv2D, the linear part (the activation is a kernel of its own, so `pre` noise can sit between):
 * stride 1 and valid or same padding as the tfjs engine's PatchConv, kernel [k, (k,) C, F] in Keras' layout,
 * over the library loops of layers/conv.ts (their summation order is documented there).
 */
import { convBackward, convForward } from '../../layers/conv.js';
import { inputSize, outputPositions, windowGeometry, type Padding, type WindowGeometry } from '../../layers/window.js';
import type { KernelContext, LayerKernel } from '../kernel.js';
import { WasmConv } from '../../layers/conv-wasm.js';

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
  /** The WebAssembly twin, made at the first pass (a counting arena builds kernels only to size them). */
  private twin: WasmConv | null = null;
  private readonly wasm: boolean;
  private readonly maxRows: number;

  constructor(ctx: KernelContext, private readonly filters: number, kernelSize: number, padding: Padding) {
    this.wasm = ctx.loops === 'wasm';
    this.maxRows = ctx.maxRows;
    this.geometry = windowGeometry(ctx.inShape, kernelSize, 1, padding);
    const g = this.geometry;
    this.outShape = ctx.inShape.length === 2 ? [g.outW, filters] : [g.outH, g.outW, filters];
    this.out = ctx.arena.f64(ctx.maxRows * outputPositions(g) * filters);
    this.dX = ctx.arena.f64(ctx.maxRows * inputSize(g));
    [this.kernel, this.bias] = ctx.params.values as [Float32Array, Float32Array];
    [this.gKernel, this.gBias] = ctx.params.grads as [Float64Array, Float64Array];
  }

  private wasmTwin(): WasmConv {
    this.twin ??= new WasmConv(this.geometry, this.filters, this.maxRows);
    return this.twin;
  }

  forward(x: Float64Array, rows: number): Float64Array {
    if (this.wasm) this.wasmTwin().forward(x, rows, this.kernel, this.bias, this.out);
    else convForward(this.geometry, this.filters, x, rows, this.kernel, this.bias, this.out);
    return this.out;
  }

  backward(x: Float64Array, dOut: Float64Array, rows: number, wantDx: boolean): Float64Array | null {
    const dX = wantDx ? this.dX : null;
    if (this.wasm) this.wasmTwin().backward(x, dOut, rows, this.kernel, this.gKernel, this.gBias, dX);
    else convBackward(this.geometry, this.filters, x, dOut, rows, this.kernel, this.gKernel, this.gBias, dX);
    return dX;
  }
}
