/**
 * Keras' Masking over [steps, features] rows (layers/masking.ts): zeros on masked steps, and the step mask
 * written to the pass's `layer` mask for the kernels after it (the LSTM, noise with noise.mask).
 * maskValue is compared as float32, as tfjs compares its float32 inputs with it.
 */
import { maskingBackward, maskingForward } from '../../layers/masking.js';
import type { KernelContext, LayerKernel, Pass } from '../kernel.js';

export class MaskingKernel implements LayerKernel {
  readonly outShape: readonly number[];
  readonly zerosIgnored = false;
  private readonly steps: number;
  private readonly features: number;
  private readonly maskValue: number;
  private readonly out: Float64Array;
  private readonly dX: Float64Array;
  private mask: Uint8Array = new Uint8Array(0);

  constructor(ctx: KernelContext, maskValue: number) {
    this.outShape = ctx.inShape;
    this.steps = ctx.inShape[0]!;
    this.features = ctx.inShape[1]!;
    this.maskValue = Math.fround(maskValue);
    this.out = ctx.arena.f64(ctx.maxRows * this.steps * this.features);
    this.dX = ctx.arena.f64(ctx.maxRows * this.steps * this.features);
  }

  forward(x: Float64Array, rows: number, pass: Pass): Float64Array {
    this.mask = pass.masks.layer;
    maskingForward(this.steps, this.features, this.maskValue, x, rows, this.out, this.mask);
    return this.out;
  }

  backward(_x: Float64Array, dOut: Float64Array, rows: number, wantDx: boolean): Float64Array | null {
    if (!wantDx) return null;
    maskingBackward(this.steps, this.features, dOut, rows, this.mask, this.dX);
    return this.dX;
  }
}
