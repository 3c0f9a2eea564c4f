/** Flatten: a row-major row is already flat, so forward and backward pass their arrays on untouched. */
import type { KernelContext, LayerKernel } from '../kernel.js';
import { sizeOf } from '../kernel.js';

export class FlattenKernel implements LayerKernel {
  readonly outShape: readonly number[];
  readonly zerosIgnored: boolean;

  constructor(ctx: KernelContext) {
    this.outShape = [sizeOf(ctx.inShape)];
    this.zerosIgnored = ctx.inputZerosIgnored;
  }

  forward(x: Float64Array): Float64Array {
    return x;
  }

  backward(_x: Float64Array, dOut: Float64Array, _rows: number, wantDx: boolean): Float64Array | null {
    return wantDx ? dOut : null;
  }
}
