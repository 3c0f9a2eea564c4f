/**
 * Keras' LSTM (layers/lstm.ts: gates i, f, c, o, sigmoid recurrent activation, masked steps carrying state),
 * weights [kernel, recurrent kernel, bias] in tfjs' layout, reading the masking layer's step mask when the
 * plan routes one to it.
 */
import { lstmBackward, lstmForward, lstmOutputSize, LstmTape } from '../../layers/lstm.js';
import type { KernelContext, LayerKernel, Pass } from '../kernel.js';
import { WasmLstm } from '../../layers/lstm-wasm.js';
import type { LstmShape } from '../../layers/lstm.js';

export class LstmKernel implements LayerKernel {
  readonly outShape: readonly number[];
  readonly zerosIgnored = false;
  private readonly tape: LstmTape;
  private readonly out: Float64Array;
  private readonly dX: Float64Array;
  private readonly kernel: Float32Array;
  private readonly recurrent: Float32Array;
  private readonly bias: Float32Array;
  private readonly gKernel: Float64Array;
  private readonly gRecurrent: Float64Array;
  private readonly gBias: Float64Array;
  private readonly masked: boolean;
  private mask: Uint8Array | null = null;
  /** The WebAssembly twin (its tape in its own memory), made at the first pass: a counting arena only sizes kernels. */
  private twin: WasmLstm | null = null;
  private readonly wasm: boolean;
  private readonly shape: LstmShape;
  private readonly maxRows: number;

  constructor(ctx: KernelContext, units: number, returnSequences: boolean) {
    const [steps, features] = ctx.inShape as [number, number];
    const shape = { steps, features, units, returnSequences };
    this.shape = shape;
    this.wasm = ctx.loops === 'wasm';
    this.maxRows = ctx.maxRows;
    this.outShape = returnSequences ? [steps, units] : [units];
    // Taken on the WebAssembly path too: the twin keeps its own tape, and this one stands for it in the count.
    this.tape = new LstmTape(shape, ctx.maxRows, ctx.arena);
    this.out = ctx.arena.f64(ctx.maxRows * lstmOutputSize(shape));
    this.dX = ctx.arena.f64(ctx.maxRows * steps * features);
    [this.kernel, this.recurrent, this.bias] = ctx.params.values as [Float32Array, Float32Array, Float32Array];
    [this.gKernel, this.gRecurrent, this.gBias] = ctx.params.grads as [Float64Array, Float64Array, Float64Array];
    this.masked = ctx.mask === 'layer';
  }

  forward(x: Float64Array, rows: number, pass: Pass): Float64Array {
    this.mask = this.masked ? pass.masks.layer : null;
    if (this.wasm) {
      this.twin ??= new WasmLstm(this.shape, this.maxRows);
      this.twin.forward(x, rows, this.mask, this.kernel, this.recurrent, this.bias, this.out);
    } else lstmForward(this.tape, x, rows, this.mask, this.kernel, this.recurrent, this.bias, this.out);
    return this.out;
  }

  backward(x: Float64Array, dOut: Float64Array, rows: number, wantDx: boolean): Float64Array | null {
    const dX = wantDx ? this.dX : null;
    if (this.twin !== null) this.twin.backward(x, dOut, rows, this.mask, this.kernel, this.recurrent, this.gKernel, this.gRecurrent, this.gBias, dX);
    else lstmBackward(this.tape, x, dOut, rows, this.mask, this.kernel, this.recurrent, this.gKernel, this.gRecurrent, this.gBias, dX);
    return dX;
  }
}
